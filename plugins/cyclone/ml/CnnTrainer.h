#pragma once

#include "CnnConfig.h"
#include "PatchDataset.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// Torch-free interface of the CNN training loop (the loop itself is in CnnTrainer.cpp).
namespace cyclone {

struct TrainSettings {
    CnnArchitecture architecture;
    int epochs = 20;
    int batchSize = 64;
    double learningRate = 1e-3; // peak, reached after the warm-up
    double weightDecay = 1e-4;  // AdamW's decoupled decay
    // Linear warm-up over this fraction of all batches, then cosine decay to 0: the usual
    // schedule for AdamW from scratch (large first steps with fresh moment estimates diverge).
    double warmupFraction = 0.05;
    std::uint64_t seed = 1;
    int threads = 0; // LibTorch intra-op threads; 0 = every core the process may use
    // > 0: training stops once this much wall time has passed, and the learning-rate schedule
    // follows the larger of the step and time fractions, so it still warms up and decays to 0
    // within the budget whatever the machine's speed (a shared machine's speed varies).
    double timeBudgetSeconds = 0.0;
};

struct EpochReport {
    int epoch = 0;        // 1-based
    double loss = 0.0;    // mean L1 over the epoch's training batches (augmented)
    double valLoss = 0.0; // mean L1 of the epoch's model on the validation patches; NaN if none
    double seconds = 0.0; // wall time of the epoch, training and validation
    double learningRate = 0.0; // at the end of the epoch
    std::size_t patches = 0;   // patches trained on in the epoch (fewer when time ran out)
};

struct TrainCallbacks {
    std::function<void(const EpochReport&)> epochDone;
    // Called after every batch (progress; throws to cancel between batches).
    std::function<void(std::size_t batch, std::size_t batches)> batchDone;
};

struct TrainOutcome {
    std::vector<EpochReport> epochs;
    // The final model's outputs for dataset.validationPatches, in that order.
    std::vector<std::array<float, 2>> validationPredictions;
    // What the training cost (the model card's training_cost).
    double wallSeconds = 0.0;
    double cpuSeconds = 0.0; // whole process, all threads
    std::size_t steps = 0;
    int threads = 0; // LibTorch intra-op threads used
};

// Trains a fresh CycloneNet on dataset.trainPatches (inputs already normalised) with L1 loss,
// AdamW and random row/column flips (together: 180-degree rotations) with labels transformed
// alike, in the SDK's training loop (twinbench/ml/TrainingLoop.h), then saves the module
// atomically to weightsPath (twinbench/ml/TorchSave.h).
TrainOutcome trainCycloneNet(PatchDataset& dataset, const TrainSettings& settings,
                             const std::string& weightsPath, const TrainCallbacks& callbacks);

} // namespace cyclone
