#pragma once

#include "BestTrack.h"
#include "Detection.h"
#include "Validation.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace cyclone {

struct Interval {
    double low = std::nan("");
    double high = std::nan("");
};

struct BootstrapIntervals {
    Interval pod;
    Interval far;
    Interval f2;
    Interval meanErrorKm;
    std::size_t storms = 0;          // storm units resampled
    std::size_t falseAlarmUnits = 0; // false-alarm units resampled
    int samples = 0;
};

// Percentile bootstrap 95% intervals of POD, FAR, F2 and the mean localisation error,
// resampling storms rather than points (the points of one storm are not independent).
// The rule: the units are
// - the storms to find: every true system that is not bait (BestTrack.h isBait) with at least
//   one point at or above truthMinWindMs, carrying its hits, misses and hit distances;
// - the false alarms, grouped by detected track (detections with a track id; without one each
//   false alarm is its own unit), as a false-alarm track is one mistake seen at several times.
// Each replicate draws as many storms as there are, with replacement, and independently as
// many false-alarm units as there are (a stratified bootstrap: both strata keep their size),
// and recomputes the four scores from the summed counts exactly as validateDetections does.
// The interval is the 2.5th to 97.5th percentile of the replicates (linear interpolation
// between order statistics; replicates where a score is undefined, e.g. no hits for the mean
// error, are left out of that score's interval). Replicate r draws from
// Random(streamSeed(seed, r)), so a seed gives the same intervals everywhere.
// `result` must be validateDetections(detections, truth, settings).
BootstrapIntervals bootstrapOverStorms(const std::vector<Detection>& detections,
                                       const std::vector<BestTrackPoint>& truth,
                                       const ValidationResult& result,
                                       const ValidationSettings& settings, int samples,
                                       std::uint64_t seed);

} // namespace cyclone
