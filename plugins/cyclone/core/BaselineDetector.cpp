#include "BaselineDetector.h"

#include "Geodesy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace cyclone {

namespace {

constexpr double kmPerDegree = earthRadiusMetres / 1000.0 * std::numbers::pi / 180.0;
constexpr double gustFactor = 1.3;
constexpr double gustRadiusKm = 250.0;

// Vertex offset (in grid steps, within [-0.5, 0.5]) of the parabola through (-1, a), (0, c),
// (1, b): the sub-grid position of a minimum.
double parabolaVertex(double a, double c, double b) {
    const double curvature = a - 2.0 * c + b;
    if (!(curvature > 0.0) || std::isnan(a) || std::isnan(b)) {
        return 0.0;
    }
    return std::clamp(0.5 * (a - b) / curvature, -0.5, 0.5);
}

} // namespace

std::vector<Detection> detectCyclones(const DriverStep& fields,
                                      const std::vector<double>& latitudes,
                                      const std::vector<double>& longitudes, const CfDateTime& time,
                                      const DetectorSettings& settings) {
    const std::size_t rows = latitudes.size();
    const std::size_t columns = longitudes.size();
    std::vector<Detection> found;
    if (rows < 3 || columns < 3) {
        return found;
    }
    const double rowKm = std::fabs(latitudes[1] - latitudes[0]) * kmPerDegree;
    const double columnDegrees = std::fabs(longitudes[1] - longitudes[0]);
    auto at = [&](const std::vector<double>& field, std::size_t row, std::size_t column) {
        return field[row * columns + column];
    };
    // Strict order with the index as tie-break, so a flat minimum yields one centre.
    auto lower = [&](std::size_t i, std::size_t j) {
        return fields.msl[i] < fields.msl[j] || (fields.msl[i] == fields.msl[j] && i < j);
    };

    for (std::size_t row = 1; row + 1 < rows; ++row) {
        const double latitude = latitudes[row];
        const double columnKm = std::max(
            columnDegrees * kmPerDegree * std::cos(latitude * std::numbers::pi / 180.0), 1.0);
        for (std::size_t column = 1; column + 1 < columns; ++column) {
            const std::size_t centre = row * columns + column;
            if (std::isnan(fields.msl[centre])) {
                continue;
            }
            bool minimum = true;
            for (int dr = -1; dr <= 1 && minimum; ++dr) {
                for (int dc = -1; dc <= 1 && minimum; ++dc) {
                    const std::size_t other = (row + dr) * columns + (column + dc);
                    minimum = other == centre || !lower(other, centre);
                }
            }
            if (!minimum) {
                continue;
            }
            // One pass over the environment window: closed-minimum test, core and ring sums.
            const double reachKm = std::max(settings.ringOuterKm, settings.searchRadiusKm);
            const auto rowReach = static_cast<long>(std::ceil(reachKm / rowKm));
            const auto columnReach = static_cast<long>(std::ceil(reachKm / columnKm));
            double vorticity = -std::numeric_limits<double>::infinity();
            double coreTemperature = 0.0;
            double ringTemperature = 0.0;
            double ringPressure = 0.0;
            double gust = std::numeric_limits<double>::quiet_NaN();
            int coreCount = 0;
            int ringCount = 0;
            int ringPressureCount = 0;
            for (long dr = -rowReach; dr <= rowReach && minimum; ++dr) {
                const long r = static_cast<long>(row) + dr;
                if (r < 0 || r >= static_cast<long>(rows)) {
                    continue;
                }
                for (long dc = -columnReach; dc <= columnReach; ++dc) {
                    const long c = static_cast<long>(column) + dc;
                    if (c < 0 || c >= static_cast<long>(columns)) {
                        continue;
                    }
                    const std::size_t i =
                        static_cast<std::size_t>(r) * columns + static_cast<std::size_t>(c);
                    const double distance = std::hypot(dr * rowKm, dc * columnKm);
                    if (distance <= settings.searchRadiusKm && i != centre &&
                        !std::isnan(fields.msl[i]) && lower(i, centre)) {
                        minimum = false;
                        break;
                    }
                    if (distance <= settings.coreRadiusKm || i == centre) {
                        if (!std::isnan(fields.vo850[i])) {
                            // Cyclonic is positive in the north, negative in the south.
                            vorticity = std::max(vorticity, latitude < 0.0 ? -fields.vo850[i]
                                                                           : fields.vo850[i]);
                        }
                        if (!std::isnan(fields.t300[i])) {
                            coreTemperature += fields.t300[i];
                            ++coreCount;
                        }
                    } else if (distance >= settings.ringInnerKm &&
                               distance <= settings.ringOuterKm) {
                        if (!std::isnan(fields.t300[i])) {
                            ringTemperature += fields.t300[i];
                            ++ringCount;
                        }
                        if (!std::isnan(fields.msl[i])) {
                            ringPressure += fields.msl[i];
                            ++ringPressureCount;
                        }
                    }
                    if (!fields.gust.empty() && distance <= gustRadiusKm &&
                        !std::isnan(fields.gust[i])) {
                        gust = std::isnan(gust) ? fields.gust[i] : std::max(gust, fields.gust[i]);
                    }
                }
            }
            if (!minimum || coreCount == 0 || ringCount == 0 || ringPressureCount == 0) {
                continue;
            }
            const double depthHpa = (ringPressure / ringPressureCount - fields.msl[centre]) / 100.0;
            const double warmCore = coreTemperature / coreCount - ringTemperature / ringCount;
            if (depthHpa < settings.minDepthHpa || vorticity < settings.minVorticity ||
                warmCore < settings.minWarmCoreK) {
                continue;
            }
            Detection detection;
            detection.time = time;
            const double rowShift =
                parabolaVertex(at(fields.msl, row - 1, column), fields.msl[centre],
                               at(fields.msl, row + 1, column));
            const double columnShift =
                parabolaVertex(at(fields.msl, row, column - 1), fields.msl[centre],
                               at(fields.msl, row, column + 1));
            detection.latitude = latitude + rowShift * (latitudes[row + 1] - latitudes[row]);
            detection.longitude =
                longitudes[column] + columnShift * (longitudes[column + 1] - longitudes[column]);
            detection.confidence = 1.0 - std::exp(-depthHpa / 8.0);
            detection.windMs = gust / gustFactor;
            detection.pressurePa = fields.msl[centre];
            detection.vorticity = latitude < 0.0 ? -vorticity : vorticity;
            detection.warmCoreK = warmCore;
            found.push_back(detection);
        }
    }
    return found;
}

} // namespace cyclone
