#!/bin/sh
# Checks that a bench fails on a miss: runs it with TWINBENCH_BENCH_HANDICAP=N (its measured side
# does its work N times per timing, BenchTargets.h) and expects a non-zero exit, a JSON written
# into DIR (not over the real result) that records the handicap, and at least one target marked
# missed with its ratio beyond the limit. A crash or a bench that never measured does not count.
#
# Usage: expect-miss.sh DIR N BENCH_EXECUTABLE JSON_NAME
set -u
DIR=$1
N=$2
BENCH=$3
NAME=$4
mkdir -p "$DIR"
rm -f "$DIR/$NAME.json"
TWINBENCH_BENCH_DIR="$DIR" TWINBENCH_BENCH_HANDICAP="$N" "$BENCH"
status=$?
if [ "$status" -eq 0 ]; then
    echo "expect-miss: $BENCH passed although its measured side did its work $N times" >&2
    exit 1
fi
exec /usr/bin/python3 - "$DIR/$NAME.json" "$N" "$status" <<'PY'
import json, sys
path, handicap, status = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    result = json.load(open(path))
except (OSError, ValueError) as error:
    sys.exit("expect-miss: the bench exited %s without writing %s (%s): it failed before "
             "measuring, not on its target" % (status, path, error))
missed = [t for t in result["targets"] if not t["pass"]]
if result.get("handicap") != handicap or result["pass"] or not missed:
    sys.exit("expect-miss: %s does not record a missed target under handicap %d" % (path, handicap))
for t in missed:
    beyond = t["ratio"] > t["limit"] if t["better"] == "lower" else t["ratio"] < t["limit"]
    if not beyond:
        sys.exit("expect-miss: %s marks %s missed with ratio %s inside %s" % (
            path, t["name"], t["ratio"], t["target"]))
    print("expect-miss: as expected, exit %s; %s: ratio %.3f, target %s (%s %.4g %s against %s %.4g)"
          % (status, t["name"], t["ratio"], t["target"], t["measured_what"], t["measured"],
             t["unit"], t["peer_what"], t["peer"]))
PY
