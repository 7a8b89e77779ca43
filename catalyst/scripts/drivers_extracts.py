# A ParaView Catalyst (V2) script for the cyclone twin's "drivers" stream, in the form ParaView
# 5.11's File > Save Catalyst State writes: run it with
#   twinbench-run run cyclone generate --set insitu=catalyst --set insitu_script=THIS_FILE
# Each published step gives, under the run's insitu/catalyst/:
#   drivers_STEP.pvti  the grid (channel 'drivers': msl and vo_850 on longitude x latitude)
#   storms_STEP.pvtp   the storms alive (channel 'storms': one point per storm, its columns)
#   msl_STEP.png       mean sea-level pressure, colour-mapped, with the storms as points
# The channel names are the Publisher's (twins/insitu/README.md): a grid channel per stream,
# a point channel per point set. Relative paths land in the run's insitu/ directory.
from paraview.simple import *
from paraview import catalyst

drivers = TrivialProducer(registrationName='drivers')
storms = TrivialProducer(registrationName='storms')

view = CreateView('RenderView')
view.ViewSize = [480, 240]
view.OrientationAxesVisibility = 0
view.CameraPosition = [0.0, 0.0, 1000.0]
view.CameraFocalPoint = [0.0, 0.0, 0.0]
view.CameraParallelProjection = 1

field = Show(drivers, view)
field.Representation = 'Slice'
ColorBy(field, ('POINTS', 'msl'))
msl = GetColorTransferFunction('msl')
msl.ApplyPreset('Viridis (matplotlib)', True)
msl.RescaleTransferFunction(97000.0, 103000.0)
points = Show(storms, view)
points.Representation = 'Points'
points.PointSize = 6.0
points.AmbientColor = [1.0, 0.2, 0.2]
points.DiffuseColor = [1.0, 0.2, 0.2]

def catalyst_execute(info):
    # Called at each step before the extracts are written: frame the grid, known from the
    # first step on (the script runs before any data arrives).
    x0, x1, y0, y1, _, _ = drivers.GetDataInformation().GetBounds()
    centre = [(x0 + x1) / 2.0, (y0 + y1) / 2.0]
    view.CameraFocalPoint = centre + [0.0]
    view.CameraPosition = centre + [1000.0]
    view.CameraViewUp = [0.0, 1.0, 0.0]
    view.CameraParallelScale = 1.02 * max((y1 - y0) / 2.0, (x1 - x0) / 2.0 * 240.0 / 480.0)


grid_extract = CreateExtractor('VTI', drivers, registrationName='drivers_vti')
grid_extract.Writer.FileName = 'drivers_{timestep:08d}.pvti'
point_extract = CreateExtractor('VTP', storms, registrationName='storms_vtp')
point_extract.Writer.FileName = 'storms_{timestep:08d}.pvtp'
image_extract = CreateExtractor('PNG', view, registrationName='msl_png')
image_extract.Writer.FileName = 'msl_{timestep:08d}.png'
image_extract.Writer.ImageResolution = [480, 240]

options = catalyst.Options()
options.ExtractsOutputDirectory = 'catalyst'
options.GlobalTrigger = 'TimeStep'
