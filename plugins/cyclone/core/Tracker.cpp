#include "Tracker.h"

#include "CycloneError.h"
#include "Geodesy.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace cyclone {

std::vector<Detection> linkTracks(const std::vector<Detection>& detections,
                                  const TrackerSettings& settings) {
    if (detections.empty()) {
        return {};
    }
    int referenceYear = detections.front().time.year;
    for (const Detection& detection : detections) {
        referenceYear = std::min(referenceYear, detection.time.year);
    }
    // Detections by time (hours since the earliest year's start), input order kept within.
    std::map<double, std::vector<std::size_t>> byTime;
    for (std::size_t i = 0; i < detections.size(); ++i) {
        byTime[hoursSinceYearStart(settings.calendar, referenceYear, detections[i].time)].push_back(
            i);
    }

    std::vector<long> trackOf(detections.size(), -1);
    std::vector<std::vector<std::size_t>> tracks;
    std::vector<std::size_t> previous; // detections of the previous step
    double previousHours = 0.0;
    bool first = true;
    struct Candidate {
        double distance;
        std::size_t from;
        std::size_t to;
    };
    std::vector<Candidate> candidates;
    for (const auto& [hours, current] : byTime) {
        std::vector<bool> linked(current.size(), false);
        if (!first && std::fabs(hours - previousHours - settings.stepHours) < 1e-6) {
            candidates.clear();
            for (std::size_t a = 0; a < previous.size(); ++a) {
                const Detection& from = detections[previous[a]];
                for (std::size_t b = 0; b < current.size(); ++b) {
                    const Detection& to = detections[current[b]];
                    const double distance =
                        haversineKm(from.latitude, from.longitude, to.latitude, to.longitude);
                    if (distance <= settings.maxDistanceKm) {
                        candidates.push_back({distance, a, b});
                    }
                }
            }
            std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
                return std::tie(x.distance, x.from, x.to) < std::tie(y.distance, y.from, y.to);
            });
            std::vector<bool> used(previous.size(), false);
            for (const Candidate& candidate : candidates) {
                if (used[candidate.from] || linked[candidate.to]) {
                    continue;
                }
                used[candidate.from] = true;
                linked[candidate.to] = true;
                const long track = trackOf[previous[candidate.from]];
                trackOf[current[candidate.to]] = track;
                tracks[static_cast<std::size_t>(track)].push_back(current[candidate.to]);
            }
        }
        for (std::size_t b = 0; b < current.size(); ++b) {
            if (!linked[b]) {
                trackOf[current[b]] = static_cast<long>(tracks.size());
                tracks.push_back({current[b]});
            }
        }
        previous = current;
        previousHours = hours;
        first = false;
    }

    std::vector<Detection> kept;
    long nextId = 1;
    for (const std::vector<std::size_t>& track : tracks) {
        if (static_cast<int>(track.size()) < settings.minLength) {
            continue;
        }
        if (settings.minWindMs > 0.0) {
            double peak = -1.0;
            for (const std::size_t i : track) {
                if (std::isnan(detections[i].windMs)) {
                    throw CycloneError("parameter 'min_wind'",
                                       "is set but detection at " + isoTime(detections[i].time) +
                                           " has no wind_ms value; expected detections with "
                                           "wind_ms or min_wind = 0");
                }
                peak = std::max(peak, detections[i].windMs);
            }
            if (peak < settings.minWindMs) {
                continue;
            }
        }
        for (const std::size_t i : track) {
            Detection detection = detections[i];
            detection.trackId = nextId;
            kept.push_back(detection);
        }
        ++nextId;
    }
    return kept;
}

} // namespace cyclone
