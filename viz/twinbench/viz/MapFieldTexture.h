#pragma once

#include "twinbench/viz/MapProjection.h"

#include <vtkImageData.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

class vtkScalarsToColors;

namespace twins::data {
struct FieldSlice;
}

namespace twins::viz {

// The fast way to draw a large regular lon/lat field: the field as a texture (one texel per
// grid cell, nearest-neighbour, so cells stay sharp) on a coarse projected mesh, instead of
// one projected quad per grid cell (MapFieldMesh.h). Measured in bench_views_animation on the
// 2-core Mesa machine: a 1440x721 field is ~1M quads, which llvmpipe draws at about 1 frame
// per second; a new time step here is one colour lookup per cell and a texture upload.

// True when the field's longitudes and latitudes are each evenly spaced and increasing (within
// 1e-6 of the spacing), so that texel (column, row) maps linearly to lon/lat.
bool isRegularLonLatGrid(const data::FieldSlice& field);

// A mesh covering the grid's cells (their outer edges half a spacing beyond the first and last
// coordinates, latitude clamped to +-90), cut at the map's antimeridian and subdivided into
// quads of at most maxCellDegrees, with texture coordinates ("TCoords") placing texel
// (column, row) on its cell. Quads with a corner outside the projection's visible domain are
// dropped. The field must satisfy isRegularLonLatGrid.
vtkSmartPointer<vtkPolyData> buildProjectedTextureMesh(const data::FieldSlice& field,
                                                       const MapProjection& projection,
                                                       double maxCellDegrees = 1.0);

// The largest mesh quad, in degrees, that draws the texture in `projection` with sub-pixel
// error: large for Plate Carree, where the texture maps linearly, 3 for Robinson and Mollweide
// (smooth, no clipped edge), 1 for the orthographic and polar projections, whose limb and cut
// quads are dropped whole. llvmpipe's cost of a frame is mostly per triangle (measured in
// bench_views_animation: the 1-degree mesh, 130k triangles, took ~70% of a frame).
double textureMeshDegrees(const MapProjection& projection);

// The field's colours through `colors` as an RGBA image of width x height texels, texel
// (column, row) = value (column, row). `image` is reused when given (a new time step).
vtkSmartPointer<vtkImageData> fieldColorImage(const data::FieldSlice& field,
                                              vtkScalarsToColors* colors,
                                              vtkSmartPointer<vtkImageData> image = nullptr);

} // namespace twins::viz
