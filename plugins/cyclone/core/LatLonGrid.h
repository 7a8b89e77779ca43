#pragma once

#include <cstddef>
#include <vector>

namespace cyclone {

// The regular latitude-longitude grid of the original twin: 0-70N, 100E-320E at 0.25 deg
// (280 x 880 points). Latitudes run north to south, as in ERA5 files (70, 69.75, ..., 0.25);
// longitudes east from 100 (100, 100.25, ..., 319.75). A coarser resolution (e.g. 1 deg for
// tests) keeps the same domain.
struct LatLonGrid {
    static constexpr double southLatitude = 0.0;
    static constexpr double northLatitude = 70.0;
    static constexpr double westLongitude = 100.0;
    static constexpr double eastLongitude = 320.0;

    // resolution in degrees; the domain must hold a whole number of cells (0.25, 0.5, 1, 2, 2.5,
    // 5, ...). Throws CycloneError naming the parameter 'resolution' otherwise.
    explicit LatLonGrid(double resolutionDegrees);

    double resolution = 0.25;
    std::vector<double> latitudes;  // descending
    std::vector<double> longitudes; // ascending, degrees east in [0, 360)

    std::size_t rows() const { return latitudes.size(); }
    std::size_t columns() const { return longitudes.size(); }
    std::size_t size() const { return rows() * columns(); }
    std::size_t index(std::size_t row, std::size_t column) const {
        return row * columns() + column;
    }
    // Grid spacing in km along a row (shrinks with cos(latitude)) and along a column.
    double columnSpacingKm(std::size_t row) const;
    double rowSpacingKm() const;
};

} // namespace cyclone
