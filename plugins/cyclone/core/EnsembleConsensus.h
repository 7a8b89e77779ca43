#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace cyclone {

// One ensemble member's output for one patch (the CNN's regression head): the centre's (row,
// column) divided by (patch size - 1), so in [0, 1] inside the patch, or the "none" code
// (-1, -1). An ensemble is several trained models or several Monte Carlo dropout passes of one.
using MemberOutput = std::array<float, 2>;

// How sure one output is that its patch holds a centre: 0 at the "none" code, 1 once both
// coordinates are inside the patch (>= 0), linear in between. A monotone score of the L1
// regression output, not a calibrated probability.
double centreConfidence(const MemberOutput& output);

struct ConsensusSettings {
    double threshold = 0.5; // a member votes for a centre when its confidence reaches this
    int consensus = 1;      // votes needed, after dropping outliers
};

// The ensemble's verdict on one patch, as the original twin aggregates its ensemble: the members
// that vote for a centre; among them, those outside 1.5 interquartile ranges of the voters'
// positions (Tukey's fences, either coordinate) are dropped as outliers; the rest are averaged;
// a centre needs at least `consensus` of them.
struct TileConsensus {
    bool detected = false;
    int voters = 0;   // members at or above the threshold
    int kept = 0;     // voters inside the fences
    double row = 0.0; // mean normalised position of the kept voters (as MemberOutput)
    double column = 0.0;
    // Sample standard deviation of the kept voters' positions (normalised units; 0 with one).
    double rowSpread = 0.0;
    double columnSpread = 0.0;
    // Sum of the kept voters' confidences over all members: the share of the ensemble that
    // places the centre here (for one member, its own confidence).
    double confidence = 0.0;
    std::vector<std::size_t> members; // indices of the kept voters, ascending
};

// outputs: one per member. Deterministic; throws nothing (an empty ensemble detects nothing).
TileConsensus tileConsensus(const std::vector<MemberOutput>& outputs,
                            const ConsensusSettings& settings);

// The q-quantile (0..1) of sorted values by linear interpolation between order statistics
// (numpy's default "linear" method, as the original's numpy code computes its IQR).
double sortedQuantile(const std::vector<double>& sorted, double q);

} // namespace cyclone
