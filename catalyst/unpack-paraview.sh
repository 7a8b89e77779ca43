#!/usr/bin/env bash
# Unpacks Debian's ParaView (paraview, paraview-dev, python3-paraview) into a prefix of the
# project's own, for the Catalyst adaptor (twins/insitu/README.md, issue 24):
#   catalyst/unpack-paraview.sh DIR
# leaves DIR/prefix/usr/{lib,include,bin} and DIR/prefix/.twinbench-paraview-version.
# Never `apt-get install paraview`: python3-paraview conflicts with python3-vtk9, so installing
# it removes libvtk9-dev, which the GUI builds against. `apt-get download` + `dpkg-deb -x` need
# no root and touch nothing outside DIR. The runtime libraries ParaView's Catalyst links
# (OpenMPI, HDF5's OpenMPI flavour, libpython3.11) come with libvtk9-dev (measured: ldd finds
# all of them). Cached: nothing is downloaded when DIR/prefix holds the candidate version.
set -euo pipefail
dir="$(mkdir -p "$1" && cd "$1" && pwd)"
packages=(paraview paraview-dev python3-paraview)
candidate() { apt-cache policy paraview | sed -n 's/^ *Candidate: *//p'; }
version="$(candidate)"
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  # A system whose packages were all installed before may have no package lists left.
  echo "unpack-paraview: apt knows no paraview package yet: apt-get update"
  if [ "$(id -u)" -ne 0 ]; then sudo apt-get update -q; else apt-get update -q; fi
  version="$(candidate)"
fi
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  echo "unpack-paraview: apt knows no paraview package (apt-get update?); no Catalyst adaptor" >&2
  exit 1
fi
stamp="$dir/prefix/.twinbench-paraview-version"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then
  echo "unpack-paraview: ParaView $version already unpacked in $dir/prefix"
  exit 0
fi
echo "unpack-paraview: downloading and unpacking ParaView $version into $dir/prefix"
# Built beside and renamed when whole, so an interrupted unpack is never taken for a prefix.
rm -rf "$dir/debs" "$dir/prefix.partial"
mkdir -p "$dir/debs" "$dir/prefix.partial"
(cd "$dir/debs" && apt-get download -q "${packages[@]/%/=$version}")
for deb in "$dir"/debs/*.deb; do
  # Documentation, examples and the GUI's data are not needed by the adaptor or pvpython.
  dpkg-deb --fsys-tarfile "$deb" |
    tar -x -C "$dir/prefix.partial" --exclude='./usr/share/doc*' --exclude='./usr/share/man*'
done
echo "$version" >"$dir/prefix.partial/.twinbench-paraview-version"
rm -rf "$dir/prefix" "$dir/debs"
mv "$dir/prefix.partial" "$dir/prefix"
echo "unpack-paraview: done ($(du -sh "$dir/prefix" | cut -f1) in $dir/prefix)"
