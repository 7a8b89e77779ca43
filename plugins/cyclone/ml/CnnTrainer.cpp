#include "CnnTrainer.h"

#include "CycloneError.h"
#include "CycloneNet.h"
#include "twinbench/ml/TorchSave.h"
#include "twinbench/ml/TorchSetup.h"
#include "twinbench/ml/TrainingLoop.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cyclone {

namespace {

// Linear warm-up over the first warmupFraction of training, then a cosine decay to 0.
// `progress` in [0, 1] is the share of training done: of the steps, or of the time budget when
// that runs out first.
double scheduledRate(const TrainSettings& settings, double progress) {
    const double warmup = std::max(settings.warmupFraction, 1e-9);
    if (progress < warmup) {
        return settings.learningRate * std::max(progress / warmup, 1e-3);
    }
    const double decay = std::min(1.0, (progress - warmup) / std::max(1e-9, 1.0 - warmup));
    return settings.learningRate * 0.5 * (1.0 + std::cos(std::numbers::pi * decay));
}

// Flips each patch along rows and/or columns at random (both = a 180-degree rotation); a
// centre at normalised position p moves to 1 - p, the "none" code (-1, -1) stays.
void augment(torch::Tensor& patches, torch::Tensor& labels) {
    const auto count = patches.size(0);
    const torch::Tensor present = labels.select(1, 0) >= 0;
    for (int axis = 0; axis < 2; ++axis) {
        const torch::Tensor flip = torch::rand({count}) < 0.5;
        patches = torch::where(flip.view({count, 1, 1, 1}), patches.flip({2 + axis}), patches);
        torch::Tensor coordinate = labels.select(1, axis);
        labels.select(1, axis).copy_(torch::where(flip & present, 1 - coordinate, coordinate));
    }
}

// Model outputs for the listed patches, in batches, without gradients.
torch::Tensor predict(CycloneNet& net, const torch::Tensor& inputs,
                      const std::vector<std::size_t>& patches) {
    torch::NoGradGuard noGradients;
    net->eval();
    std::vector<torch::Tensor> parts;
    const std::size_t batch = 256;
    for (std::size_t start = 0; start < patches.size(); start += batch) {
        const std::size_t end = std::min(patches.size(), start + batch);
        std::vector<std::int64_t> index(patches.begin() + static_cast<std::ptrdiff_t>(start),
                                        patches.begin() + static_cast<std::ptrdiff_t>(end));
        parts.push_back(net->forward(inputs.index_select(0, torch::tensor(index))));
    }
    net->train();
    return parts.empty() ? torch::empty({0, 2}) : torch::cat(parts);
}

} // namespace

TrainOutcome trainCycloneNet(PatchDataset& dataset, const TrainSettings& settings,
                             const std::string& weightsPath, const TrainCallbacks& callbacks) {
    const int threads = twins::ml::useComputeThreads(settings.threads);
    twins::ml::seedTorch(settings.seed);
    CycloneNet net(settings.architecture);
    torch::optim::AdamW optimiser(
        net->parameters(),
        torch::optim::AdamWOptions(settings.learningRate).weight_decay(settings.weightDecay));
    const auto count = static_cast<std::int64_t>(dataset.patchCount());
    const std::int64_t size = dataset.patchSize;
    // Views of the dataset's memory, no copy: the whole set can be several GB at 0.25 degree.
    const torch::Tensor inputs = torch::from_blob(
        dataset.inputs.data(), {count, static_cast<std::int64_t>(cnnChannelCount), size, size});
    const torch::Tensor labels = torch::from_blob(dataset.labels.data(), {count, 2});
    const torch::Tensor validationLabels =
        dataset.validationPatches.empty()
            ? torch::empty({0, 2})
            : labels.index_select(
                  0, torch::tensor(std::vector<std::int64_t>(dataset.validationPatches.begin(),
                                                             dataset.validationPatches.end())));

    // The SDK's loop: seeded shuffle, batches, the time budget, validation at every epoch's end.
    twins::ml::TrainingPlan plan;
    plan.seed = settings.seed;
    plan.epochs = settings.epochs;
    plan.examples = dataset.trainPatches.size();
    plan.batchSize = static_cast<std::size_t>(std::max(1, settings.batchSize));
    plan.timeBudgetSeconds = settings.timeBudgetSeconds;
    TrainOutcome outcome;
    torch::Tensor validationOutput;
    double rate = 0.0;
    twins::ml::TrainingHooks hooks;
    hooks.trainBatch = [&](const twins::ml::TrainingBatch& batch) {
        // The schedule follows the larger of the step and time shares, so it still decays to 0
        // within the budget.
        rate = scheduledRate(settings, batch.progress);
        for (auto& group : optimiser.param_groups()) {
            static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);
        }
        std::vector<std::int64_t> patches;
        patches.reserve(batch.examples.size());
        for (const std::int64_t example : batch.examples) {
            patches.push_back(
                static_cast<std::int64_t>(dataset.trainPatches[static_cast<std::size_t>(example)]));
        }
        const torch::Tensor index = torch::tensor(patches);
        torch::Tensor x = inputs.index_select(0, index);
        torch::Tensor y = labels.index_select(0, index);
        augment(x, y);
        optimiser.zero_grad();
        const torch::Tensor loss = torch::l1_loss(net->forward(x), y);
        loss.backward();
        optimiser.step();
        if (callbacks.batchDone) {
            callbacks.batchDone(batch.step, batch.totalSteps);
        }
        return twins::ml::BatchLosses{{"loss", loss.item<double>()}};
    };
    hooks.validate = [&](std::size_t, int) {
        validationOutput = predict(net, inputs, dataset.validationPatches);
        return dataset.validationPatches.empty()
                   ? std::nan("")
                   : torch::l1_loss(validationOutput, validationLabels).item<double>();
    };
    hooks.epochDone = [&](const twins::ml::TrainingEpoch& epoch) {
        EpochReport report;
        report.epoch = epoch.epoch;
        report.loss = epoch.meanLosses.empty() ? std::nan("") : epoch.meanLosses.front().second;
        report.valLoss = epoch.score.value_or(std::nan(""));
        report.learningRate = rate;
        report.seconds = epoch.seconds;
        report.patches = epoch.examples;
        outcome.epochs.push_back(report);
        if (callbacks.epochDone) {
            callbacks.epochDone(report);
        }
    };
    const twins::ml::TrainingOutcome trained = twins::ml::runTrainingLoop(plan, hooks);
    if (outcome.epochs.empty()) {
        throw CycloneError("time_budget_minutes", "ran out before the first batch; raise it");
    }
    if (!std::isfinite(outcome.epochs.back().loss)) {
        throw CycloneError("learning_rate", "training diverged (loss is not finite); lower it");
    }
    outcome.cpuSeconds = trained.cpuSeconds;
    outcome.wallSeconds = trained.seconds;
    outcome.steps = trained.steps;
    outcome.threads = threads;
    twins::ml::saveAtomically(net, weightsPath);
    const torch::Tensor output =
        validationOutput.defined() ? validationOutput.contiguous() : torch::empty({0, 2});
    const float* values = output.data_ptr<float>();
    for (std::int64_t i = 0; i < output.size(0); ++i) {
        outcome.validationPredictions.push_back({values[2 * i], values[2 * i + 1]});
    }
    return outcome;
}

} // namespace cyclone
