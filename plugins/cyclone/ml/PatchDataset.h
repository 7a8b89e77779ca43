#pragma once

#include "BestTrack.h"
#include "CnnConfig.h"
#include "PatchGrid.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cyclone {

// One generate run's files (or any drivers NetCDF with an IBTrACS-like truth CSV).
struct LabelledSource {
    std::string drivers;
    std::string truth;
};

// Label of a patch without a cyclone centre; present centres are (row, column) / (patch - 1),
// in [0, 1], so the "none" code lies a whole patch away from every real position.
inline constexpr float noCentreLabel = -1.0f;

// The patches of every 6-h step of the sources with their labels: the true centre in the patch
// (the strongest one when several share it) or (-1, -1). The last `validationFraction` of each
// source's steps is the validation split: later times, as the train/validation years.
struct PatchDataset {
    struct Step {
        std::size_t source = 0;
        CfDateTime time;
        bool validation = false;
        std::size_t firstPatch = 0; // its patches are firstPatch .. firstPatch + tiles - 1
    };

    int patchSize = 0;
    std::vector<float> inputs; // (patch, channel, row, column), z-scored once normalise() ran
    std::vector<float> labels; // (patch, 2)
    std::vector<Step> steps;
    std::vector<std::unique_ptr<PatchGrid>> grids;          // per source
    std::vector<std::vector<BestTrackPoint>> truthBySource; // per source
    std::vector<std::size_t> trainPatches;
    std::vector<std::size_t> validationPatches;

    std::size_t patchCount() const { return labels.size() / 2; }
    std::size_t patchValues() const {
        return cnnChannelCount * static_cast<std::size_t>(patchSize * patchSize);
    }
    double resolutionDegrees() const { return grids.empty() ? 0.0 : grids[0]->spacingDegrees(); }

    // Mean and standard deviation per channel over the training patches, NaN ignored.
    ChannelNormalisation trainingStatistics() const;
};

// Reads every step of every source. `onStep(done, total)` is called after each step (progress,
// cancellation). Throws CycloneError for unreadable files or a grid smaller than a patch.
PatchDataset buildPatchDataset(const std::vector<LabelledSource>& sources, int patchSize,
                               double validationFraction,
                               const std::function<void(std::size_t, std::size_t)>& onStep);

// Repeats the training patches that hold a centre until they make at least `share` of an epoch
// (about 2% of patches hold one; without this the L1 optimum is "never a cyclone"). Call after
// trainingStatistics(), which must see every patch once. Returns the copies added per patch.
std::size_t oversampleCentres(PatchDataset& dataset, double share);

// z-scores `values` (count patches, channel-major) in place; NaN -> 0 (the training mean).
void normalisePatches(float* values, std::size_t count, int patchSize,
                      const ChannelNormalisation& normalisation);

} // namespace cyclone
