#pragma once

#include "FireSamples.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// Torch-free interface of the burned-area network's training (FireTrainer.cpp holds torch).
namespace wildfire {

struct FireTrainSettings {
    int depth = 2;
    int baseFilters = 16;
    double dropout = 0.1; // UnetPlusPlus.h: in training, and in infer's Monte Carlo passes
    int epochs = 10;
    int batchSize = 4;          // 8-day steps (whole grids) per Adam step
    double learningRate = 1e-3; // Adam (ML4Fires: 1e-4 for its longer training)
    std::uint64_t seed = 1;
    int threads = 0;
    double timeBudgetSeconds = 0.0;
    std::vector<std::size_t> trainSamples;
    std::vector<std::size_t> validationSamples;
};

// Held-out scores on the validation samples' burnable land cells.
struct FireScores {
    double bce = 0.0;           // mean binary cross-entropy (the loss, unweighted)
    double rocAuc = 0.0;        // area under the ROC curve (NaN when one class is missing)
    double positiveShare = 0.0; // share of burned cells
};

struct FireTrainOutcome {
    std::vector<double> epochLosses;
    std::vector<double> epochValidationBce;
    FireScores validation;
    double positiveWeight = 1.0; // of burned cells in the loss (unburned / burned in training)
    double wallSeconds = 0.0;
    double cpuSeconds = 0.0;
    std::size_t steps = 0;
    int threads = 0;
};

struct FireTrainCallbacks {
    std::function<void()> throwIfCancelled;
    std::function<void(double, const std::string&)> progress;
    std::function<void(std::int64_t, const std::string&, double)> metric;
};

// Trains UNet++ on samples.trainSamples with binary cross-entropy on burnable land (lsm >= 0.5;
// burned cells weighted by the unburned/burned ratio of the training set, so the rare class is
// learnt), Adam, the SDK's training loop (seeded shuffle, time budget, cancellation), validation
// BCE after every epoch with the best model kept; saves that model to weightsPath.
FireTrainOutcome trainFireNet(const FireSamples& samples, const FireTrainSettings& settings,
                              const std::string& weightsPath, const FireTrainCallbacks& callbacks);

// Area under the ROC curve of scores against 0/1 labels (ties averaged; Mann-Whitney U).
double rocAuc(const std::vector<float>& scores, const std::vector<float>& labels);

} // namespace wildfire
