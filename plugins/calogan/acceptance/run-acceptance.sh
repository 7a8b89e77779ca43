#!/bin/sh
# Acceptance of the calorimeter GAN (issue 7), through the real worker:
#   simulate the 100-200 GeV set (training) and an independent test set (another seed),
#   train the GAN on CPU within the time limit, generate GAN showers for the test set's
#   conditions, validate GAN against the test set, and print per energy bin the mean sampling
#   fraction and the longitudinal profile per layer over the layers holding 95% of the energy,
#   with figures in $OUT; then a verdict per target, exiting 1 when any is missed.
#
# Targets (issue 7's acceptance), fixed here before any run they judge; the environment cannot
# change them. Judged on the independent test set, in every 20 GeV energy bin (100-200 GeV):
readonly TARGET_MAX_SAMPLING_FRACTION_ERROR=0.05 # mean sampling fraction within 5% of the MC's
readonly TARGET_MAX_PROFILE_ERROR=0.10 # longitudinal profile within 10% in every layer of the
                                       # region holding 95% of the reference energy
readonly TARGET_MAX_TRAIN_MINUTES=60   # the GAN trained on CPU in at most 60 minutes (the train
                                       # job's wall time, its final calibration included)
#
# Usage: run-acceptance.sh BUILD_DIR OUT_DIR
#        run-acceptance.sh --judge OUT_DIR   (judges the runs an earlier run left in OUT_DIR)
# Exit status: 0 every target met, 1 a target missed, 2 the run could not be made or judged.
# Environment (defaults): TRAIN_SHOWERS (10000), TEST_SHOWERS (4000), GAN_PER_CONDITION (16: GAN
#   showers drawn for each test shower's conditions, so the GAN's mean per bin is not limited by
#   its own sample noise: measured in session 6, its per-layer spread is 3-8x the reference's,
#   and with 4 per condition the standard error in layers 17-19 was still 3.5-4.8%; the
#   uncalibrated comparison draws 4), WIDTH (0.25), DEPTH (1),
#   BATCH (32), MINUTES (30: training's time limit; with the final calibration (~4.5 min),
#   simulate, generate and validate the run took 42.6 min on 2 cores in session 6),
#   THREADS (0 = all cores), SEED (1), LEARNING_RATE (1e-4: RMSprop; the original's 1e-3
#   silenced the generator every few hundred steps in our runs, and at 3e-4 the network's own
#   profile drifted 2-4x off within ~500 steps in session 6; 1e-4 gave the run that met the
#   acceptance),
#   SUM_WEIGHT (1: the deposited-energy loss; the original's 0.1 let the held-out sampling
#   fraction swing by 2x between validations 100 steps apart).
#   For a quick check of the script itself (not the acceptance): VALIDATION_SHOWERS (1024),
#   CALIBRATION_SHOWERS (4096), FINAL_CALIBRATION_SHOWERS (32768), SPREAD_SHOWERS (300).
# The model is also drawn without its per-layer calibration (generate calibration=false) and
# validated the same way, printed first for comparison; the figures of that are in
# $OUT/uncalibrated.
# Wall time of every step and the CPU time of the compute (from the runs' metrics) are printed:
# on a shared machine CPU time says what the work cost, wall time what the user waited.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)

# judge OUT: the verdict per target from the runs recorded in OUT (the step's *.out files name
# them): report.py judges the test set per energy bin, the train step's time file the training
# time. 0 when every target is met, 1 when one is missed, 2 when it cannot judge.
judge() {
    for name in simulate-train simulate-test train generate validate; do
        if [ ! -s "$1/$name.out" ] || [ ! -s "$1/$name.time" ]; then
            echo "run-acceptance: $1 has no finished $name step to judge" >&2
            return 2
        fi
    done
    verdict=0
    /usr/bin/python3 "$HERE/report.py" "$1/runs" "$(head -1 "$1/train.out")" \
        "$(head -1 "$1/generate.out")" "$(head -1 "$1/validate.out")" "$1" \
        "$(head -1 "$1/simulate-train.out")" "$(head -1 "$1/simulate-test.out")" \
        "$TARGET_MAX_SAMPLING_FRACTION_ERROR" "$TARGET_MAX_PROFILE_ERROR" || verdict=$?
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
TEST_SHOWERS=${TEST_SHOWERS:-4000}
GAN_PER_CONDITION=${GAN_PER_CONDITION:-16}
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

echo "calogan acceptance: $TRAIN_SHOWERS training showers, width $WIDTH, depth $DEPTH, batch" \
    "$BATCH, $MINUTES min of training, threads $THREADS (0 = all), $(nproc) cores" >&2
START=$(date +%s)
TRAIN_SET=$(step simulate-train simulate --set events="$TRAIN_SHOWERS" --set energy_min=100 \
    --set energy_max=200 --set theta_min=60 --set theta_max=120 --set seed="$SEED")
TEST_SET=$(step simulate-test simulate --set events="$TEST_SHOWERS" --set energy_min=100 \
    --set energy_max=200 --set theta_min=60 --set theta_max=120 --set seed=$((SEED + 1000)))
MODEL=$(step train train --input "$TRAIN_SET" --set width="$WIDTH" --set depth="$DEPTH" \
    --set batch_size="$BATCH" --set learning_rate="$LEARNING_RATE" --set sum_weight="$SUM_WEIGHT" \
    --set epochs=100000 --set time_budget_minutes="$MINUTES" \
    --set validation_showers="$VALIDATION_SHOWERS" --set validation_interval=100 \
    --set calibration_showers="$CALIBRATION_SHOWERS" \
    --set final_calibration_showers="$FINAL_CALIBRATION_SHOWERS" --set threads="$THREADS" \
    --set seed="$SEED")
GAN=$(step generate generate --input "$MODEL" --input "$TEST_SET" --set threads="$THREADS" \
    --set showers_per_condition="$GAN_PER_CONDITION" --set spread_energies=100,150,200 --set spread_thetas=90 \
    --set spread_showers="$SPREAD_SHOWERS")
CHECK=$(step validate validate --input "$TEST_SET" --input "$GAN" \
    --set energy_bins=110,130,150,170,190 --set bin_half_width=10)
END=$(date +%s)
# The same model without its per-layer calibration (the network and its energy response
# alone), for comparison: what the calibration carries is then in the numbers.
RAW=$(step generate-uncalibrated generate --input "$MODEL" --input "$TEST_SET" \
    --set threads="$THREADS" --set showers_per_condition=4 \
    --set spread_showers=0 --set calibration=false)
RAW_CHECK=$(step validate-uncalibrated validate --input "$TEST_SET" --input "$RAW" \
    --set energy_bins=110,130,150,170,190 --set bin_half_width=10)
echo "total wall time $((END - START)) s" >&2
echo "runs: train set $TRAIN_SET, test set $TEST_SET, model $MODEL, GAN showers $GAN," \
    "validation $CHECK (under $TWINBENCH_RUNS_DIR)" >&2
tail -3 "$TWINBENCH_RUNS_DIR/$MODEL/log.txt" >&2
echo "=== without the per-layer calibration (not the acceptance; for comparison)"
mkdir -p "$OUT/uncalibrated"
/usr/bin/python3 "$HERE/report.py" "$TWINBENCH_RUNS_DIR" "$MODEL" "$RAW" "$RAW_CHECK" \
    "$OUT/uncalibrated" "$TRAIN_SET" "$TEST_SET" "$TARGET_MAX_SAMPLING_FRACTION_ERROR" \
    "$TARGET_MAX_PROFILE_ERROR" || true
echo "=== the trained model as shipped (the acceptance)"
verdict=0
judge "$OUT" || verdict=$?
exit "$verdict"
