#!/bin/sh
# Runs a test inside a D-Bus session of its own with an unlocked gnome-keyring daemon serving the
# Secret Service, so tests use the desktop keychain path (QtKeychain -> libsecret -> D-Bus) as a
# user's desktop session does, instead of skipping it. The keyring lives in a temporary folder of
# this test alone (its own XDG_DATA_HOME for the daemon), is unlocked with a throwaway password,
# and is deleted with the daemon when the test ends. No test is skipped: when dbus-run-session or
# gnome-keyring-daemon is missing this fails and says which package to install.
set -eu

if [ -z "${TWINBENCH_KEYRING_SESSION:-}" ]; then
    for tool in dbus-run-session gnome-keyring-daemon; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "with-keyring: $tool is missing: install dbus and gnome-keyring (make deps)" >&2
            exit 1
        fi
    done
    exec dbus-run-session -- env TWINBENCH_KEYRING_SESSION=1 sh "$0" "$@"
fi

keyring_dir=$(mktemp -d "${TMPDIR:-/tmp}/twinbench-keyring.XXXXXX")
mkdir -m 0700 "$keyring_dir/data" "$keyring_dir/runtime"
daemon_pid=
cleanup() {
    [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null
    rm -rf "$keyring_dir"
}
trap cleanup EXIT

# --unlock reads the password of the "login" keyring on stdin and creates the keyring with it.
printf '%s' "twinbench-test-keyring" |
    XDG_DATA_HOME="$keyring_dir/data" XDG_RUNTIME_DIR="$keyring_dir/runtime" \
        gnome-keyring-daemon --foreground --unlock --components=secrets \
        >"$keyring_dir/daemon.log" 2>&1 &
daemon_pid=$!

# Ready once org.freedesktop.secrets has an owner on this session bus.
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q "boolean true"; do
    i=$((i + 1))
    if [ "$i" -gt 100 ] || ! kill -0 "$daemon_pid" 2>/dev/null; then
        echo "with-keyring: gnome-keyring-daemon did not serve the Secret Service:" >&2
        cat "$keyring_dir/daemon.log" >&2
        exit 1
    fi
    sleep 0.05
done

# Tests that check what reaches the disk look into the keyring's files too.
export TWINBENCH_TEST_KEYRING_DIR="$keyring_dir"
status=0
"$@" || status=$?
exit "$status"
