#pragma once

#include "BestTrack.h"
#include "CnnConfig.h"
#include "PatchGrid.h"

#include <cstdint>
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
        // Its kept patches: patch index of each, and the tile each came from.
        std::vector<std::size_t> patches;
        std::vector<std::size_t> tiles;
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

// Which patches buildPatchDataset keeps. At 0.25 deg a year is 1460 x 154 patches of 38 KB
// (8.6 GB), about 2% with a centre, so training keeps every patch with a centre, the patches
// around them (the hard cases: half a storm, its outer rain bands) and a random sample of the
// rest; validation keeps every patch of evenly spaced steps, so its POD and FAR are those of
// whole-domain inference on those steps.
struct PatchSampling {
    // Background patches (no centre) kept per training patch with a centre, neighbours of
    // centres first, then uniformly drawn others; <= 0 keeps every patch (small tests).
    double backgroundRatio = 0.0;
    // At most this many validation steps are kept (evenly spaced); 0 keeps all.
    std::size_t maxValidationSteps = 0;
    // The last this many sources are validation years (all their steps are validation steps);
    // 0 splits each source by validationFraction instead.
    std::size_t validationSources = 0;
    double validationFraction = 0.2;
    std::uint64_t seed = 1;
};

// Reads the sources' steps and keeps the patches `sampling` selects. `onStep(done, total)` is
// called after each step (progress, cancellation). Throws CycloneError for unreadable files or
// a grid smaller than a patch.
PatchDataset buildPatchDataset(const std::vector<LabelledSource>& sources, int patchSize,
                               const PatchSampling& sampling,
                               const std::function<void(std::size_t, std::size_t)>& onStep);

// Repeats the training patches that hold a centre until they make at least `share` of an epoch
// (about 2% of patches hold one; without this the L1 optimum is "never a cyclone"). Call after
// trainingStatistics(), which must see every patch once. Returns the copies added per patch.
std::size_t oversampleCentres(PatchDataset& dataset, double share);

// z-scores `values` (count patches, channel-major) in place; NaN -> 0 (the training mean).
void normalisePatches(float* values, std::size_t count, int patchSize,
                      const ChannelNormalisation& normalisation);

} // namespace cyclone
