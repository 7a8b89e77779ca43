#pragma once

#include "Detection.h"

#include <vector>

namespace cyclone {

struct TrackerSettings {
    double maxDistanceKm = 400.0; // links longer than this are not made (original: 400 km)
    int minLength = 4;            // tracks with fewer points are removed (4 = one day)
    double minWindMs = 0.0;       // > 0: tracks whose peak wind_ms is below it are removed
    double stepHours = 6.0;       // only detections this far apart in time are linked
    CfCalendar calendar = CfCalendar::Standard; // to count hours between time stamps
};

// The deterministic tracker of the original twin: detections are grouped by time; between each
// pair of consecutive steps (exactly stepHours apart) every (track end, new detection) pair
// closer than maxDistanceKm (haversine) is a candidate, and candidates are accepted greedily in
// order of increasing distance (ties by input order), each track end and each detection used
// once. Unlinked detections start new tracks. Finally short and (optionally) weak tracks are
// removed. Returns the kept detections with trackId set (1, 2, ... in order of first
// appearance), ordered by track then time.
// Throws CycloneError when minWindMs > 0 and a detection has no wind (NaN).
std::vector<Detection> linkTracks(const std::vector<Detection>& detections,
                                  const TrackerSettings& settings);

} // namespace cyclone
