#include "Validation.h"

#include "Geodesy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

namespace cyclone {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();

double ratio(double numerator, double denominator) {
    return denominator > 0.0 ? numerator / denominator : notANumber;
}

} // namespace

ValidationResult validateDetections(const std::vector<Detection>& detections,
                                    const std::vector<BestTrackPoint>& truth,
                                    const ValidationSettings& settings) {
    auto strong = [&](const BestTrackPoint& point) {
        return std::isnan(point.windMs) || point.windMs >= settings.truthMinWindMs;
    };
    // Time stamps compare as text ("YYYY-MM-DD HH:MM:SS"), so any calendar works.
    std::map<std::string, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> byTime;
    for (std::size_t i = 0; i < detections.size(); ++i) {
        byTime[isoTime(detections[i].time)].first.push_back(i);
    }
    std::map<std::string, std::vector<std::size_t>> baitByTime;
    for (std::size_t j = 0; j < truth.size(); ++j) {
        if (isBait(truth[j])) {
            baitByTime[isoTime(truth[j].time)].push_back(j);
        } else {
            byTime[isoTime(truth[j].time)].second.push_back(j);
        }
    }

    ValidationResult result;
    std::vector<bool> detectionMatched(detections.size(), false);
    std::vector<bool> truthMatched(truth.size(), false);
    struct Candidate {
        double distance;
        std::size_t detection;
        std::size_t truth;
    };
    std::vector<Candidate> candidates;
    for (const auto& [time, indices] : byTime) {
        candidates.clear();
        for (const std::size_t i : indices.first) {
            for (const std::size_t j : indices.second) {
                const double distance = haversineKm(detections[i].latitude, detections[i].longitude,
                                                    truth[j].latitude, truth[j].longitude);
                if (distance <= settings.matchDistanceKm) {
                    candidates.push_back({distance, i, j});
                }
            }
        }
        std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
            return std::tie(a.distance, a.detection, a.truth) <
                   std::tie(b.distance, b.detection, b.truth);
        });
        for (const Candidate& candidate : candidates) {
            if (detectionMatched[candidate.detection] || truthMatched[candidate.truth]) {
                continue;
            }
            detectionMatched[candidate.detection] = true;
            truthMatched[candidate.truth] = true;
            result.pairs.push_back({candidate.detection, candidate.truth, candidate.distance,
                                    strong(truth[candidate.truth])});
        }
    }

    std::vector<double> errors;
    for (const MatchedPair& pair : result.pairs) {
        if (pair.strong) {
            ++result.hits;
            errors.push_back(pair.distanceKm);
        } else {
            ++result.ignored;
        }
    }
    for (std::size_t j = 0; j < truth.size(); ++j) {
        result.baitPoints += isBait(truth[j]) ? 1 : 0;
        result.misses += (!truthMatched[j] && strong(truth[j]) && !isBait(truth[j])) ? 1 : 0;
    }
    for (std::size_t i = 0; i < detections.size(); ++i) {
        result.falseAlarms += detectionMatched[i] ? 0 : 1;
        if (detectionMatched[i]) {
            continue;
        }
        const auto bait = baitByTime.find(isoTime(detections[i].time));
        if (bait != baitByTime.end() &&
            std::any_of(bait->second.begin(), bait->second.end(), [&](std::size_t j) {
                return haversineKm(detections[i].latitude, detections[i].longitude,
                                   truth[j].latitude,
                                   truth[j].longitude) <= settings.matchDistanceKm;
            })) {
            ++result.baitFalseAlarms;
        }
    }
    const auto hits = static_cast<double>(result.hits);
    result.pod = ratio(hits, hits + static_cast<double>(result.misses));
    result.far = ratio(static_cast<double>(result.falseAlarms),
                       hits + static_cast<double>(result.falseAlarms));
    const double precision = 1.0 - result.far;
    // F2 = 5 P R / (4 P + R): recall (POD) weighs four times precision (1 - FAR), since a
    // missed cyclone costs more than a false alarm. No hits at all scores 0.
    if (std::isnan(result.pod) || std::isnan(result.far)) {
        result.f2 = notANumber;
    } else if (result.hits == 0) {
        result.f2 = 0.0;
    } else {
        result.f2 = 5.0 * precision * result.pod / (4.0 * precision + result.pod);
    }
    if (errors.empty()) {
        result.meanErrorKm = notANumber;
        result.medianErrorKm = notANumber;
    } else {
        double sum = 0.0;
        for (const double error : errors) {
            sum += error;
        }
        result.meanErrorKm = sum / static_cast<double>(errors.size());
        std::sort(errors.begin(), errors.end());
        const std::size_t middle = errors.size() / 2;
        result.medianErrorKm =
            errors.size() % 2 == 1 ? errors[middle] : 0.5 * (errors[middle - 1] + errors[middle]);
    }

    result.hasTracks = std::any_of(detections.begin(), detections.end(),
                                   [](const Detection& d) { return d.trackId >= 0; });
    if (!result.hasTracks) {
        return result;
    }
    // Track-level scores from the point matches.
    std::map<std::string, std::size_t> strongPointsOfTruth;
    for (const BestTrackPoint& point : truth) {
        if (strong(point) && !isBait(point)) {
            ++strongPointsOfTruth[point.sid];
        }
    }
    std::map<long, std::size_t> lengthOfDetected;
    for (const Detection& detection : detections) {
        ++lengthOfDetected[detection.trackId];
    }
    std::map<std::pair<std::string, long>, std::size_t> strongOverlap;
    std::map<std::pair<std::string, long>, std::size_t> anyOverlap;
    for (const MatchedPair& pair : result.pairs) {
        const auto key = std::make_pair(truth[pair.truth].sid, detections[pair.detection].trackId);
        ++anyOverlap[key];
        strongOverlap[key] += pair.strong ? 1 : 0;
    }
    auto needed = [&](std::size_t length) {
        return std::min<std::size_t>(static_cast<std::size_t>(settings.trackMatchPoints), length);
    };
    result.truthTracks = strongPointsOfTruth.size();
    for (const auto& [sid, strongPoints] : strongPointsOfTruth) {
        bool hit = false;
        for (const auto& [key, count] : strongOverlap) {
            hit = hit || (key.first == sid && count >= needed(strongPoints));
        }
        result.trackHits += hit ? 1 : 0;
    }
    result.trackMisses = result.truthTracks - result.trackHits;
    result.detectedTracks = lengthOfDetected.size();
    for (const auto& [track, length] : lengthOfDetected) {
        bool matched = false;
        for (const auto& [key, count] : anyOverlap) {
            matched = matched || (key.second == track && count >= needed(length));
        }
        result.trackFalseAlarms += matched ? 0 : 1;
    }
    return result;
}

} // namespace cyclone
