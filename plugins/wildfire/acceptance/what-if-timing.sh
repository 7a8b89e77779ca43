#!/bin/bash
# Timing of the what_if query (issue 19 item 6) through a real `twinbench-run serve`, at the
# issue's size: a global 1 degree cube (2001-2002) and the default UNet++ (depth 2 x 16 filters;
# trained for one batch: speed does not depend on how well). One session, one step (2002-07-12);
# each case asks a first question (which loads the model and the cube, and predicts the step
# as generated) and then QUESTIONS more with other temperature offsets, timed end to end by
# the client (request written to answer parsed).
#
# Target (issue 19 item 6), fixed here before any run it judges; the environment cannot change
# it: the median round trip of every case below is under 1 second.
readonly TARGET_MAX_MEDIAN_MS=1000
# Cases (region west,south,east,north; Monte Carlo dropout passes):
#   southern Africa (10,-35,45,15; the region the parameter's help names), 5 passes (the default)
#   the whole globe (the region's default), 0 passes (one deterministic pass)
#   the whole globe, 5 passes
#
# Usage: what-if-timing.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  a built tree with twinbench-run and the wildfire plugin (default: build)
#   OUT_DIR    runs, logs and timing.txt go here (default: /tmp/twinbench-wildfire-what-if)
# Environment: QUESTIONS [9] timed questions per case; MODEL and CUBE reuse a train and a
# generate run (directories) instead of making them.
# Exit status: 0 every case under the target, 1 a case missed, 2 the measurement failed.
set -uo pipefail

build=$(realpath "${1:-build}")
out=$(realpath -m "${2:-/tmp/twinbench-wildfire-what-if}")
worker="$build/app/twinbench-run/twinbench-run"
if [[ ! -x "$worker" || ! -f "$build/plugins/wildfire.so" ]]; then
    echo "what-if-timing: $build has no twinbench-run or plugins/wildfire.so (build them)" >&2
    exit 2
fi
mkdir -p "$out"
export TWINBENCH_RUNS_DIR="$out" TWINBENCH_PLUGIN_PATH="$build/plugins" TWINBENCH_PLUGIN_PATH_ONLY=1

run() {
    local id
    if ! id=$("$worker" run wildfire "$@" --wait 2>"$out/last-run.log" | head -1); then
        echo "what-if-timing: 'run wildfire $*' failed (see $out/last-run.log)" >&2
        exit 2
    fi
    echo "$out/$id"
}
cube=${CUBE:-}
if [[ -z "$cube" ]]; then
    cube=$(run generate --set first_year=2001 --set last_year=2002 --set resolution=1)
fi
model=${MODEL:-}
if [[ -z "$model" ]]; then
    model=$(run train --input "$cube" --set train_first_year=2001 --set train_last_year=2001 \
        --set validation_last_year=2002 --set epochs=1 --set batch_size=1 \
        --set time_budget_minutes=0.01 --set threads=2)
fi

socket="$out/session.sock"
"$worker" serve --socket "$socket" >"$out/serve.log" 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null' EXIT
for _ in $(seq 100); do
    grep -q "listening on" "$out/serve.log" 2>/dev/null && break
    sleep 0.1
done

/usr/bin/python3 - "$socket" "$model" "$cube" "${QUESTIONS:-9}" "$TARGET_MAX_MEDIAN_MS" <<'EOF' | tee "$out/timing.txt"
import json, socket, statistics, sys, time
path, model, cube, questions, target = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
connection = socket.socket(socket.AF_UNIX)
connection.connect(path)
stream = connection.makefile("rwb")
ids = iter(range(1, 1 << 30))
def ask(arguments):
    started = time.perf_counter()
    stream.write((json.dumps({"id": next(ids), "module": "wildfire", "query": "what_if",
                              "arguments": arguments}) + "\n").encode())
    stream.flush()
    answer = json.loads(stream.readline())
    if "error" in answer:
        sys.exit("what-if-timing: " + answer["error"])
    return (time.perf_counter() - started) * 1e3, answer["result"]
missed = 0
for name, region, passes in [("southern Africa, 5 passes", "10,-35,45,15", 5),
                             ("whole globe, 0 passes", "-180,-90,180,90", 0),
                             ("whole globe, 5 passes", "-180,-90,180,90", 5)]:
    base = {"model": model, "cube": cube, "date": "2002-07-15", "region": region,
            "mc_passes": passes, "precipitation_factor": 0.5}
    first, answer = ask(dict(base, temperature_offset=1.0))
    times = []
    for q in range(questions):
        milliseconds, answer = ask(dict(base, temperature_offset=2.0 + 0.5 * q))
        times.append(milliseconds)
    median = statistics.median(times)
    verdict = "pass" if median < target else "MISS"
    missed += verdict != "pass"
    print("%-26s first %6.0f ms, median %6.0f ms (min %.0f, max %.0f) over %d, network on %d "
          "of %d cells (%.0f ms in it for the last): %s (target < %.0f ms)" % (name, first, median, min(times), max(times),
          questions, answer["computed_cells"], answer["map"]["rows"] * answer["map"]["columns"], answer["network_milliseconds"],
          verdict, target))
sys.exit(1 if missed else 0)
EOF
status=${PIPESTATUS[0]}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/timing.txt"
exit "$status"
