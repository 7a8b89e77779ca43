#include "ClassicalDetector.h"

#include "Geodesy.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <numbers>
#include <tuple>

namespace cyclone {

namespace {

constexpr double kmPerDegree = earthRadiusMetres / 1000.0 * std::numbers::pi / 180.0;

double greatCircleDegrees(double lat1, double lon1, double lat2, double lon2) {
    return haversineKm(lat1, lon1, lat2, lon2) / kmPerDegree;
}

// The grid and the scratch space of the searches (one per step: steps run on several threads).
class GridSearch {
public:
    GridSearch(const std::vector<double>& latitudes, const std::vector<double>& longitudes)
        : m_latitudes(latitudes), m_longitudes(longitudes), m_rows(latitudes.size()),
          m_columns(longitudes.size()), m_stamp(m_rows * m_columns, 0) {}

    std::size_t rows() const { return m_rows; }
    std::size_t columns() const { return m_columns; }
    double distance(std::size_t a, std::size_t b) const {
        return greatCircleDegrees(m_latitudes[a / m_columns], m_longitudes[a % m_columns],
                                  m_latitudes[b / m_columns], m_longitudes[b % m_columns]);
    }

    // Whether `field` has a closed contour round `start`: sense +1, every path from start to a
    // point farther than radiusDegrees meets a value >= field[start] + delta (a minimum's);
    // sense -1, a value <= field[start] - delta (a maximum's). Paths leaving the grid count as
    // open (the domain does not wrap).
    bool closedContour(const std::vector<double>& field, std::size_t start, double delta,
                       double radiusDegrees, double sense) {
        ++m_generation;
        const double reference = field[start];
        std::deque<std::size_t> queue{start};
        m_stamp[start] = m_generation;
        while (!queue.empty()) {
            const std::size_t node = queue.front();
            queue.pop_front();
            if (distance(start, node) > radiusDegrees) {
                return false;
            }
            const std::size_t row = node / m_columns;
            const std::size_t column = node % m_columns;
            if (row == 0 || column == 0 || row + 1 == m_rows || column + 1 == m_columns) {
                return false;
            }
            for (const std::size_t next :
                 {node - m_columns, node + m_columns, node - 1, node + 1}) {
                if (m_stamp[next] == m_generation) {
                    continue;
                }
                m_stamp[next] = m_generation;
                const double value = field[next];
                if (std::isnan(value) || sense * (value - reference) >= delta) {
                    continue; // beyond the contour (or masked): the search stops here
                }
                queue.push_back(next);
            }
        }
        return true;
    }

    // Grid points within radiusDegrees of `centre` (a box of rows and columns, then the
    // great-circle distance).
    template <typename Visit> void within(std::size_t centre, double radiusDegrees, Visit visit) {
        const std::size_t row = centre / m_columns;
        const double rowSpacing = std::fabs(m_latitudes[std::min(row + 1, m_rows - 1)] -
                                            m_latitudes[row == 0 ? 0 : row - 1]) /
                                  (row == 0 || row + 1 == m_rows ? 1.0 : 2.0);
        const double columnSpacing =
            m_columns > 1 ? std::fabs(m_longitudes[1] - m_longitudes[0]) : 1.0;
        const double cosine = std::max(std::cos(m_latitudes[row] * std::numbers::pi / 180.0), 0.05);
        const auto rowReach =
            static_cast<long>(std::ceil(radiusDegrees / std::max(rowSpacing, 1e-6)));
        const auto columnReach =
            static_cast<long>(std::ceil(radiusDegrees / cosine / std::max(columnSpacing, 1e-6)));
        const long r0 = static_cast<long>(row);
        const long c0 = static_cast<long>(centre % m_columns);
        for (long r = std::max(0L, r0 - rowReach);
             r <= std::min(static_cast<long>(m_rows) - 1, r0 + rowReach); ++r) {
            for (long c = std::max(0L, c0 - columnReach);
                 c <= std::min(static_cast<long>(m_columns) - 1, c0 + columnReach); ++c) {
                const std::size_t node =
                    static_cast<std::size_t>(r) * m_columns + static_cast<std::size_t>(c);
                const double d = distance(centre, node);
                if (d <= radiusDegrees) {
                    visit(node, d);
                }
            }
        }
    }

    double latitude(std::size_t node) const { return m_latitudes[node / m_columns]; }
    double longitude(std::size_t node) const { return m_longitudes[node % m_columns]; }

private:
    const std::vector<double>& m_latitudes;
    const std::vector<double>& m_longitudes;
    std::size_t m_rows;
    std::size_t m_columns;
    std::vector<unsigned> m_stamp;
    unsigned m_generation = 0;
};

} // namespace

std::vector<Detection> detectNodes(const ClassicalFields& fields,
                                   const std::vector<double>& latitudes,
                                   const std::vector<double>& longitudes, const CfDateTime& time,
                                   const ClassicalSettings& settings) {
    GridSearch grid(latitudes, longitudes);
    const std::size_t rows = grid.rows();
    const std::size_t columns = grid.columns();
    const std::vector<double>& msl = fields.msl;
    // Candidates: below all 8 neighbours.
    std::vector<std::size_t> candidates;
    for (std::size_t row = 1; row + 1 < rows; ++row) {
        for (std::size_t column = 1; column + 1 < columns; ++column) {
            const std::size_t node = row * columns + column;
            const double value = msl[node];
            bool lowest = !std::isnan(value);
            for (long dr = -1; dr <= 1 && lowest; ++dr) {
                for (long dc = -1; dc <= 1 && lowest; ++dc) {
                    if (dr == 0 && dc == 0) {
                        continue;
                    }
                    const double other = msl[static_cast<std::size_t>(
                        static_cast<long>(node) + dr * static_cast<long>(columns) + dc)];
                    lowest = !(other <= value);
                }
            }
            if (lowest) {
                candidates.push_back(node);
            }
        }
    }
    // Merge: within mergeDegrees only the lowest survives (ties: the first in grid order).
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](std::size_t a, std::size_t b) { return msl[a] < msl[b]; });
    std::vector<std::size_t> kept;
    for (const std::size_t node : candidates) {
        const bool near = std::any_of(kept.begin(), kept.end(), [&](std::size_t other) {
            return grid.distance(node, other) <= settings.mergeDegrees;
        });
        if (!near) {
            kept.push_back(node);
        }
    }

    std::vector<Detection> nodes;
    for (const std::size_t node : kept) {
        if (!grid.closedContour(msl, node, settings.closedContourPa, settings.closedContourDegrees,
                                1.0)) {
            continue;
        }
        // The warm core: the layer temperature's maximum near the node, then a closed
        // contour of decrease round it.
        std::size_t warmest = node;
        grid.within(node, settings.warmCoreOffsetDegrees, [&](std::size_t point, double) {
            if (fields.layerTemperature[point] > fields.layerTemperature[warmest]) {
                warmest = point;
            }
        });
        if (!grid.closedContour(fields.layerTemperature, warmest, settings.warmCoreDecreaseK,
                                settings.warmCoreDegrees, -1.0)) {
            continue;
        }
        Detection detection;
        detection.time = time;
        detection.latitude = grid.latitude(node);
        detection.longitude = grid.longitude(node);
        detection.confidence = 1.0;
        detection.pressurePa = msl[node];
        detection.vorticity = std::nan("");
        double ringSum = 0.0;
        int ringCount = 0;
        grid.within(warmest, settings.warmCoreDegrees, [&](std::size_t point, double d) {
            if (d >= settings.warmCoreDegrees - 1.0) {
                ringSum += fields.layerTemperature[point];
                ++ringCount;
            }
        });
        detection.warmCoreK =
            ringCount > 0 ? fields.layerTemperature[warmest] - ringSum / ringCount : std::nan("");
        detection.windMs = std::nan("");
        if (!fields.gust.empty()) {
            double strongest = 0.0;
            grid.within(node, settings.windRadiusDegrees, [&](std::size_t point, double) {
                if (fields.gust[point] > strongest) {
                    strongest = fields.gust[point];
                }
            });
            detection.windMs = strongest / settings.gustFactor;
        }
        nodes.push_back(detection);
    }
    return nodes;
}

std::vector<Detection> stitchNodes(const std::vector<Detection>& nodes,
                                   const ClassicalSettings& settings) {
    if (nodes.empty()) {
        return {};
    }
    int referenceYear = nodes.front().time.year;
    for (const Detection& node : nodes) {
        referenceYear = std::min(referenceYear, node.time.year);
    }
    std::vector<double> hours(nodes.size());
    std::map<double, std::vector<std::size_t>> byTime;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        hours[i] = hoursSinceYearStart(settings.calendar, referenceYear, nodes[i].time);
        byTime[hours[i]].push_back(i);
    }
    std::vector<std::vector<std::size_t>> tracks;
    struct Candidate {
        double gap;
        double distance;
        std::size_t track;
        std::size_t node;
    };
    std::vector<Candidate> candidates;
    for (const auto& [now, current] : byTime) {
        candidates.clear();
        for (std::size_t t = 0; t < tracks.size(); ++t) {
            const std::size_t last = tracks[t].back();
            const double gap = now - hours[last];
            if (gap <= 0.0 || gap > settings.maxGapHours + 1e-6) {
                continue;
            }
            for (const std::size_t node : current) {
                const double distance =
                    greatCircleDegrees(nodes[last].latitude, nodes[last].longitude,
                                       nodes[node].latitude, nodes[node].longitude);
                if (distance <= settings.rangeDegrees) {
                    candidates.push_back({gap, distance, t, node});
                }
            }
        }
        std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            return std::tie(a.gap, a.distance, a.track, a.node) <
                   std::tie(b.gap, b.distance, b.track, b.node);
        });
        std::vector<bool> trackUsed(tracks.size(), false);
        std::map<std::size_t, bool> nodeUsed;
        for (const Candidate& candidate : candidates) {
            if (trackUsed[candidate.track] || nodeUsed[candidate.node]) {
                continue;
            }
            trackUsed[candidate.track] = true;
            nodeUsed[candidate.node] = true;
            tracks[candidate.track].push_back(candidate.node);
        }
        for (const std::size_t node : current) {
            if (!nodeUsed[node]) {
                tracks.push_back({node});
            }
        }
    }

    std::vector<Detection> stitched;
    long id = 0;
    for (const std::vector<std::size_t>& track : tracks) {
        const double duration = hours[track.back()] - hours[track.front()];
        int windy = 0;
        int tropical = 0;
        bool windKnown = true;
        for (const std::size_t node : track) {
            windKnown = windKnown && !std::isnan(nodes[node].windMs);
            windy += nodes[node].windMs >= settings.minWindMs ? 1 : 0;
            tropical += std::fabs(nodes[node].latitude) <= settings.maxLatitude ? 1 : 0;
        }
        if (duration + 1e-6 < settings.minDurationHours ||
            (windKnown && windy < settings.thresholdSteps) || tropical < settings.thresholdSteps) {
            continue;
        }
        ++id;
        for (const std::size_t node : track) {
            Detection point = nodes[node];
            point.trackId = id;
            stitched.push_back(point);
        }
    }
    return stitched;
}

} // namespace cyclone
