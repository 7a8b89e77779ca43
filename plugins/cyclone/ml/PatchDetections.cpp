#include "PatchDetections.h"

#include "DriverChannels.h"
#include "Geodesy.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <tuple>

namespace cyclone {

namespace {

constexpr std::size_t channelFg10 = 0;
constexpr std::size_t channelI10fg = 1;
constexpr std::size_t channelMsl = 2;
constexpr std::size_t channelVo850 = 5;
constexpr double gustFactor = 1.3; // over-sea gust / sustained wind, as BaselineDetector

// Largest value of `channel` (times `sign`) within radiusKm of the cell nearest (row, column).
double largestWithin(const PatchGrid& grid, const std::vector<float>& values, std::size_t channel,
                     double row, double column, double radiusKm, double sign) {
    const auto centreRow = static_cast<long>(std::lround(row));
    const auto centreColumn = static_cast<long>(std::lround(column));
    const auto [latitude, longitude] = grid.latLon(row, column);
    const double cellKm = 111.2 * grid.spacingDegrees();
    const auto reachRows = static_cast<long>(std::ceil(radiusKm / cellKm));
    const auto reachColumns = static_cast<long>(std::ceil(
        radiusKm / (cellKm * std::max(0.2, std::cos(latitude * std::numbers::pi / 180)))));
    const std::size_t plane = grid.rows() * grid.columns();
    double best = std::nan("");
    for (long r = std::max(0L, centreRow - reachRows);
         r <= std::min<long>(static_cast<long>(grid.rows()) - 1, centreRow + reachRows); ++r) {
        for (long c = std::max(0L, centreColumn - reachColumns);
             c <=
             std::min<long>(static_cast<long>(grid.columns()) - 1, centreColumn + reachColumns);
             ++c) {
            const auto [lat, lon] = grid.latLon(static_cast<double>(r), static_cast<double>(c));
            const float value =
                values[channel * plane + static_cast<std::size_t>(r) * grid.columns() +
                       static_cast<std::size_t>(c)];
            if (!std::isnan(value) && haversineKm(latitude, longitude, lat, lon) <= radiusKm &&
                !(sign * value <= best)) {
                best = sign * value;
            }
        }
    }
    return best;
}

} // namespace

double centreConfidence(const std::array<float, 2>& output) {
    return std::clamp(1.0 + std::min(output[0], output[1]), 0.0, 1.0);
}

std::vector<Detection> patchDetections(const PatchGrid& grid,
                                       const std::vector<std::array<float, 2>>& outputs,
                                       const CfDateTime& time, double threshold,
                                       const std::vector<float>* stepChannels) {
    std::vector<Detection> detections;
    const double last = static_cast<double>(grid.patchSize() - 1);
    for (std::size_t i = 0; i < grid.tiles().size() && i < outputs.size(); ++i) {
        const double confidence = centreConfidence(outputs[i]);
        if (confidence < threshold) {
            continue;
        }
        const PatchTile& tile = grid.tiles()[i];
        const double localRow = std::clamp(static_cast<double>(outputs[i][0]), 0.0, 1.0) * last;
        const double localColumn = std::clamp(static_cast<double>(outputs[i][1]), 0.0, 1.0) * last;
        if (localRow < static_cast<double>(tile.ownRow) - 0.5 ||
            localColumn < static_cast<double>(tile.ownColumn) - 0.5) {
            continue;
        }
        const double row = static_cast<double>(tile.row) + localRow;
        const double column = static_cast<double>(tile.column) + localColumn;
        Detection detection;
        detection.time = time;
        std::tie(detection.latitude, detection.longitude) = grid.latLon(row, column);
        detection.confidence = confidence;
        detection.windMs = detection.pressurePa = detection.vorticity = detection.warmCoreK =
            std::nan("");
        if (stepChannels) {
            const std::vector<float>& values = *stepChannels;
            const double gust =
                std::max(largestWithin(grid, values, channelFg10, row, column, 250.0, 1.0),
                         largestWithin(grid, values, channelI10fg, row, column, 250.0, 1.0));
            detection.windMs = gust / gustFactor;
            // Central pressure: the lowest msl within one grid cell's reach of the position.
            detection.pressurePa = -largestWithin(grid, values, channelMsl, row, column,
                                                  111.2 * grid.spacingDegrees(), -1.0);
            const double hemisphere = detection.latitude >= 0 ? 1.0 : -1.0;
            detection.vorticity = hemisphere * largestWithin(grid, values, channelVo850, row,
                                                             column, 150.0, hemisphere);
        }
        detections.push_back(detection);
    }
    return detections;
}

} // namespace cyclone
