#!/bin/bash
# Acceptance of the cyclone twin (issue 6), measured end to end through the worker:
#   generate train / validation / test years at 0.25 deg (280 x 880, 6-hourly) -> train the
#   default CNN (40x40 patches, 7x22 per step) on CPU within a time budget -> infer on the
#   test years over the whole domain -> track -> validate against the true tracks.
# Prints POD, FAR, mean localisation error and every step's wall and CPU time, then a verdict
# per target, and exits 1 when any target is missed.
#
# Targets (issue 6's acceptance), fixed here before any run they judge; the environment cannot
# change them. Judged on every test year, on the infer run's tracked points (the twin's output;
# the per-step detections before tracking are printed for information):
readonly TARGET_MIN_POD=0.90           # probability of detection >= 0.90
readonly TARGET_MAX_FAR=0.10           # false-alarm ratio <= 0.10
readonly TARGET_MAX_MEAN_ERROR_KM=50   # mean localisation error <= 50 km
readonly TARGET_MAX_TRAIN_MINUTES=30   # the default model trained on CPU in at most 30 minutes
#
# Usage: run-acceptance.sh [BUILD_DIR] [OUT_DIR]
#        run-acceptance.sh --judge OUT_DIR   (judges OUT_DIR/results.txt of an earlier run again)
#   BUILD_DIR  a configured and built tree (default: build); needs twinbench-run and cyclone
#   OUT_DIR    runs, summary.txt and results.txt go here (default:
#              /tmp/twinbench-cyclone-acceptance)
# Exit status: 0 every target met, 1 a target missed, 2 the run could not be made.
# Environment (defaults in brackets):
#   SEASON       month-day range generated each year [06-01/11-30]: the cyclone season, as the
#                storms are born June-November; inference covers all of it, whole domain
#   TRAIN_YEARS  [2001 2002 2003]   VALIDATION_YEARS [2004]   TEST_YEARS [2005 2006]
#   TIME_BUDGET  training wall-time budget in minutes [28]; the issue allows 30 for training
#   THREADS      LibTorch threads [2]
#   VALIDATION_STEPS  whole-domain validation steps scored after every epoch [16]
# The machine may be shared: every step reports wall and CPU time (user + sys of the job).
set -euo pipefail

# judge RESULTS -> a verdict per target from a results.txt ("key value" lines written below);
# returns 1 when any target is missed or its number is missing.
judge() {
    /usr/bin/python3 - "$1" "$TARGET_MIN_POD" "$TARGET_MAX_FAR" "$TARGET_MAX_MEAN_ERROR_KM" \
        "$TARGET_MAX_TRAIN_MINUTES" <<'PY'
import sys
path, min_pod, max_far, max_error, max_minutes = sys.argv[1], *map(float, sys.argv[2:])
results = {}
for line in open(path):
    key, _, value = line.strip().partition(" ")
    if key:
        results[key] = value
def number(key):
    try:
        return float(results[key])
    except (KeyError, ValueError):
        return None
checks = [("train: wall time of the train job", number("train_wall_s"), "<=", max_minutes * 60,
           "s")]
years = results.get("test_years", "").split()
if not years:
    checks.append(("test years recorded", None, ">=", 1, ""))
for year in years:
    checks += [("test %s tracked points: POD" % year, number("test_%s_pod" % year), ">=",
                min_pod, ""),
               ("test %s tracked points: FAR" % year, number("test_%s_far" % year), "<=",
                max_far, ""),
               ("test %s tracked points: mean error" % year,
                number("test_%s_mean_error_km" % year), "<=", max_error, "km")]
missed = 0
print("verdict (targets of issue 6, fixed in run-acceptance.sh):")
for name, value, sense, limit, unit in checks:
    ok = value is not None and (value >= limit if sense == ">=" else value <= limit)
    missed += not ok
    shown = "missing" if value is None else "%.6g" % value
    print("  %-42s %10s %-3s target %s %g %s  %s" % (name, shown, unit, sense, limit, unit,
                                                     "met" if ok else "MISSED"))
print("ACCEPTANCE %s: %d of %d targets met" % ("MET" if not missed else "MISSED",
                                               len(checks) - missed, len(checks)))
sys.exit(1 if missed else 0)
PY
}

if [ "${1:-}" = --judge ]; then
    results="${2:?usage: run-acceptance.sh --judge OUT_DIR}/results.txt"
    [ -f "$results" ] || { echo "run-acceptance: no $results to judge" >&2; exit 2; }
    judge "$results" && exit 0 || exit 1
fi

BUILD_DIR=$(cd "${1:-build}" && pwd)
OUT_DIR=${2:-/tmp/twinbench-cyclone-acceptance}
SEASON=${SEASON:-06-01/11-30}
TRAIN_YEARS=${TRAIN_YEARS:-2001 2002 2003}
VALIDATION_YEARS=${VALIDATION_YEARS:-2004}
TEST_YEARS=${TEST_YEARS:-2005 2006}
TIME_BUDGET=${TIME_BUDGET:-28}
THREADS=${THREADS:-2}
VALIDATION_STEPS=${VALIDATION_STEPS:-16}

# The steps every acceptance script shares: a snapshot of the worker and the plugin, every job
# timed, say/record/run/timing/metric (plugins/acceptance/steps.sh).
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../../acceptance/steps.sh"
TIMING_WIDTH=34
acceptance_setup run-acceptance cyclone "$BUILD_DIR" "$OUT_DIR"

# metric FILE.json KEY -> value (metrics.json of validate), rounded for reading; `metric FILE KEY
# raw` prints it unrounded, as the verdict judges it.
metric() {
    /usr/bin/python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['metrics']; v=m.get(sys.argv[2]); print('n/a' if v is None else (round(v,3) if isinstance(v,float) and len(sys.argv) < 4 else v))" "$@"
}

say "cyclone acceptance: $(date -u +%FT%TZ) on $(hostname), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
say "season generated and evaluated each year: $SEASON (6-hourly, whole 0-70N 100E-320E domain at 0.25 deg)"
say "train years: $TRAIN_YEARS; validation years: $VALIDATION_YEARS; test years: $TEST_YEARS"
say "targets: on every test year's tracked points POD >= $TARGET_MIN_POD, FAR <= $TARGET_MAX_FAR, mean error <= $TARGET_MAX_MEAN_ERROR_KM km; training <= $TARGET_MAX_TRAIN_MINUTES min"
record test_years "$TEST_YEARS"

declare -A GENERATED
# (Created empty on a first run: with pipefail, awk on a missing file ended the script.)
touch "$OUT_DIR/generated.txt"
seed=100
for year in $TRAIN_YEARS $VALIDATION_YEARS $TEST_YEARS; do
    seed=$((seed + 1))
    period="$year-${SEASON%/*}/$year-${SEASON#*/}"
    # A generated year is deterministic (period, seed): an earlier run of this script with the
    # same settings is reused (listed in generated.txt), so a rerun only retrains and tests.
    id=$(awk -v p="$period" -v s="$seed" '$1 == p && $2 == s { print $3 }' \
        "$OUT_DIR/generated.txt" | tail -1)
    if [ -n "$id" ] && [ -f "$TWINBENCH_RUNS_DIR/$id/prov.json" ]; then
        GENERATED[$year]=$id
        timing "$id" "generate $year (seed $seed, reused)"
        continue
    fi
    id=$(run generate --set "period=$period" --set resolution=0.25 --set "seed=$seed")
    GENERATED[$year]=$id
    echo "$period $seed $id" >> "$OUT_DIR/generated.txt"
    timing "$id" "generate $year (seed $seed)"
done

inputs=()
for year in $TRAIN_YEARS $VALIDATION_YEARS; do
    inputs+=(--input "${GENERATED[$year]}")
done
validation_count=$(echo $VALIDATION_YEARS | wc -w)
trained=$(run train "${inputs[@]}" --set "validation_inputs=$validation_count" \
    --set "time_budget_minutes=$TIME_BUDGET" --set epochs=100 --set "threads=$THREADS" \
    --set "validation_steps=$VALIDATION_STEPS")
timing "$trained" "train (budget $TIME_BUDGET min)"
record train_wall_s "$WALL"
grep -h "patches of\|epoch \|validation split" "$TWINBENCH_RUNS_DIR/$trained/log.txt" |
    sed 's/^[^ ]* /    /' | tee -a "$SUMMARY"

for year in $TEST_YEARS; do
    inferred=$(run infer --input "$trained" --input "${GENERATED[$year]}" --set "threads=$THREADS")
    timing "$inferred" "infer + track $year"
    detections=$(run validate --input "$TWINBENCH_RUNS_DIR/$inferred/outputs/detections.csv" \
        --input "${GENERATED[$year]}")
    tracked=$(run validate --input "$inferred" --input "${GENERATED[$year]}")
    for id in $detections $tracked; do
        m="$TWINBENCH_RUNS_DIR/$id/outputs/metrics.json"
        what=detections
        [ "$id" = "$tracked" ] && what="tracked points"
        say "$(printf '  test %s %-15s POD %s  FAR %s  mean error %s km  median %s km  hits %s misses %s false alarms %s' \
            "$year" "$what" "$(metric "$m" pod)" "$(metric "$m" far)" "$(metric "$m" mean_error_km)" \
            "$(metric "$m" median_error_km)" "$(metric "$m" hits)" "$(metric "$m" misses)" \
            "$(metric "$m" false_alarms)")"
    done
    m="$TWINBENCH_RUNS_DIR/$tracked/outputs/metrics.json"
    for key in pod far mean_error_km; do
        record "test_${year}_$key" "$(metric "$m" "$key" raw)"
    done
    say "  test $year tracks: $(metric "$m" track_hits) of $(metric "$m" truth_tracks) true tracks hit, $(metric "$m" track_false_alarms) false-alarm tracks of $(metric "$m" detected_tracks)"
done
say "finished $(date -u +%FT%TZ); runs in $TWINBENCH_RUNS_DIR"
judge "$RESULTS" | tee -a "$SUMMARY"
