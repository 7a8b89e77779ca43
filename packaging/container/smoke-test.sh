#!/bin/sh
# Smoke test of the container recipe's root file system without a container runtime (Debian 12
# packages neither Apptainer nor a daemon-less Docker build): mmdebstrap builds the same
# Debian 12 system the recipe starts from, installs the worker package into it, and the worker
# runs inside it (chroot): `twinbench-run modules` lists the shipped twins and a small calogan
# run succeeds. Needs root, mmdebstrap and Debian's archive; run outside CI (it downloads the
# worker's dependencies, about 1 GB).
# Usage: smoke-test.sh twinbench-worker_VERSION_ARCH.deb
set -eu
DEB=$(readlink -f "$1")
ROOTFS=$(mktemp -d /tmp/twinbench-worker-rootfs.XXXXXX)
trap 'umount "$ROOTFS/proc" 2>/dev/null || true; rm -rf "$ROOTFS"' EXIT
# The package goes in the way the recipe installs it (apt-get install of the .deb, with the
# dependencies from the archive); mmdebstrap's --include cannot take a local file into a chroot.
NAME=$(basename "$DEB")
mmdebstrap --variant=apt bookworm "$ROOTFS" \
  "deb http://deb.debian.org/debian bookworm main" \
  "deb http://deb.debian.org/debian bookworm-updates main" \
  "deb http://deb.debian.org/debian-security bookworm-security main" \
  --customize-hook="copy-in $DEB /tmp" \
  --customize-hook="chroot \"\$1\" apt-get install -y --no-install-recommends /tmp/$NAME"
# A container has /proc; a bare chroot does not, and the worker watches its job processes there.
mount -t proc proc "$ROOTFS/proc"
chroot "$ROOTFS" twinbench-run modules
chroot "$ROOTFS" env TWINBENCH_RUNS_DIR=/tmp/runs twinbench-run run calogan simulate \
  --set events=10 --set energies=50 --wait
echo "smoke test passed: the worker image's system runs the installed worker"
