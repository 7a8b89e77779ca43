#include "Geography.h"

#include "twinbench/geo/LandMask.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace wildfire {

namespace {

constexpr double degree = std::numbers::pi / 180.0;
constexpr int globalRows = 180;
constexpr int globalColumns = 360;
// Half-width of the continentality window in degrees of latitude (~1000 km each way); along a
// latitude circle the window widens as 1 / cos(latitude), up to 60 degrees.
constexpr double windowDegrees = 9.0;

// The global 1 degree land-fraction field (north row first, from 180 W), made once.
const std::vector<float>& globalLandFraction() {
    static const std::vector<float> field = [] {
        std::vector<double> latitudes;
        std::vector<double> longitudes;
        for (int r = 0; r < globalRows; ++r) {
            latitudes.push_back(89.5 - r);
        }
        for (int c = 0; c < globalColumns; ++c) {
            longitudes.push_back(-179.5 + c);
        }
        return twins::geo::LandMask::gshhg().gridFractions(latitudes, longitudes, 1.0, 1.0);
    }();
    return field;
}

double continentalityAt(double latitude, double longitude) {
    const std::vector<float>& land = globalLandFraction();
    const double halfLongitude =
        std::min(60.0, windowDegrees / std::max(0.15, std::cos(latitude * degree)));
    const int rowFirst = std::max(0, static_cast<int>(std::floor(90.0 - latitude - windowDegrees)));
    const int rowLast =
        std::min(globalRows - 1, static_cast<int>(std::floor(90.0 - latitude + windowDegrees)));
    const int columnFirst = static_cast<int>(std::floor(longitude + 180.0 - halfLongitude));
    const int columnLast = static_cast<int>(std::floor(longitude + 180.0 + halfLongitude));
    double sum = 0.0;
    double weights = 0.0;
    for (int r = rowFirst; r <= rowLast; ++r) {
        const double weight = std::cos((89.5 - r) * degree);
        const float* row = land.data() + static_cast<std::size_t>(r) * globalColumns;
        for (int c = columnFirst; c <= columnLast; ++c) {
            sum += weight * row[((c % globalColumns) + globalColumns) % globalColumns];
            weights += weight;
        }
    }
    return weights > 0.0 ? sum / weights : 0.0;
}

// Antarctica (all land south of 60 S) and Greenland (land north of 60 N between 74 W and 11 W:
// the box also holds a little of Ellesmere Island, which is glaciated too).
double iceSheetShare(double latitude, double longitude) {
    if (latitude < -60.0) {
        return 1.0;
    }
    if (latitude > 60.0 && longitude > -74.0 && longitude < -11.0) {
        return 1.0;
    }
    return 0.0;
}

} // namespace

std::vector<CellGeography> describeCells(const CubeGrid& grid) {
    const std::vector<float> fractions = twins::geo::LandMask::gshhg().gridFractions(
        grid.latitudes(), grid.longitudes(), grid.resolution(), grid.resolution());
    std::vector<CellGeography> cells(grid.size());
    for (std::size_t r = 0; r < grid.rows(); ++r) {
        const double area = grid.cellAreaKm2(r);
        for (std::size_t c = 0; c < grid.columns(); ++c) {
            CellGeography& cell = cells[r * grid.columns() + c];
            cell.latitude = grid.latitudes()[r];
            cell.longitude = grid.longitudes()[c];
            cell.landFraction = fractions[r * grid.columns() + c];
            cell.continentality = continentalityAt(cell.latitude, cell.longitude);
            cell.iceSheet =
                cell.landFraction > 0.0 ? iceSheetShare(cell.latitude, cell.longitude) : 0.0;
            cell.areaKm2 = area;
        }
    }
    return cells;
}

} // namespace wildfire
