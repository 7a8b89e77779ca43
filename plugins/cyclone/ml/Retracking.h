#pragma once

#include "BestTrack.h"
#include "EnsembleConsensus.h"
#include "MemberOutputsFile.h"
#include "Tracker.h"
#include "Validation.h"

#include <vector>

namespace cyclone {

// Detections and tracks again from an infer run's member outputs with other detection and
// tracker settings, without the CNN: what the retrack query answers and what the tune action
// sweeps over the validation years.
struct RetrackSettings {
    ConsensusSettings consensus;
    TrackerSettings tracker;
};

struct Retracked {
    std::size_t detections = 0;    // before linking
    std::vector<Detection> tracks; // the linked points, with track ids
};

Retracked retrackOutputs(const MemberOutputs& outputs, const RetrackSettings& settings);

// The truth points inside the inferred period (a truth CSV may cover more).
std::vector<BestTrackPoint> truthInPeriod(const MemberOutputs& outputs,
                                          const std::vector<BestTrackPoint>& truth);

} // namespace cyclone
