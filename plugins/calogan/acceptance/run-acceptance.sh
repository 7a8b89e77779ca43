#!/bin/sh
# Acceptance of the calorimeter GAN (issues 7 and 23), through the real worker:
#   simulate the 100-200 GeV set (training) and an independent test set (another seed),
#   train the GAN on CPU within the time limit (and measure its speed-up against the cascade
#   reference), generate GAN showers for the test set's conditions twice: the shipped model
#   (with its corrections: the energy response and the per-layer calibration, both fitted on
#   training showers only) and the network alone (both off); validate both against the test set
#   in one run, and print per 20 GeV bin, side by side, the sampling fraction, the longitudinal
#   profile over the layers holding 95% of the energy, the transverse profile, the per-layer
#   spread ratio, the layer-energy correlations, the hit multiplicity and the classifier
#   two-sample test's AUC, with figures in $OUT; then a verdict per target, exiting 1 when any
#   is missed.
#
# Targets, fixed here before any run they judge; the environment cannot change them. Judged on
# the independent test set, in every 20 GeV energy bin (100-200 GeV).
# The shipped model (issue 7's acceptance, then issue 23 item 4):
readonly TARGET_MAX_SAMPLING_FRACTION_ERROR=0.05 # mean sampling fraction within 5% of the MC's
readonly TARGET_MAX_PROFILE_ERROR=0.10 # longitudinal profile within 10% in every layer of the
                                       # region holding 95% of the reference energy
readonly TARGET_MAX_TRANSVERSE_ERROR=0.15 # transverse (x and y) profiles: mean relative
                                          # difference over the columns holding 95% <= 15%
readonly TARGET_MIN_SPREAD_RATIO=0.8  # per-layer spread of the layer energy, generated over
readonly TARGET_MAX_SPREAD_RATIO=1.25 # reference, within [0.8, 1.25] on the layers holding 95%
readonly TARGET_MAX_HITS_ERROR=0.10   # hit multiplicity (cells above 3e-4 GeV) within 10%
readonly TARGET_MAX_CLASSIFIER_AUC=0.75 # classifier two-sample test on held-out showers
readonly TARGET_MIN_CLASSIFIER_SHOWERS=10000 # showers per class in that test (the issue's
                                             # >= 10,000: train + early stopping + held-out)
# The network alone (generate calibration=false energy_response=false), issue 23 item 4:
readonly TARGET_ALONE_MAX_SAMPLING_FRACTION_ERROR=0.05
readonly TARGET_ALONE_MAX_PROFILE_ERROR=0.10
readonly TARGET_MAX_TRAIN_MINUTES=60   # the GAN trained on CPU in at most 60 minutes (the train
                                       # job's wall time, its final calibration and speed-up
                                       # measurement included)
#
# Usage: run-acceptance.sh BUILD_DIR OUT_DIR
#        run-acceptance.sh --judge OUT_DIR   (judges the runs an earlier run left in OUT_DIR)
# Exit status: 0 every target met, 1 a target missed, 2 the run could not be made or judged.
# Environment (defaults): TRAIN_SHOWERS (10000), TEST_SHOWERS (10000: the classifier test takes
#   one shower per test condition from each sample, so this is its showers per class),
#   GAN_PER_CONDITION (6: GAN showers drawn for each test shower's conditions, so the GAN's
#   mean per bin is not limited by its own sample noise: measured in session 6, its per-layer
#   spread is 3-8x the reference's, and with 4 per condition of 4000 test showers the standard
#   error in layers 17-19 was still 3.5-4.8%; 6 of 10000 is 60000 showers, as 16 of 4000 were),
#   ALONE_PER_CONDITION (2, for the network alone), ARCHITECTURE (gan; two_stage: the layer
#   flow learns the 25 layer energies first and the 3DGAN's layers are normalised to them,
#   issue 23 item 4), STAGE2 (gan; shapes: two_stage's stage 2 is the learned lateral sampler
#   instead of the 3DGAN, fitted on the training showers, and no GAN is trained, so MINUTES
#   and the GAN's settings are unused; ARCHITECTURE then defaults to two_stage),
#   FLOW_STEPS (3000: the layer flow's steps, two_stage only), WIDTH (0.25),
#   DEPTH (1),
#   BATCH (32), MINUTES (30: training's time limit; with the final calibration (~4.5 min),
#   simulate, generate and validate the run took 42.6 min on 2 cores in session 6; validate's
#   two classifier tests add to that: at 4,000 showers per class both took 504 s of validate's
#   wall time on a loaded 2-core machine in session 13, so expect ~20 min at 10,000),
#   THREADS (0 = all cores), SEED (1), LEARNING_RATE (1e-4: RMSprop; the original's 1e-3
#   silenced the generator every few hundred steps in our runs, and at 3e-4 the network's own
#   profile drifted 2-4x off within ~500 steps in session 6; 1e-4 gave the run that met the
#   acceptance),
#   SUM_WEIGHT (1: the deposited-energy loss; the original's 0.1 let the held-out sampling
#   fraction swing by 2x between validations 100 steps apart), SPEED_SHOWERS (16: cascade
#   showers per energy for the speed-up at 10, 100, 200 GeV; ~7 CPU s at 200 GeV).
#   For a quick check of the script itself (not the acceptance): VALIDATION_SHOWERS (1024),
#   CALIBRATION_SHOWERS (4096), FINAL_CALIBRATION_SHOWERS (32768), SPREAD_SHOWERS (300),
#   CLASSIFIER_EPOCHS (50). Session 13's smoke run of the script (every step, the report and
#   the verdict, exit 1) took 81 s: TRAIN_SHOWERS=300 TEST_SHOWERS=200 MINUTES=0.5 WIDTH=0.125
#   DEPTH=0 BATCH=8 VALIDATION_SHOWERS=64 CALIBRATION_SHOWERS=128 FINAL_CALIBRATION_SHOWERS=256
#   SPREAD_SHOWERS=20 SPEED_SHOWERS=1 CLASSIFIER_EPOCHS=3 GAN_PER_CONDITION=2 THREADS=1.
# Wall time of every step and the CPU time of the compute (from the runs' metrics) are printed:
# on a shared machine CPU time says what the work cost, wall time what the user waited.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)

# judge OUT: the verdict per target from the runs recorded in OUT (the step's *.out files name
# them): report.py judges the test set per energy bin, the train step's time file the training
# time. 0 when every target is met, 1 when one is missed, 2 when it cannot judge.
judge() {
    for name in simulate-train simulate-test train generate generate-alone validate; do
        if [ ! -s "$1/$name.out" ] || [ ! -s "$1/$name.time" ]; then
            echo "run-acceptance: $1 has no finished $name step to judge" >&2
            return 2
        fi
    done
    verdict=0
    /usr/bin/python3 "$HERE/report.py" "$1/runs" "$(head -1 "$1/train.out")" \
        "$(head -1 "$1/generate.out")" "$(head -1 "$1/validate.out")" "$1" \
        "$(head -1 "$1/simulate-train.out")" "$(head -1 "$1/simulate-test.out")" \
        max_sampling_fraction_error="$TARGET_MAX_SAMPLING_FRACTION_ERROR" \
        max_profile_error="$TARGET_MAX_PROFILE_ERROR" \
        max_transverse_error="$TARGET_MAX_TRANSVERSE_ERROR" \
        min_spread_ratio="$TARGET_MIN_SPREAD_RATIO" max_spread_ratio="$TARGET_MAX_SPREAD_RATIO" \
        max_hits_error="$TARGET_MAX_HITS_ERROR" max_classifier_auc="$TARGET_MAX_CLASSIFIER_AUC" \
        min_classifier_showers="$TARGET_MIN_CLASSIFIER_SHOWERS" \
        alone_max_sampling_fraction_error="$TARGET_ALONE_MAX_SAMPLING_FRACTION_ERROR" \
        alone_max_profile_error="$TARGET_ALONE_MAX_PROFILE_ERROR" || verdict=$?
    case $verdict in
    0) ;;
    3) verdict=1 ;; # report.py's "a target missed"; any other status is its failure
    *)
        echo "run-acceptance: report.py could not judge $1 (exit $verdict)" >&2
        return 2
        ;;
    esac
    read -r wall user system <"$1/train.time"
    if [ "$(echo "$wall <= $TARGET_MAX_TRAIN_MINUTES * 60" | bc)" = 1 ]; then
        echo "  training time: $wall s, target <= $TARGET_MAX_TRAIN_MINUTES min: met"
    else
        echo "  training time: $wall s, target <= $TARGET_MAX_TRAIN_MINUTES min: MISSED"
        verdict=1
    fi
    if [ "$verdict" = 0 ]; then
        echo "ACCEPTANCE MET (targets fixed in run-acceptance.sh)"
    else
        echo "ACCEPTANCE MISSED (targets fixed in run-acceptance.sh)"
    fi
    return "$verdict"
}

if [ "${1:-}" = --judge ]; then
    OUT=$(cd "${2:?usage: run-acceptance.sh --judge OUT_DIR}" && pwd)
    verdict=0
    judge "$OUT" || verdict=$?
    exit "$verdict"
fi
BUILD=$(cd "${1:?usage: run-acceptance.sh BUILD_DIR OUT_DIR}" && pwd)
OUT=${2:?usage: run-acceptance.sh BUILD_DIR OUT_DIR}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORKER="$BUILD/app/twinbench-run/twinbench-run"
export TWINBENCH_PLUGIN_PATH="$BUILD/plugins"
export TWINBENCH_RUNS_DIR="$OUT/runs"
export TWINBENCH_WORKER_EXECUTABLE="$WORKER"
TRAIN_SHOWERS=${TRAIN_SHOWERS:-10000}
TEST_SHOWERS=${TEST_SHOWERS:-10000}
GAN_PER_CONDITION=${GAN_PER_CONDITION:-6}
ALONE_PER_CONDITION=${ALONE_PER_CONDITION:-2}
SPEED_SHOWERS=${SPEED_SHOWERS:-16}
CLASSIFIER_EPOCHS=${CLASSIFIER_EPOCHS:-50}
STAGE2=${STAGE2:-gan}
if [ "$STAGE2" = shapes ]; then
    ARCHITECTURE=${ARCHITECTURE:-two_stage}
else
    ARCHITECTURE=${ARCHITECTURE:-gan}
fi
FLOW_STEPS=${FLOW_STEPS:-3000}
WIDTH=${WIDTH:-0.25}
DEPTH=${DEPTH:-1}
BATCH=${BATCH:-32}
MINUTES=${MINUTES:-30}
THREADS=${THREADS:-0}
SEED=${SEED:-1}
LEARNING_RATE=${LEARNING_RATE:-0.0001}
SUM_WEIGHT=${SUM_WEIGHT:-1}
VALIDATION_SHOWERS=${VALIDATION_SHOWERS:-1024}
CALIBRATION_SHOWERS=${CALIBRATION_SHOWERS:-4096}
FINAL_CALIBRATION_SHOWERS=${FINAL_CALIBRATION_SHOWERS:-32768}
SPREAD_SHOWERS=${SPREAD_SHOWERS:-300}
mkdir -p "$TWINBENCH_RUNS_DIR"

# step NAME ARGS...: runs one action to its end, prints its wall and CPU time, echoes the id.
step() {
    name=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$OUT/$name.time" "$WORKER" run calogan "$@" --wait \
        >"$OUT/$name.out" 2>"$OUT/$name.err" || {
        echo "step $name failed:" >&2
        tail -20 "$OUT/$name.err" >&2
        exit 2
    }
    read -r wall user system <"$OUT/$name.time"
    # The action runs in the worker's job process, not in this client: its CPU time comes
    # from the run's own metrics (report.py prints it).
    echo "$name: wall $wall s" >&2
    head -1 "$OUT/$name.out"
}

echo "calogan acceptance: $TRAIN_SHOWERS training showers, $ARCHITECTURE (stage 2 $STAGE2), width $WIDTH, depth $DEPTH, batch" \
    "$BATCH, $MINUTES min of training, threads $THREADS (0 = all), $(nproc) cores" >&2
START=$(date +%s)
TRAIN_SET=$(step simulate-train simulate --set events="$TRAIN_SHOWERS" --set energy_min=100 \
    --set energy_max=200 --set theta_min=60 --set theta_max=120 --set seed="$SEED")
TEST_SET=$(step simulate-test simulate --set events="$TEST_SHOWERS" --set energy_min=100 \
    --set energy_max=200 --set theta_min=60 --set theta_max=120 --set seed=$((SEED + 1000)))
MODEL=$(step train train --input "$TRAIN_SET" --set architecture="$ARCHITECTURE" --set stage2="$STAGE2" \
    --set flow_steps="$FLOW_STEPS" --set width="$WIDTH" --set depth="$DEPTH" \
    --set batch_size="$BATCH" --set learning_rate="$LEARNING_RATE" --set sum_weight="$SUM_WEIGHT" \
    --set epochs=100000 --set time_budget_minutes="$MINUTES" \
    --set validation_showers="$VALIDATION_SHOWERS" --set validation_interval=100 \
    --set calibration_showers="$CALIBRATION_SHOWERS" \
    --set final_calibration_showers="$FINAL_CALIBRATION_SHOWERS" --set threads="$THREADS" \
    --set speed_showers="$SPEED_SHOWERS" --set seed="$SEED")
GAN=$(step generate generate --input "$MODEL" --input "$TEST_SET" --set threads="$THREADS" \
    --set showers_per_condition="$GAN_PER_CONDITION" --set spread_energies=100,150,200 --set spread_thetas=90 \
    --set spread_showers="$SPREAD_SHOWERS")
# The network alone: the same model without its energy response and per-layer calibration.
ALONE=$(step generate-alone generate --input "$MODEL" --input "$TEST_SET" \
    --set threads="$THREADS" --set showers_per_condition="$ALONE_PER_CONDITION" \
    --set spread_showers=0 --set calibration=false --set energy_response=false)
CHECK=$(step validate validate --input "$TEST_SET" --input "$GAN" --input "$ALONE" \
    --set energy_bins=110,130,150,170,190 --set bin_half_width=10 \
    --set classifier_showers="$TEST_SHOWERS" --set classifier_epochs="$CLASSIFIER_EPOCHS" \
    --set threads="$THREADS" --set seed="$SEED")
END=$(date +%s)
echo "total wall time $((END - START)) s" >&2
echo "runs: train set $TRAIN_SET, test set $TEST_SET, model $MODEL, GAN showers $GAN," \
    "network alone $ALONE, validation $CHECK (under $TWINBENCH_RUNS_DIR)" >&2
tail -6 "$TWINBENCH_RUNS_DIR/$MODEL/log.txt" >&2
echo "=== the shipped model and the network alone (the acceptance)"
verdict=0
judge "$OUT" || verdict=$?
exit "$verdict"
