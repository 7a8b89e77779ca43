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
constexpr double kmPerDegree = 111.2;

// Largest value of `channel` (times `sign`) within radiusKm of the cell nearest (row, column).
double largestWithin(const PatchGrid& grid, const std::vector<float>& values, std::size_t channel,
                     double row, double column, double radiusKm, double sign) {
    const auto centreRow = static_cast<long>(std::lround(row));
    const auto centreColumn = static_cast<long>(std::lround(column));
    const auto [latitude, longitude] = grid.latLon(row, column);
    const double cellKm = kmPerDegree * grid.spacingDegrees();
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
            const float value =
                values[channel * plane + static_cast<std::size_t>(r) * grid.columns() +
                       static_cast<std::size_t>(c)];
            if (std::isnan(value) || sign * value <= best) {
                continue; // the distance is only computed for a candidate
            }
            const auto [lat, lon] = grid.latLon(static_cast<double>(r), static_cast<double>(c));
            if (haversineKm(latitude, longitude, lat, lon) <= radiusKm) {
                best = sign * value;
            }
        }
    }
    return best;
}

} // namespace

CentreAttributes centreAttributes(const PatchGrid& grid, const std::vector<float>& values,
                                  double row, double column) {
    CentreAttributes attributes;
    const double gust =
        std::max(largestWithin(grid, values, channelFg10, row, column, 250.0, 1.0),
                 largestWithin(grid, values, channelI10fg, row, column, 250.0, 1.0));
    attributes.windMs = static_cast<float>(gust / gustFactor);
    // Central pressure: the lowest msl within one grid cell's reach of the position.
    attributes.pressurePa = static_cast<float>(-largestWithin(
        grid, values, channelMsl, row, column, kmPerDegree * grid.spacingDegrees(), -1.0));
    const double latitude = grid.latLon(row, column).first;
    const double hemisphere = latitude >= 0 ? 1.0 : -1.0;
    attributes.vorticity = static_cast<float>(
        hemisphere * largestWithin(grid, values, channelVo850, row, column, 150.0, hemisphere));
    return attributes;
}

bool ownedPosition(const PatchGrid& grid, const PatchTile& tile, double normalisedRow,
                   double normalisedColumn, double& row, double& column) {
    const double last = static_cast<double>(grid.patchSize() - 1);
    const double localRow = std::clamp(normalisedRow, 0.0, 1.0) * last;
    const double localColumn = std::clamp(normalisedColumn, 0.0, 1.0) * last;
    if (localRow < static_cast<double>(tile.ownRow) - 0.5 ||
        localColumn < static_cast<double>(tile.ownColumn) - 0.5) {
        return false;
    }
    row = static_cast<double>(tile.row) + localRow;
    column = static_cast<double>(tile.column) + localColumn;
    return true;
}

std::vector<Detection> consensusDetections(const PatchGrid& grid, const StepPredictions& step,
                                           const CfDateTime& time,
                                           const ConsensusSettings& settings) {
    std::vector<Detection> detections;
    const std::size_t tiles = grid.tiles().size();
    const double last = static_cast<double>(grid.patchSize() - 1);
    std::vector<MemberOutput> outputs(step.members);
    for (std::size_t t = 0; t < tiles; ++t) {
        for (std::size_t m = 0; m < step.members; ++m) {
            outputs[m] = step.outputs[m * tiles + t];
        }
        const TileConsensus verdict = tileConsensus(outputs, settings);
        double row = 0.0;
        double column = 0.0;
        if (!verdict.detected ||
            !ownedPosition(grid, grid.tiles()[t], verdict.row, verdict.column, row, column)) {
            continue;
        }
        Detection detection;
        detection.time = time;
        std::tie(detection.latitude, detection.longitude) = grid.latLon(row, column);
        detection.confidence = verdict.confidence;
        detection.members = verdict.kept;
        const double cellKm = kmPerDegree * grid.spacingDegrees();
        detection.spreadNorthKm = verdict.rowSpread * last * cellKm;
        detection.spreadEastKm = verdict.columnSpread * last * cellKm *
                                 std::cos(detection.latitude * std::numbers::pi / 180.0);
        detection.windMs = detection.pressurePa = detection.vorticity = detection.warmCoreK =
            std::nan("");
        if (!step.attributes.empty()) {
            double wind = 0.0;
            double pressure = 0.0;
            double vorticity = 0.0;
            for (const std::size_t m : verdict.members) {
                const CentreAttributes& a = step.attributes[m * tiles + t];
                wind += a.windMs;
                pressure += a.pressurePa;
                vorticity += a.vorticity;
            }
            const double kept = static_cast<double>(verdict.members.size());
            detection.windMs = wind / kept;
            detection.pressurePa = pressure / kept;
            detection.vorticity = vorticity / kept;
        }
        detections.push_back(detection);
    }
    return detections;
}

} // namespace cyclone
