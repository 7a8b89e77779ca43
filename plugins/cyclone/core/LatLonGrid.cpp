#include "LatLonGrid.h"

#include "CycloneError.h"
#include "Geodesy.h"

#include <cmath>
#include <numbers>
#include <string>

namespace cyclone {

namespace {

std::size_t wholeCells(double span, double resolution) {
    const double cells = span / resolution;
    const double rounded = std::round(cells);
    if (!(resolution > 0.0) || std::fabs(cells - rounded) > 1e-6 || rounded < 4) {
        throw CycloneError("parameter 'resolution'",
                           "is " + std::to_string(resolution) +
                               " deg; expected a spacing that divides the 70 x 220 deg domain "
                               "into at least 4 whole cells each way (e.g. 0.25, 0.5, 1, 2.5)");
    }
    return static_cast<std::size_t>(rounded);
}

} // namespace

LatLonGrid::LatLonGrid(double resolutionDegrees) : resolution(resolutionDegrees) {
    const std::size_t rowCount = wholeCells(northLatitude - southLatitude, resolution);
    const std::size_t columnCount = wholeCells(eastLongitude - westLongitude, resolution);
    latitudes.resize(rowCount);
    longitudes.resize(columnCount);
    for (std::size_t row = 0; row < rowCount; ++row) {
        latitudes[row] = northLatitude - static_cast<double>(row) * resolution;
    }
    for (std::size_t column = 0; column < columnCount; ++column) {
        longitudes[column] = westLongitude + static_cast<double>(column) * resolution;
    }
}

double LatLonGrid::columnSpacingKm(std::size_t row) const {
    return rowSpacingKm() * std::cos(latitudes[row] * std::numbers::pi / 180.0);
}

double LatLonGrid::rowSpacingKm() const {
    return earthRadiusMetres / 1000.0 * resolution * std::numbers::pi / 180.0;
}

} // namespace cyclone
