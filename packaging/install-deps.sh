#!/usr/bin/env bash
# Installs every Debian 12 package Twinbench needs to build, run and test.
# Idempotent: packages already installed are skipped; apt-get update runs at most once,
# and only when something is missing. Nothing is fetched from outside Debian's archive except the
# npm packages of the OIDC test provider, pinned with their hashes in its package-lock.json.
set -euo pipefail

# Build toolchain.
BUILD_PACKAGES=(build-essential cmake ninja-build ccache pkg-config clang-format git)
# Qt 6 (GUI, OpenGL widget bridge, charts, SVG, SQLite driver, keychain).
QT_PACKAGES=(qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
  libqt6sql6-sqlite qtkeychain-qt6-dev libgl-dev)
# Visualisation: system VTK 9.1 (its Qt5 module is never used).
VIZ_PACKAGES=(libvtk9-dev)
# Scientific data formats and units/projections.
DATA_PACKAGES=(libnetcdf-dev libhdf5-dev libgdal-dev libudunits2-dev libproj-dev libsqlite3-dev
  libdeflate-dev libcurl4-openssl-dev)
# Compute (worker only). OpenBLAS replaces the reference BLAS: ~20x faster Linear layers.
COMPUTE_PACKAGES=(libtorch-dev libopenblas0-pthread)
# Headless testing: X server, software OpenGL, fonts, image tools, reference-file writers.
TEST_PACKAGES=(xvfb xauth libgl1-mesa-dri mesa-utils fonts-dejavu-core imagemagick
  python3 python3-numpy python3-netcdf4 python3-h5py python3-xarray python3-zarr python3-matplotlib python3-torch
  python3-jsonschema
  gdal-bin hdf5-tools netcdf-bin clang libclang-rt-14-dev sqlite3)
# A real one-node SLURM cluster on localhost for the federation tests (tests/fixtures/slurm).
CLUSTER_PACKAGES=(slurm-wlm slurmctld slurmd slurmrestd slurm-client munge slurm-wlm-jwt-plugin)
# The OIDC test provider (tests/fixtures/oidc: oidc-provider from npm, run by node) and the desktop
# keychain in tests (a D-Bus session with an unlocked gnome-keyring daemon serving libsecret).
# Debian's nodejs and npm, unless a node with its npm is already installed (NodeSource's nodejs
# bundles npm and conflicts with Debian's npm package).
FEDERATION_TEST_PACKAGES=(dbus gnome-keyring libsecret-1-0)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  FEDERATION_TEST_PACKAGES+=(nodejs npm)
fi
# The remote-data tests' HTTP server (tests/fixtures/remote runs its own nginx on 127.0.0.1 with
# its own -p/-c and never uses the system service, which the install below does not start;
# WebDAV: nginx's built-in dav module plus dav-ext for PROPFIND folder listings).
REMOTE_TEST_PACKAGES=(nginx libnginx-mod-http-dav-ext)
# Map data (GSHHG coastlines and borders, LGPL; gmt prepares them at build time) and
# animation export.
VIEW_PACKAGES=(gmt gmt-gshhg-low ffmpeg)
# Debian packages of Twinbench itself (make package) and their checks (test_debian_packages).
PACKAGING_PACKAGES=(dpkg-dev lintian desktop-file-utils appstream help2man)

ALL_PACKAGES=("${BUILD_PACKAGES[@]}" "${QT_PACKAGES[@]}" "${VIZ_PACKAGES[@]}"
  "${DATA_PACKAGES[@]}" "${COMPUTE_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${CLUSTER_PACKAGES[@]}"
  "${FEDERATION_TEST_PACKAGES[@]}" "${REMOTE_TEST_PACKAGES[@]}" "${VIEW_PACKAGES[@]}"
  "${PACKAGING_PACKAGES[@]}")

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-deps: not root and sudo is missing; install these as root:" >&2
    echo "  apt-get install ${ALL_PACKAGES[*]}" >&2
    exit 1
  fi
fi

missing=()
for package in "${ALL_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#ALL_PACKAGES[@]} Debian packages already installed"
else
  echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  echo "install-deps: apt-get update"
  $SUDO apt-get update -q
  echo "install-deps: apt-get install"
  # The test servers (nginx, slurmctld, slurmd, munged) are started by the tests' own fixtures
  # on 127.0.0.1 with their own configurations; installing their packages must not start the
  # system services (a plain Debian would start nginx on port 80). Debian's policy-rc.d
  # convention (exit 101: not allowed) holds them for this install only, unless the machine
  # already has a policy of its own.
  policy=/usr/sbin/policy-rc.d
  held=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    held=1
  fi
  status=0
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" || status=$?
  if [ -n "$held" ]; then
    $SUDO rm -f "$policy"
  fi
  [ "$status" -eq 0 ] || exit "$status"
fi

# The npm packages of the OIDC test provider, exactly as its package-lock.json pins them, into
# tests/fixtures/oidc/node_modules (npm ci as this user, never global; skipped when up to date).
bash "$(dirname "$0")/../tests/fixtures/oidc/install.sh"
# The same for the S3 test server (s3rver, tests/fixtures/s3).
bash "$(dirname "$0")/../tests/fixtures/s3/install.sh"
# ParaView 5.11 for the Catalyst adaptor (catalyst/): Debian's packages downloaded and
# unpacked into the build directory, never installed (installing them removes libvtk9-dev); kept
# there between runs, so only the first run downloads (83 MB).
bash "$(dirname "$0")/../catalyst/unpack-paraview.sh" \
  "${TWINBENCH_PARAVIEW_DIR:-$(dirname "$0")/../build/paraview}"
echo "install-deps: done"
