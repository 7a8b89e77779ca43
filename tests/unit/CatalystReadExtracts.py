# Reads the Catalyst extracts of one step back with ParaView's own readers (run by the prefix's
# pvpython from CatalystInsituTest): prints one JSON object with what the test compares.
#   pvpython CatalystReadExtracts.py GRID.pvti POINTS.pvtp
import json
import sys

from paraview import servermanager
from paraview.simple import OpenDataFile

grid = servermanager.Fetch(OpenDataFile(sys.argv[1]))
points = servermanager.Fetch(OpenDataFile(sys.argv[2]))
storms_alive = points.GetFieldData().GetArray('storms_alive')
print(json.dumps({
    'class': grid.GetClassName(),
    'dimensions': list(grid.GetDimensions()),
    'origin': list(grid.GetOrigin()),
    'spacing': list(grid.GetSpacing()),
    'msl': list(grid.GetPointData().GetArray('msl').GetRange()),
    'vo_850': list(grid.GetPointData().GetArray('vo_850').GetRange()),
    # Values at a few VTK point indices (x fastest), which the test locates in the CF extract.
    'msl_at': {str(i): grid.GetPointData().GetArray('msl').GetValue(i)
               for i in (0, grid.GetNumberOfPoints() - 1, grid.GetNumberOfPoints() // 3)},
    'points': points.GetNumberOfPoints(),
    'storms_alive': storms_alive.GetValue(0) if storms_alive else -1,
}))
