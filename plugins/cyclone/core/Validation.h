#pragma once

#include "BestTrack.h"
#include "Detection.h"

#include <string>
#include <vector>

namespace cyclone {

struct ValidationSettings {
    double matchDistanceKm = 300.0; // original: a detection within 300 km of a centre matches
    // Truth points weaker than this (m s-1) are "don't care": a detection on a tropical
    // depression is neither a hit nor a false alarm, and missing it is not a miss. 17.5 m s-1
    // (34 kt) is the tropical-storm threshold. NaN truth winds count as strong.
    double truthMinWindMs = 17.5;
    // A true track is hit when one detected track matches at least this many of its points
    // (or all of them, for shorter true tracks); a detected track that matches no true track
    // this well is a track false alarm.
    int trackMatchPoints = 2;
};

struct MatchedPair {
    std::size_t detection = 0; // index into the detections
    std::size_t truth = 0;     // index into the truth points
    double distanceKm = 0.0;
    bool strong = true; // the truth point is at least truthMinWindMs
};

struct ValidationResult {
    std::size_t hits = 0;            // strong truth points matched
    std::size_t misses = 0;          // strong truth points not matched
    std::size_t falseAlarms = 0;     // detections matching no truth point
    std::size_t ignored = 0;         // detections matching a weak truth point
    std::size_t baitPoints = 0;      // truth points of systems that are not tropical cyclones
    std::size_t baitFalseAlarms = 0; // false alarms within matchDistanceKm of a bait point
    double pod = 0.0;                // hits / (hits + misses); NaN without strong truth
    double far = 0.0;                // false alarms / (hits + false alarms); NaN without detections
    double f2 = 0.0;                 // F-beta with beta = 2 (recall weighted 4x), NaN if undefined
    double meanErrorKm = 0.0;        // over hits; NaN without hits
    double medianErrorKm = 0.0;
    bool hasTracks = false;      // the detections carried track ids
    std::size_t truthTracks = 0; // true tracks with at least one strong point
    std::size_t trackHits = 0;
    std::size_t trackMisses = 0;
    std::size_t detectedTracks = 0;
    std::size_t trackFalseAlarms = 0;
    std::vector<MatchedPair> pairs;
};

// Matches detections with truth points at the same time stamp, one to one, greedily by
// increasing haversine distance up to matchDistanceKm (ties by input order), then counts as
// documented on the fields. Bait points (isBait: a KIND other than tropical_cyclone) are never
// matched: they are no storm to find, and a detection on one is a false alarm. Deterministic.
ValidationResult validateDetections(const std::vector<Detection>& detections,
                                    const std::vector<BestTrackPoint>& truth,
                                    const ValidationSettings& settings);

} // namespace cyclone
