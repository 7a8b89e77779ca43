#!/bin/sh
# The Debian packages (issue 26), end to end: CPack builds twinbench and twinbench-worker from
# the build tree; lintian finds no error in either; the worker's direct dependencies name no Qt
# Widgets/GUI, OpenGL or VTK library; the desktop file and the AppStream metainfo validate; the
# packages unpacked into a scratch prefix work with the build tree hidden (a tmpfs mounted over
# it in a private mount namespace) and an empty environment: `twinbench --version`,
# `twinbench-run modules` listing every shipped twin from the installed plugin folder, and a
# short twin run with the installed worker.
# Usage: debian-packages-test.sh BUILD_DIR SOURCE_DIR   (run under tests/support/private-mounts.sh)
set -eu
BUILD=$(cd "$1" && pwd)
SOURCE=$(cd "$2" && pwd)
SCRATCH=$(mktemp -d /tmp/twinbench-packages.XXXXXX)
trap 'umount "$BUILD" 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== cpack"
(cd "$BUILD" && cpack -G DEB -B "$SCRATCH/packages" >"$SCRATCH/cpack.log" 2>&1) ||
  { cat "$SCRATCH/cpack.log" >&2; fail "cpack could not build the packages"; }
GUI_DEB=$(ls "$SCRATCH"/packages/twinbench_*.deb)
WORKER_DEB=$(ls "$SCRATCH"/packages/twinbench-worker_*.deb)

echo "== lintian"
for deb in "$GUI_DEB" "$WORKER_DEB"; do
  # No overrides: every tag lintian reports as an error fails the test.
  lintian --no-tag-display-limit "$deb" >"$SCRATCH/lintian.txt" 2>&1 || true
  cat "$SCRATCH/lintian.txt"
  if grep -q '^E:' "$SCRATCH/lintian.txt"; then fail "lintian errors in $(basename "$deb")"; fi
done

echo "== dependencies"
GUI_DEPENDS=$(dpkg-deb -f "$GUI_DEB" Depends)
WORKER_DEPENDS=$(dpkg-deb -f "$WORKER_DEB" Depends)
echo "twinbench: $GUI_DEPENDS"
echo "twinbench-worker: $WORKER_DEPENDS"
echo "$GUI_DEPENDS" | grep -q 'twinbench-worker (= ' || fail "twinbench does not depend on twinbench-worker"
echo "$GUI_DEPENDS" | grep -q 'libqt6widgets6' || fail "twinbench's Depends were not computed (no libqt6widgets6)"
echo "$WORKER_DEPENDS" | grep -q 'libqt6core6' || fail "twinbench-worker's Depends were not computed"
echo "$WORKER_DEPENDS" | grep -q 'libqt6sql6-sqlite' || fail "twinbench-worker lacks Qt's SQLite driver"
for library in libqt6widgets libqt6gui libqt6opengl libgl1 libopengl libvtk libx11; do
  if echo "$WORKER_DEPENDS" | grep -q "$library"; then
    fail "twinbench-worker depends on $library"
  fi
done

echo "== unpack"
ROOT="$SCRATCH/root"
dpkg-deb -x "$WORKER_DEB" "$ROOT"
dpkg-deb -x "$GUI_DEB" "$ROOT"
desktop-file-validate "$ROOT/usr/share/applications/twinbench.desktop"
appstreamcli validate --no-net "$ROOT/usr/share/metainfo/org.twinbench.Twinbench.metainfo.xml"
for size in 16 32 48 64 128 256; do
  [ -s "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/twinbench.png" ] || fail "no ${size}px icon"
done
[ -s "$ROOT/usr/share/mime/packages/twinbench.xml" ] || fail "no MIME types"
for program in twinbench twinbench-run; do
  zcat "$ROOT/usr/share/man/man1/$program.1.gz" | grep -q '^\.SH DESCRIPTION' ||
    fail "no manual page for $program"
done
[ -s "$ROOT/usr/share/bash-completion/completions/twinbench-run" ] || fail "no bash completion"
zcat "$ROOT/usr/share/man/man1/twinbench-run.1.gz" | grep -q 'describe' ||
  fail "twinbench-run's manual page lacks its commands"

echo "== installed, build tree hidden, empty environment"
[ "${TWINBENCH_PRIVATE_MOUNTS:-}" = 1 ] || fail "run me under tests/support/private-mounts.sh"
mount -t tmpfs -o size=1m twinbench-hidden "$BUILD"
[ ! -e "$BUILD/CMakeCache.txt" ] || fail "the build tree is still visible"
RUN="env -i HOME=$SCRATCH/home PATH=/usr/bin:/bin TWINBENCH_RUNS_DIR=$SCRATCH/runs QT_QPA_PLATFORM=offscreen"
mkdir -p "$SCRATCH/home"
$RUN "$ROOT/usr/bin/twinbench" --version >"$SCRATCH/version.txt" 2>&1 ||
  { cat "$SCRATCH/version.txt" >&2; fail "installed twinbench --version"; }
cat "$SCRATCH/version.txt"
$RUN "$ROOT/usr/bin/twinbench-run" modules >"$SCRATCH/modules.txt" 2>&1 ||
  { cat "$SCRATCH/modules.txt" >&2; fail "installed twinbench-run modules"; }
cat "$SCRATCH/modules.txt"
for twin in cyclone calogan wildfire pulsar; do
  grep -q "^$twin" "$SCRATCH/modules.txt" || fail "installed worker does not list $twin"
done
$RUN "$ROOT/usr/bin/twinbench-run" run calogan simulate --set events=20 --set energies=50 \
  --wait >"$SCRATCH/run.txt" 2>&1 || { cat "$SCRATCH/run.txt" >&2; fail "installed worker run"; }
tail -n 2 "$SCRATCH/run.txt"
ls "$SCRATCH"/runs/*/outputs/showers.h5 >/dev/null || fail "the run wrote no showers.h5"
echo "PASS"
