#include "CubeGrid.h"

#include "WildfireError.h"

#include <cmath>
#include <numbers>
#include <sstream>

namespace wildfire {

namespace {

constexpr double earthRadiusKm = 6371.0;

std::string describe(const BoundingBox& box) {
    std::ostringstream text;
    text << "west " << box.west << ", south " << box.south << ", east " << box.east << ", north "
         << box.north;
    return text.str();
}

// Number of cells of `size` in `span`, or 0 when it is not whole.
std::size_t wholeCells(double span, double size) {
    const double cells = span / size;
    const double rounded = std::round(cells);
    return rounded >= 1.0 && std::abs(cells - rounded) < 1e-6 ? static_cast<std::size_t>(rounded)
                                                              : 0;
}

} // namespace

BoundingBox parseBoundingBox(const std::string& text) {
    std::istringstream in(text);
    double values[4];
    char comma = 0;
    bool ok = static_cast<bool>(in >> values[0]);
    for (int i = 1; ok && i < 4; ++i) {
        ok = (in >> comma) && comma == ',' && (in >> values[i]);
    }
    in >> std::ws;
    if (!ok || !in.eof()) {
        throw WildfireError("parameter 'bbox' is '" + text +
                            "': expected four numbers west,south,east,north in degrees, e.g. "
                            "-10,35,30,60");
    }
    const BoundingBox box{values[0], values[1], values[2], values[3]};
    if (box.west < -180.0 || box.east > 180.0 || box.south < -90.0 || box.north > 90.0) {
        throw WildfireError("parameter 'bbox' is " + describe(box) +
                            ": it leaves the globe (longitudes must lie in -180..180, latitudes "
                            "in -90..90)");
    }
    if (!(box.west < box.east) || !(box.south < box.north)) {
        throw WildfireError("parameter 'bbox' is " + describe(box) +
                            ": west must be less than east and south less than north");
    }
    return box;
}

CubeGrid::CubeGrid(const BoundingBox& box, double resolution)
    : m_box(box), m_resolution(resolution) {
    if (!(resolution > 0.0) || resolution > 10.0) {
        throw WildfireError("parameter 'resolution' is " + std::to_string(resolution) +
                            " degrees: expected a spacing in (0, 10]");
    }
    const std::size_t rows = wholeCells(box.north - box.south, resolution);
    const std::size_t columns = wholeCells(box.east - box.west, resolution);
    if (rows == 0 || columns == 0) {
        throw WildfireError("parameters 'bbox' (" + describe(box) + ") and 'resolution' (" +
                            std::to_string(resolution) +
                            " degrees) do not fit: the box must hold a whole number of cells in "
                            "latitude and longitude");
    }
    for (std::size_t r = 0; r < rows; ++r) {
        m_latitudes.push_back(box.north - (static_cast<double>(r) + 0.5) * resolution);
    }
    for (std::size_t c = 0; c < columns; ++c) {
        m_longitudes.push_back(box.west + (static_cast<double>(c) + 0.5) * resolution);
    }
}

double CubeGrid::cellAreaKm2(std::size_t row) const {
    constexpr double degree = std::numbers::pi / 180.0;
    const double north = std::min(90.0, m_latitudes[row] + 0.5 * m_resolution);
    const double south = std::max(-90.0, m_latitudes[row] - 0.5 * m_resolution);
    return earthRadiusKm * earthRadiusKm * m_resolution * degree *
           (std::sin(north * degree) - std::sin(south * degree));
}

} // namespace wildfire
