# Sourced by the twins' acceptance scripts (plugins/*/acceptance/run-*.sh): the steps they all
# take, so each script holds only its twin's chain, targets and verdict.
#
# acceptance_setup NAME MODULE BUILD_DIR OUT_DIR
#   Snapshots BUILD_DIR's worker and the module's plugin into OUT_DIR (rebuilding the tree
#   meanwhile cannot change the code under test halfway), runs every job through a wrapper that
#   records its wall and CPU time beside the run (time.txt), points the worker at OUT_DIR/runs,
#   and empties OUT_DIR/summary.txt and OUT_DIR/results.txt. Exits 2 when a build product is
#   missing. NAME prefixes every message (e.g. run-acceptance).
# say TEXT...            prints TEXT and appends it to the summary
# record KEY VALUE       one "key value" line of the numbers a verdict judges (results.txt)
# run ACTION ARGS...     submits MODULE ACTION and waits; prints the run id, or exits 2 with the
#                        worker's stderr and the run's log
# timing ID LABEL        says the job's wall and CPU seconds (the wall also in $WALL); the label
#                        column is $TIMING_WIDTH wide (default 40)
# metric FILE.json KEY   a value of FILE's "metrics" object ("nan" when missing)

acceptance_setup() {
    ACCEPTANCE_NAME=$1
    ACCEPTANCE_MODULE=$2
    local build_dir=$3 out_dir=$4
    local worker="$build_dir/app/twinbench-run/twinbench-run"
    local plugin="$build_dir/plugins/$ACCEPTANCE_MODULE.so"
    local needed
    for needed in "$worker" "$plugin"; do
        if [ ! -f "$needed" ]; then
            echo "$ACCEPTANCE_NAME: $needed is missing; build the targets twinbench-run and $ACCEPTANCE_MODULE" >&2
            exit 2
        fi
    done
    ACCEPTANCE_OUT=$out_dir
    mkdir -p "$out_dir/bin" "$out_dir/plugins" "$out_dir/runs"
    cp "$worker" "$out_dir/bin/twinbench-run"
    cp "$plugin" "$out_dir/plugins/$ACCEPTANCE_MODULE.so"
    cat > "$out_dir/bin/timed-worker" <<WRAPPER
#!/bin/bash
if [ "\$1" = job ]; then
    exec /usr/bin/time -f "%e %U %S" -o "\$2/time.txt" "$out_dir/bin/twinbench-run" "\$@"
fi
exec "$out_dir/bin/twinbench-run" "\$@"
WRAPPER
    chmod +x "$out_dir/bin/timed-worker"
    export TWINBENCH_RUNS_DIR="$out_dir/runs"
    export TWINBENCH_PLUGIN_PATH="$out_dir/plugins"
    export TWINBENCH_PLUGIN_PATH_ONLY=1
    export TWINBENCH_WORKER_EXECUTABLE="$out_dir/bin/timed-worker"
    # LibTorch's OpenMP threads sleep rather than spin while they wait: on a shared machine,
    # spinning threads fight the other processes for the cores and slow training many times.
    export OMP_WAIT_POLICY=PASSIVE
    SUMMARY="$out_dir/summary.txt"
    RESULTS="$out_dir/results.txt"
    : > "$SUMMARY"
    : > "$RESULTS"
}

say() { echo "$*" | tee -a "$SUMMARY"; }

record() { echo "$1 $2" >> "$RESULTS"; }

run() {
    local output id
    if ! output=$("$ACCEPTANCE_OUT/bin/timed-worker" run "$ACCEPTANCE_MODULE" "$@" --wait \
        2>"$ACCEPTANCE_OUT/last-stderr.txt"); then
        id=$(echo "$output" | head -1)
        echo "$ACCEPTANCE_NAME: run $ACCEPTANCE_MODULE $* failed" >&2
        tail -20 "$ACCEPTANCE_OUT/last-stderr.txt" >&2
        [ -n "$id" ] && tail -20 "$TWINBENCH_RUNS_DIR/$id/log.txt" >&2
        exit 2
    fi
    echo "$output" | head -1
}

timing() {
    # --wait returns when the run is recorded as finished; the job process (and so the time
    # wrapper) ends after it has written the provenance, which hashes the outputs: 30 s for the
    # pulsar acceptance's 4 GB of training frames. Up to 10 minutes, then a clear failure.
    for _ in $(seq 3000); do
        [ -s "$TWINBENCH_RUNS_DIR/$1/time.txt" ] && break
        sleep 0.2
    done
    if [ ! -s "$TWINBENCH_RUNS_DIR/$1/time.txt" ]; then
        echo "$ACCEPTANCE_NAME: run $1 ($2) finished but its job wrote no time.txt in 10 minutes" >&2
        exit 2
    fi
    local user sys
    read -r WALL user sys < "$TWINBENCH_RUNS_DIR/$1/time.txt"
    say "$(printf "%-${TIMING_WIDTH:-40}s wall %7.1f s  CPU %7.1f s  (run %s)" "$2" "$WALL" \
        "$(echo "$user + $sys" | bc)" "$1")"
}

metric() {
    /usr/bin/python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['metrics']; v=m.get(sys.argv[2]); print('nan' if v is None else v)" "$@"
}
