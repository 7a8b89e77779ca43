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
    // Weight of the regression head's loss (MSE of the scaled log1p burned area on land) beside
    // the BCE; 0: no regression head (UnetPlusPlus.h).
    double regressionWeight = 0.1;
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
    // The regression head's mean squared error of log1p(burned area in ha) on the same cells,
    // and that of the training years' mean log1p (a forecast without skill); NaN without the
    // head.
    double mseLogArea = 0.0;
    double mseLogAreaOfMean = 0.0;
};

struct FireTrainOutcome {
    std::vector<double> epochLosses;
    std::vector<double> epochValidationBce;
    std::vector<double> epochRegressionLosses; // NaN without the regression head
    std::vector<double> epochValidationMseLog; // val_mse_log_ba after each epoch
    FireScores validation;
    double positiveWeight = 1.0; // of burned cells in the loss (unburned / burned in training)
    // The regression head's target is log1p(ha) / logAreaScale: the root mean square of log1p(ha)
    // over the training land cells, so predicting 0 costs 1 and the loss is of the BCE's order.
    bool regressionHead = false;
    double logAreaScale = 1.0;
    double trainMeanLogArea = 0.0; // the training land cells' mean log1p(ha)
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
// learnt) plus regressionWeight x the regression head's MSE on the same cells, Adam, the SDK's
// training loop (seeded shuffle, time budget, cancellation), validation BCE after every epoch with
// the best model kept (by the BCE: the regression must not pick a worse probability head),
// val_mse_log_ba streamed beside it; saves that model to weightsPath.
FireTrainOutcome trainFireNet(const FireSamples& samples, const FireTrainSettings& settings,
                              const std::string& weightsPath, const FireTrainCallbacks& callbacks);

// Area under the ROC curve of scores against 0/1 labels (ties averaged; Mann-Whitney U).
double rocAuc(const std::vector<float>& scores, const std::vector<float>& labels);

} // namespace wildfire
