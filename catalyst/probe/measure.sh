#!/usr/bin/env bash
# Measures whether ParaView 5.11's legacy Catalyst can live in the twinbench-run worker process
# (issue 24; results in twins/insitu/README.md). Unpacks Debian 12's ParaView packages into a prefix of
# its own (never `apt-get install paraview`: it removes libvtk9-dev), builds the probe adaptor
# against it and runs the probe host under Xvfb with the cyclone plugin loaded.
#   catalyst/probe/measure.sh BUILD_DIR [WORK_DIR]
# BUILD_DIR: a built tree (its plugins/cyclone.so is loaded); WORK_DIR: default BUILD_DIR/catalyst-probe.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "$1" && pwd)"
work="${2:-$build/catalyst-probe}"
mkdir -p "$work/debs" "$work/run"
prefix="$work/prefix"
if [ ! -d "$prefix/usr/lib/x86_64-linux-gnu" ]; then
    (cd "$work/debs" && apt-get download paraview paraview-dev python3-paraview)
    for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$prefix"; done
fi
lib="$prefix/usr/lib/x86_64-linux-gnu"
python_path="$prefix/usr/lib/python3/dist-packages"
echo "runtime libraries ParaView's Catalyst needs that are missing here:"
ldd "$lib/libvtkPVPythonCatalyst-pv5.11.so" | grep 'not found' || echo "  none"
g++ -std=c++17 -O1 -fPIC -shared "$here/probe_adaptor.cpp" -o "$work/libprobe_adaptor.so" \
    -I"$prefix/usr/include/paraview-5.11" -L"$lib" -lvtkPVPythonCatalyst-pv5.11 \
    -lvtkPVCatalyst-pv5.11 -lvtkPythonInterpreter-pv5.11 -lvtkCommonDataModel-pv5.11 \
    -lvtkCommonCore-pv5.11 -Wl,--no-as-needed -lpython3.11 -ldl -Wl,-rpath,"$lib"
g++ -std=c++17 -O1 -fPIC "$here/probe_host.cpp" -o "$work/probe_host" \
    $(pkg-config --cflags --libs Qt6Core) -lnetcdf -ldl
cd "$work/run"
rm -rf extracts ./*.nc
# -noreset: ParaView probes the display's OpenGL on a first connection and closes it; without
# it Xvfb regenerates then and resets ParaView's second connection ("bad X server connection").
xvfb-run -a -s "-screen 0 800x600x24 -noreset" "$work/probe_host" "$work/libprobe_adaptor.so" \
    "$here/probe_pipeline.py" "$python_path" "$build/plugins/cyclone.so"
ls extracts
# ParaView's own reader reads the data extract back.
LD_LIBRARY_PATH="$lib" PYTHONPATH="$python_path" "$prefix/usr/bin/pvpython" -c "
from paraview.simple import OpenDataFile
from paraview import servermanager
data = servermanager.Fetch(OpenDataFile('extracts/grid_000003.pvti'))
print('pvpython reads grid_000003.pvti:', data.GetDimensions(),
      data.GetPointData().GetArray('msl').GetRange())"
