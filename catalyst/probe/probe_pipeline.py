# Measurement probe (issue 24): a ParaView Catalyst V2 script, as ParaView 5.11 exports one:
# a data extract (.pvti) and an image extract (.png) of the grid at every step.
from paraview.simple import *
from paraview import catalyst
grid = TrivialProducer(registrationName='grid')
view = CreateView('RenderView')
view.ViewSize = [320, 240]
view.OrientationAxesVisibility = 0
disp = Show(grid, view)
disp.Representation = 'Slice'
ColorBy(disp, ('POINTS', 'msl'))
view.ResetCamera()
vti = CreateExtractor('VTI', grid, registrationName='VTI1')
vti.Writer.FileName = 'grid_{timestep:06d}.pvti'
png = CreateExtractor('PNG', view, registrationName='PNG1')
png.Writer.FileName = 'view_{timestep:06d}.png'
png.Writer.ImageResolution = [320, 240]
options = catalyst.Options()
options.ExtractsOutputDirectory = 'extracts'
options.GlobalTrigger = 'TimeStep'
