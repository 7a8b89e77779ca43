#include "Bootstrap.h"

#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <map>
#include <string>

namespace cyclone {

namespace {

struct StormUnit {
    double points = 0.0; // strong points (hits + misses)
    double hits = 0.0;
    double errorSumKm = 0.0;
};

// The 2.5th and 97.5th percentiles of the finite values (type 7: linear interpolation).
Interval percentileInterval(std::vector<double> values) {
    std::erase_if(values, [](double value) { return !std::isfinite(value); });
    Interval interval;
    if (values.empty()) {
        return interval;
    }
    std::sort(values.begin(), values.end());
    auto quantile = [&](double p) {
        const double position = p * static_cast<double>(values.size() - 1);
        const auto below = static_cast<std::size_t>(std::floor(position));
        const std::size_t above = std::min(below + 1, values.size() - 1);
        const double fraction = position - static_cast<double>(below);
        return values[below] + fraction * (values[above] - values[below]);
    };
    interval.low = quantile(0.025);
    interval.high = quantile(0.975);
    return interval;
}

} // namespace

BootstrapIntervals bootstrapOverStorms(const std::vector<Detection>& detections,
                                       const std::vector<BestTrackPoint>& truth,
                                       const ValidationResult& result,
                                       const ValidationSettings& settings, int samples,
                                       std::uint64_t seed) {
    auto strong = [&](const BestTrackPoint& point) {
        return !isBait(point) &&
               (std::isnan(point.windMs) || point.windMs >= settings.truthMinWindMs);
    };
    std::vector<double> hitDistance(truth.size(), -1.0);
    std::vector<bool> detectionMatched(detections.size(), false);
    for (const MatchedPair& pair : result.pairs) {
        detectionMatched[pair.detection] = true;
        hitDistance[pair.truth] = pair.distanceKm;
    }
    std::map<std::string, StormUnit> storms;
    for (std::size_t j = 0; j < truth.size(); ++j) {
        if (!strong(truth[j])) {
            continue;
        }
        StormUnit& unit = storms[truth[j].sid];
        unit.points += 1.0;
        if (hitDistance[j] >= 0.0) {
            unit.hits += 1.0;
            unit.errorSumKm += hitDistance[j];
        }
    }
    std::map<std::string, double> falseAlarmGroups;
    for (std::size_t i = 0; i < detections.size(); ++i) {
        if (!detectionMatched[i]) {
            const std::string key = detections[i].trackId >= 0
                                        ? "track " + std::to_string(detections[i].trackId)
                                        : "detection " + std::to_string(i);
            falseAlarmGroups[key] += 1.0;
        }
    }
    std::vector<StormUnit> stormUnits;
    for (const auto& [sid, unit] : storms) {
        stormUnits.push_back(unit);
    }
    std::vector<double> falseAlarmUnits;
    for (const auto& [key, count] : falseAlarmGroups) {
        falseAlarmUnits.push_back(count);
    }

    BootstrapIntervals intervals;
    intervals.storms = stormUnits.size();
    intervals.falseAlarmUnits = falseAlarmUnits.size();
    intervals.samples = std::max(samples, 0);
    std::vector<double> pods, fars, f2s, errors;
    for (int replicate = 0; replicate < intervals.samples; ++replicate) {
        twins::sdk::Random random(
            twins::sdk::streamSeed(seed, static_cast<std::uint64_t>(replicate)));
        double points = 0.0;
        double hits = 0.0;
        double errorSum = 0.0;
        double falseAlarms = 0.0;
        for (std::size_t k = 0; k < stormUnits.size(); ++k) {
            const StormUnit& unit = stormUnits[random.uniformIndex(stormUnits.size())];
            points += unit.points;
            hits += unit.hits;
            errorSum += unit.errorSumKm;
        }
        for (std::size_t k = 0; k < falseAlarmUnits.size(); ++k) {
            falseAlarms += falseAlarmUnits[random.uniformIndex(falseAlarmUnits.size())];
        }
        const double nan = std::nan("");
        const double pod = points > 0.0 ? hits / points : nan;
        const double far = hits + falseAlarms > 0.0 ? falseAlarms / (hits + falseAlarms) : nan;
        double f2 = nan;
        if (std::isfinite(pod) && std::isfinite(far)) {
            const double precision = 1.0 - far;
            f2 = hits == 0.0 ? 0.0 : 5.0 * precision * pod / (4.0 * precision + pod);
        }
        pods.push_back(pod);
        fars.push_back(far);
        f2s.push_back(f2);
        errors.push_back(hits > 0.0 ? errorSum / hits : nan);
    }
    intervals.pod = percentileInterval(pods);
    intervals.far = percentileInterval(fars);
    intervals.f2 = percentileInterval(f2s);
    intervals.meanErrorKm = percentileInterval(errors);
    return intervals;
}

} // namespace cyclone
