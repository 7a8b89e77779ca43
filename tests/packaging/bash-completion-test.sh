#!/bin/bash
# The bash completion of twinbench-run (resources/completion/twinbench-run) against the built
# worker and the test twin: commands, modules, actions, parameter keys, backends.
# Usage: bash-completion-test.sh WORKER PLUGIN_DIR COMPLETION_SCRIPT
set -u
WORKER=$1
export TWINBENCH_PLUGIN_PATH=$2 TWINBENCH_PLUGIN_PATH_ONLY=1
# shellcheck source=/dev/null
source "$3"
failures=0
expect() { # expect "WORDS..." CANDIDATE...: completing the last word offers every candidate
    read -r -a COMP_WORDS <<<"$1"
    [ "${1: -1}" = " " ] && COMP_WORDS+=("")
    COMP_WORDS[0]=$WORKER
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _twinbench_run
    shift
    for candidate in "$@"; do
        if ! printf '%s\n' "${COMPREPLY[@]}" | grep -qx -- "$candidate"; then
            echo "FAIL: completing '${COMP_WORDS[*]}' does not offer '$candidate' (got: ${COMPREPLY[*]})"
            failures=$((failures + 1))
        fi
    done
}
expect "twinbench-run ru" run
expect "twinbench-run " run describe models inspect login
expect "twinbench-run run " testtwin
expect "twinbench-run run testtwin " generate fit predict
expect "twinbench-run run testtwin generate --set si" size=
expect "twinbench-run run testtwin generate --backend sl" slurm slurm-rest
expect "twinbench-run describe test" testtwin
expect "twinbench-run sweep testtwin f" fit
[ "$failures" = 0 ] && echo PASS
exit "$failures"
