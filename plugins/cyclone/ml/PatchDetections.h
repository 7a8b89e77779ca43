#pragma once

#include "Detection.h"
#include "EnsembleConsensus.h"
#include "PatchGrid.h"

#include <cmath>
#include <vector>

namespace cyclone {

// What the drivers say around one member's predicted centre: the largest gust within 250 km /
// 1.3 (as the baseline detector), the lowest msl within one cell and the largest cyclonic
// 850 hPa vorticity within 150 km. NaN when not computed (a member whose output is the "none"
// code: it can never vote).
struct CentreAttributes {
    float windMs = std::nanf("");
    float pressurePa = std::nanf("");
    float vorticity = std::nanf("");
};

// The attributes at the fractional grid position (row, column), from a step's raw channels
// (DriverChannels::read layout).
CentreAttributes centreAttributes(const PatchGrid& grid, const std::vector<float>& stepChannels,
                                  double row, double column);

// Grid position of a member output of `tile`; false when the output is in the tile's overlap
// with its neighbour (the neighbour owns it, so a storm there is not detected twice).
bool ownedPosition(const PatchGrid& grid, const PatchTile& tile, double normalisedRow,
                   double normalisedColumn, double& row, double& column);

// The outputs of every ensemble member for every tile of one step:
// outputs[member * tiles + tile], attributes likewise (may be empty: attributes NaN).
struct StepPredictions {
    std::size_t members = 0;
    std::vector<MemberOutput> outputs;
    std::vector<CentreAttributes> attributes;
};

// Detections of one step: per tile, the ensemble consensus (tileConsensus) placed on the grid;
// confidence the consensus confidence, spread_km the kept members' position spread, the
// attributes their mean. With one member this is the single CNN's detection.
std::vector<Detection> consensusDetections(const PatchGrid& grid, const StepPredictions& step,
                                           const CfDateTime& time,
                                           const ConsensusSettings& settings);

} // namespace cyclone
