#!/bin/sh
# Acceptance of the calorimeter GAN (issue 7), through the real worker:
#   simulate the 100-200 GeV set (training) and an independent test set (another seed),
#   train the GAN on CPU within the time limit, generate GAN showers for the test set's
#   conditions, validate GAN against the test set, and print per energy bin the mean sampling
#   fraction (target: within 5% of the reference) and the longitudinal profile per layer over
#   the layers holding 95% of the energy (target: within 10%); figures in $OUT.
#
# Usage: run-acceptance.sh BUILD_DIR OUT_DIR
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
# The model is also drawn without its per-layer calibration (generate calibration=false) and
# validated the same way, printed first for comparison; the figures of that are in
# $OUT/uncalibrated.
# Wall time of every step and the CPU time of the compute (from the runs' metrics) are printed:
# on a shared machine CPU time says what the work cost, wall time what the user waited.
set -eu
BUILD=$(cd "${1:?usage: run-acceptance.sh BUILD_DIR OUT_DIR}" && pwd)
OUT=${2:?usage: run-acceptance.sh BUILD_DIR OUT_DIR}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
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
mkdir -p "$TWINBENCH_RUNS_DIR"

# step NAME ARGS...: runs one action to its end, prints its wall and CPU time, echoes the id.
step() {
    name=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$OUT/$name.time" "$WORKER" run calogan "$@" --wait \
        >"$OUT/$name.out" 2>"$OUT/$name.err" || {
        echo "step $name failed:" >&2
        tail -20 "$OUT/$name.err" >&2
        exit 1
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
    --set epochs=100000 --set max_minutes="$MINUTES" \
    --set validation_showers=1024 --set validation_interval=100 --set threads="$THREADS" \
    --set seed="$SEED")
GAN=$(step generate generate --input "$MODEL" --input "$TEST_SET" --set threads="$THREADS" \
    --set showers_per_condition="$GAN_PER_CONDITION" --set spread_energies=100,150,200 --set spread_thetas=90 --set spread_showers=300)
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
    "$OUT/uncalibrated" "$TRAIN_SET" "$TEST_SET" || true
echo "=== the trained model as shipped (the acceptance)"
/usr/bin/python3 "$HERE/report.py" "$TWINBENCH_RUNS_DIR" "$MODEL" "$GAN" "$CHECK" "$OUT" \
    "$TRAIN_SET" "$TEST_SET"
