#!/bin/bash
# Acceptance of the pulsar twin's networks (issue 20), measured end to end through the worker:
#   simulate a training set (seed 101) -> train the U-Net and classifier on CPU within a time
#   budget -> simulate a balanced test set with another seed (202) -> validate: the networks and
#   the dedispersion peer on the same test frames.
# Prints the numbers and every step's wall and CPU time, then a verdict per target, and exits 1
# when any target is missed.
#
# Targets (issue 20's acceptance), fixed here before any run they judge; the environment cannot
# change them:
readonly TARGET_MIN_PULSAR_ACCURACY=0.95 # pulsar present/absent accuracy, balanced test set
readonly TARGET_MIN_RFI_F1=0.95          # F1 of NBRFI and of BBRFI
readonly TARGET_MIN_RECALL=0.90          # at 0.2% prevalence, from the per-class rates ...
readonly TARGET_MAX_FALSE_ALARMS=1.0     # ... with at most this many false alarms per 1,000 frames
readonly TARGET_PREVALENCE=0.002
readonly TARGET_MIN_PULSAR_FREE=10000    # pulsar-free test frames the rates are measured on
readonly TARGET_MAX_TRAIN_MINUTES=30     # training on CPU (2 cores) in at most 30 minutes
# and: recall above the dedispersion peer's in the lowest S/N bin where the peer's recall is
# below 0.9 (the peer's threshold set for the classifier's false-alarm count on the same frames).
readonly PEER_RECALL_BELOW=0.9
# The test set's S/N, log-uniform from below the peer's detection threshold (about 15-20 at a 1%
# false-alarm rate, README) upwards, and the bins recall is compared in:
readonly TEST_SNR_MIN=10
readonly TEST_SNR_MAX=100
readonly SNR_BINS=10,12.5,15,20,30,50,100
#
# Usage: run-acceptance.sh [BUILD_DIR] [OUT_DIR]
#        run-acceptance.sh --judge OUT_DIR   (judges OUT_DIR/results.txt of an earlier run again)
#   BUILD_DIR  a configured and built tree (default: build); needs twinbench-run and pulsar
#   OUT_DIR    runs, summary.txt and results.txt go here (default:
#              /tmp/twinbench-pulsar-acceptance)
# Exit status: 0 every target met, 1 a target missed, 2 the run could not be made.
# Environment (defaults in brackets; smaller values check the script, not the targets):
#   TRAIN_FRAMES [12000]  TEST_FRAMES [20500] (half of them pulsar-free)  CHANNELS [600]
#   GRID [128]: the networks' grid (GRID x GRID)   TIME_BUDGET [18] training minutes
#   (reading the frames and scoring the held-out split come on top; the target is 30 for the job)
#   EPOCHS [100] (the budget ends training first)  THREADS [2]  PULSAR_FALSE_ALARM_RATE [0.0007]
#   CALIBRATION_FRAMES [6000]: pulsar-free frames (seed 404) train scores, not trains on, to set
#   P(pulsar)'s threshold with the held-out split's (train's calibration_inputs)
#   NEGATIVE_WEIGHT [4]: train's pulsar_negative_weight
# Smoke run of the script (about 5 minutes; misses the targets, exits 1):
#   TRAIN_FRAMES=400 CALIBRATION_FRAMES=300 TEST_FRAMES=300 CHANNELS=64 GRID=32 TIME_BUDGET=1 \
#     EPOCHS=2 \
#     plugins/pulsar/acceptance/run-acceptance.sh build /tmp/pulsar-acceptance-smoke
set -euo pipefail

judge() {
    /usr/bin/python3 - "$1" "$TARGET_MIN_PULSAR_ACCURACY" "$TARGET_MIN_RFI_F1" \
        "$TARGET_MIN_RECALL" "$TARGET_MAX_FALSE_ALARMS" "$TARGET_MIN_PULSAR_FREE" \
        "$TARGET_MAX_TRAIN_MINUTES" "$PEER_RECALL_BELOW" <<'PY'
import sys
path = sys.argv[1]
min_acc, min_f1, min_recall, max_fa, min_free, max_minutes, peer_below = map(float, sys.argv[2:])
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
checks = [
    ("train: wall time of the train job", number("train_wall_s"), "<=", max_minutes * 60, "s"),
    ("pulsar-free test frames", number("pulsar_free_frames"), ">=", min_free, ""),
    ("pulsar accuracy (balanced)", number("accuracy_pulsar"), ">=", min_acc, ""),
    ("F1 NBRFI", number("f1_nbrfi"), ">=", min_f1, ""),
    ("F1 BBRFI", number("f1_bbrfi"), ">=", min_f1, ""),
    ("recall at 0.2% prevalence", number("recall_at_prevalence"), ">=", min_recall, ""),
    ("false alarms per 1,000 frames at 0.2%", number("false_alarms_per_1000"), "<=", max_fa, ""),
]
# The lowest S/N bin where the peer's recall is below 0.9: the classifier's recall must exceed it.
bins = []
for key, value in results.items():
    if key.startswith("bin_"):
        low, classifier, peer = value.split()
        bins.append((float(low), float(classifier), float(peer)))
bins.sort()
lowest = next((b for b in bins if b[2] == b[2] and b[2] < peer_below), None)
if lowest is None:
    checks.append(("an S/N bin where the peer's recall < %.2g" % peer_below, None, ">", 0, ""))
else:
    checks.append(("recall - peer's, S/N bin from %g (peer %.3f)" % (lowest[0], lowest[2]),
                   lowest[1] - lowest[2], ">", 0, ""))
missed = 0
print("verdict (targets of issue 20, fixed in run-acceptance.sh):")
for name, value, sense, limit, unit in checks:
    ok = value is not None and value == value and (
        value >= limit if sense == ">=" else value <= limit if sense == "<=" else value > limit)
    missed += not ok
    shown = "missing" if value is None else "%.6g" % value
    print("  %-50s %10s %-2s target %s %g %s  %s" % (name, shown, unit, sense, limit, unit,
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
OUT_DIR=${2:-/tmp/twinbench-pulsar-acceptance}
TRAIN_FRAMES=${TRAIN_FRAMES:-12000}
# 20,500, not 20,000: each frame holds a pulsar with probability 0.5, and 20,000 frames of seed
# 202 held 9,982 pulsar-free (session 16's run missed the 10,000 by 18); a frame's draws depend
# only on the seed and its index, so the 500 more add about 250 (sd 11) to the same frames.
TEST_FRAMES=${TEST_FRAMES:-20500}
CHANNELS=${CHANNELS:-600}
GRID=${GRID:-128}
# 18 training minutes: reading and preparing the 12,000 frames at 600 channels for a 128 x 128
# grid took 11 s per 200 frames on a loaded machine (session 12), so up to about 11 minutes
# loaded, 4-5 quiet, and the held-out split and the 6,000 calibration frames are read and
# scored after the budget (about 3-4 minutes quiet); the job must stay within the 30-minute
# target, which needs a quiet machine.
TIME_BUDGET=${TIME_BUDGET:-18}
EPOCHS=${EPOCHS:-100}
# P(pulsar)'s threshold is set by train on the pulsar-free frames of its held-out split (about
# 1,200 of the 12,000) and of a calibration run (6,000, seed 404, not trained on). The rate
# asked is 0.0007, not the target's 0.001: the test set's 10,000 pulsar-free frames measure a
# true rate of 0.001 as above 1 per 1,000 about as often as below (binomial noise, about 0.3 per
# 1,000), so the operating point sits below the limit; with about 7,200 frames the threshold is
# the 5th largest score, not an extreme one (small run: asking 0.0005 of 3,131 frames put it
# above the largest and cost recall 0.965 -> 0.810; plugins/pulsar/README.md). The
# pulsar-free frames weigh 4 in P(pulsar)'s loss: at 0.2% prevalence the tail of their scores
# is what counts (small run, 240 steps: recall at 1 false alarm per 1,000 frames 0.815 ->
# 0.907). Training settings, chosen without the test set; not targets.
PULSAR_FALSE_ALARM_RATE=${PULSAR_FALSE_ALARM_RATE:-0.0007}
CALIBRATION_FRAMES=${CALIBRATION_FRAMES:-6000}
NEGATIVE_WEIGHT=${NEGATIVE_WEIGHT:-4}
THREADS=${THREADS:-2}

# The steps every acceptance script takes (snapshot of the worker and plugin, timed jobs, say,
# record, run, timing): plugins/acceptance/steps.sh.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../../acceptance/steps.sh"
acceptance_setup run-acceptance pulsar "$BUILD_DIR" "$OUT_DIR"

say "pulsar acceptance: $(date -u +%FT%TZ) on $(hostname), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
say "settings: $TRAIN_FRAMES training frames, $CALIBRATION_FRAMES calibration frames, $TEST_FRAMES test frames, $CHANNELS channels, grid ${GRID}x$GRID, budget $TIME_BUDGET min, pulsar-free weight $NEGATIVE_WEIGHT, $THREADS threads"
say "test S/N log-uniform $TEST_SNR_MIN..$TEST_SNR_MAX, bins $SNR_BINS; prevalence $TARGET_PREVALENCE"

common=(--set "channels=$CHANNELS" --set pulsar_fraction=0.5 --set "threads=$THREADS")
training=$(run simulate --set "frames=$TRAIN_FRAMES" --set seed=101 --set snr_min=8 \
    --set snr_max=100 "${common[@]}")
timing "$training" "simulate training set (seed 101)"
calibration=$(run simulate --set "frames=$CALIBRATION_FRAMES" --set seed=404 --set snr_min=8 \
    --set snr_max=100 --set "channels=$CHANNELS" --set pulsar_fraction=0 --set "threads=$THREADS")
timing "$calibration" "simulate calibration set (seed 404)"
trained=$(run train --input "$training" --input "$calibration" --set calibration_inputs=1 \
    --set "grid_phase_bins=$GRID" --set "grid_channels=$GRID" \
    --set "time_budget_minutes=$TIME_BUDGET" --set "epochs=$EPOCHS" --set "threads=$THREADS" \
    --set seed=1 --set validation_fraction=0.2 --set tune_thresholds=true \
    --set "pulsar_false_alarm_rate=$PULSAR_FALSE_ALARM_RATE" \
    --set "pulsar_negative_weight=$NEGATIVE_WEIGHT")
timing "$trained" "train (budget $TIME_BUDGET min)"
record train_wall_s "$WALL"
grep -h "frames on a\|epoch \|calibration: \|thresholds: \|kept the model" "$TWINBENCH_RUNS_DIR/$trained/log.txt" |
    sed 's/^[^ ]* /    /' | tee -a "$SUMMARY"
test_set=$(run simulate --set "frames=$TEST_FRAMES" --set seed=202 --set "snr_min=$TEST_SNR_MIN" \
    --set "snr_max=$TEST_SNR_MAX" "${common[@]}")
timing "$test_set" "simulate test set (seed 202)"
validated=$(run validate --input "$trained" --input "$test_set" --set "snr_bins=$SNR_BINS" \
    --set "prevalence=$TARGET_PREVALENCE" --set "threads=$THREADS")
timing "$validated" "validate (networks and peer)"
outputs="$TWINBENCH_RUNS_DIR/$validated/outputs"
/usr/bin/python3 - "$outputs" "$RESULTS" <<'PY' | tee -a "$SUMMARY"
import csv, json, sys
outputs, results = sys.argv[1], sys.argv[2]
m = json.load(open(outputs + "/validation.json"))
with open(results, "a") as out:
    for key in ("accuracy_pulsar", "f1_nbrfi", "f1_bbrfi", "recall_at_prevalence",
                "false_alarms_per_1000", "pulsar_free_frames"):
        out.write("%s %s\n" % (key, m.get(key, "")))
    for row in csv.DictReader(open(outputs + "/snr_bins.csv")):
        if row["pulsars"] not in ("", "0"):
            out.write("bin_%s %s %s %s\n" % (row["snr_low"], row["snr_low"],
                                             row["classifier_recall"], row["peer_recall"] or "nan"))
def g(key):
    v = m.get(key)
    return "n/a" if v is None else "%.4g" % v
print("  %s frames (%s pulsar-free): pulsar accuracy %s, AUC %s; F1 NBRFI %s, BBRFI %s" %
      (g("frames"), g("pulsar_free_frames"), g("accuracy_pulsar"), g("auc_pulsar"),
       g("f1_nbrfi"), g("f1_bbrfi")))
print("  at prevalence %s: recall %s [%s, %s], false alarms per 1000 frames %s [%s, %s] "
      "(95%% Wilson)" % (g("prevalence"), g("recall_at_prevalence"), g("recall_at_prevalence_low"),
                         g("recall_at_prevalence_high"), g("false_alarms_per_1000"),
                         g("false_alarms_per_1000_low"), g("false_alarms_per_1000_high")))
print("  peer at the same false-alarm count (threshold S/N %s): recall %s, AUC %s, false alarms "
      "per 1000 %s" % (g("peer_threshold_snr"), g("peer_recall"), g("peer_auc"),
                       g("peer_false_alarms_per_1000")))
for row in csv.DictReader(open(outputs + "/snr_bins.csv")):
    print("  S/N %s-%s: %s pulsars, recall %s (peer %s)" % (row["snr_low"], row["snr_high"],
          row["pulsars"], row["classifier_recall"] or "n/a", row["peer_recall"] or "n/a"))
PY
say "finished $(date -u +%FT%TZ); runs in $TWINBENCH_RUNS_DIR"
judge "$RESULTS" | tee -a "$SUMMARY"
