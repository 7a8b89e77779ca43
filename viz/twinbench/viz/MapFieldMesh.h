#pragma once

#include "twinbench/viz/MapProjection.h"

#include <QString>

#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <cstddef>
#include <optional>

namespace twins::data {
struct FieldSlice;
}

namespace twins::viz {

// True when the slice's axes are longitude (x) and latitude (y): CF units degrees_east /
// degrees_north, or the usual names (lon, longitude, lat, latitude). Otherwise *reason says
// which axis is not geographic.
bool isLonLatField(const data::FieldSlice& field, QString* reason = nullptr);

// The field as projected cells: one quad per grid cell (cut along the map's antimeridian, and
// subdivided so that no quad spans more than maxCellDegrees, so cells follow the projection's
// curves), each carrying its value in the cell array "value" (NaN for missing) and its grid
// cell (row * width + column) in the cell array "cell". Cells with a
// corner outside the projection's visible domain (e.g. the far side of an orthographic globe)
// are dropped. The grid's cell edges lie halfway between coordinates, the outer ones half a
// spacing beyond the first and last, latitude clamped to +-90.
vtkSmartPointer<vtkPolyData> buildProjectedFieldMesh(const data::FieldSlice& field,
                                                     const MapProjection& projection,
                                                     double maxCellDegrees = 3.0);

// True when all four projected corners of a quad are on the map (finite), e.g. not on the far
// side of an orthographic globe.
bool isVisibleQuad(const MapPoint* corners);

struct FieldCell {
    std::size_t column = 0;
    std::size_t row = 0;
};
// The grid cell containing a lon/lat point (longitude compared modulo 360); std::nullopt
// outside the grid.
std::optional<FieldCell> fieldCellAt(const data::FieldSlice& field, GeoPoint point);

} // namespace twins::viz
