#include "FireTrainer.h"

#include "UnetPlusPlus.h"
#include "WildfireError.h"
#include "twinbench/ml/TorchSave.h"
#include "twinbench/ml/TorchSetup.h"
#include "twinbench/ml/TrainingLoop.h"

#include <cmath>

namespace wildfire {

namespace {

struct Views {
    torch::Tensor drivers; // samples x channels x rows x columns
    torch::Tensor burned;  // samples x rows x columns
    torch::Tensor land;    // rows x columns
};

torch::Tensor rows(const torch::Tensor& tensor, const std::vector<std::size_t>& samples) {
    std::vector<std::int64_t> index(samples.begin(), samples.end());
    return tensor.index_select(0, torch::tensor(index));
}

// Mean BCE over land cells that are not masked (target -1: a hole in the drivers or the
// target), burned cells weighted by `positiveWeight`.
torch::Tensor landLoss(const torch::Tensor& logits, const torch::Tensor& target,
                       const torch::Tensor& land, double positiveWeight) {
    const torch::Tensor counted = land * (target >= 0.0f).to(torch::kFloat);
    const torch::Tensor label = target.clamp_min(0.0f);
    const torch::Tensor weight = counted * (1.0 + (positiveWeight - 1.0) * label);
    const torch::Tensor loss =
        torch::binary_cross_entropy_with_logits(logits, label, weight, {}, at::Reduction::Sum);
    return loss / counted.sum().clamp_min(1.0);
}

// Validation BCE (unweighted) and, when asked, the probabilities and labels of land cells.
FireScores score(UnetPlusPlus& net, const Views& views, const std::vector<std::size_t>& samples,
                 bool withAuc) {
    FireScores scores;
    if (samples.empty()) {
        scores.bce = std::nan("");
        scores.rocAuc = std::nan("");
        return scores;
    }
    torch::NoGradGuard noGradients;
    net->eval();
    double loss = 0.0;
    std::vector<float> probabilities;
    std::vector<float> labels;
    const torch::Tensor landCells = views.land.flatten() > 0.5;
    for (const std::size_t sample : samples) {
        const torch::Tensor x =
            views.drivers.select(0, static_cast<std::int64_t>(sample)).unsqueeze(0);
        const torch::Tensor y =
            views.burned.select(0, static_cast<std::int64_t>(sample)).unsqueeze(0);
        const torch::Tensor logits = net->forward(x);
        loss += landLoss(logits, y, views.land, 1.0).item<double>();
        if (withAuc) {
            const torch::Tensor scored = landCells & (y.flatten() >= 0.0f);
            const torch::Tensor p =
                torch::sigmoid(logits).flatten().masked_select(scored).contiguous();
            const torch::Tensor t = y.flatten().masked_select(scored).contiguous();
            probabilities.insert(probabilities.end(), p.data_ptr<float>(),
                                 p.data_ptr<float>() + p.numel());
            labels.insert(labels.end(), t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
        }
    }
    net->train();
    scores.bce = loss / static_cast<double>(samples.size());
    if (withAuc) {
        scores.rocAuc = rocAuc(probabilities, labels);
        double positives = 0.0;
        for (const float label : labels) {
            positives += label;
        }
        scores.positiveShare =
            labels.empty() ? 0.0 : positives / static_cast<double>(labels.size());
    }
    return scores;
}

} // namespace

FireTrainOutcome trainFireNet(const FireSamples& samples, const FireTrainSettings& settings,
                              const std::string& weightsPath, const FireTrainCallbacks& callbacks) {
    if (settings.trainSamples.empty() || settings.validationSamples.empty()) {
        throw WildfireError("parameters 'train_first_year', 'train_last_year' and "
                            "'validation_last_year' leave no training or no validation sample "
                            "in the cube");
    }
    FireTrainOutcome outcome;
    outcome.threads = twins::ml::useComputeThreads(settings.threads);
    twins::ml::seedTorch(settings.seed);
    const auto channels = static_cast<std::int64_t>(FireSamples::driverNames().size());
    const auto height = static_cast<std::int64_t>(samples.rows);
    const auto width = static_cast<std::int64_t>(samples.columns);
    const auto count = static_cast<std::int64_t>(samples.steps);
    Views views;
    views.drivers = torch::from_blob(const_cast<float*>(samples.drivers.data()),
                                     {count, channels, height, width});
    views.burned =
        torch::from_blob(const_cast<float*>(samples.burned.data()), {count, height, width});
    views.land = torch::from_blob(const_cast<float*>(samples.landMask.data()), {height, width});

    // Burned cells are a few percent of land cells: weight them by the training set's ratio.
    const torch::Tensor trainTargets = rows(views.burned, settings.trainSamples);
    const double positives = (trainTargets.clamp_min(0.0f) * views.land).sum().item<double>();
    const double landCells =
        ((trainTargets >= 0.0f).to(torch::kFloat) * views.land).sum().item<double>();
    outcome.positiveWeight =
        positives > 0.0 ? std::min(100.0, (landCells - positives) / positives) : 1.0;

    UnetPlusPlus net(static_cast<int>(channels), settings.depth, settings.baseFilters,
                     settings.dropout);
    torch::optim::Adam optimiser(net->parameters(),
                                 torch::optim::AdamOptions(settings.learningRate));

    twins::ml::TrainingPlan plan;
    plan.seed = settings.seed;
    plan.epochs = settings.epochs;
    plan.examples = settings.trainSamples.size();
    plan.batchSize = static_cast<std::size_t>(std::max(1, settings.batchSize));
    plan.timeBudgetSeconds = settings.timeBudgetSeconds;
    plan.scoreMetric = "val_bce";
    twins::ml::TrainingHooks hooks;
    hooks.trainBatch = [&](const twins::ml::TrainingBatch& batch) {
        std::vector<std::size_t> chosen;
        for (const std::int64_t example : batch.examples) {
            chosen.push_back(settings.trainSamples[static_cast<std::size_t>(example)]);
        }
        const torch::Tensor x = rows(views.drivers, chosen);
        const torch::Tensor y = rows(views.burned, chosen);
        optimiser.zero_grad();
        const torch::Tensor loss = landLoss(net->forward(x), y, views.land, outcome.positiveWeight);
        loss.backward();
        optimiser.step();
        return twins::ml::BatchLosses{{"loss", loss.item<double>()}};
    };
    hooks.validate = [&](std::size_t, int) {
        return score(net, views, settings.validationSamples, false).bce;
    };
    // The best model so far, as copies of its parameters and batch-norm statistics.
    std::vector<torch::Tensor> best;
    hooks.keepBest = [&](const twins::ml::TrainingValidation&) {
        torch::NoGradGuard noGradients;
        best.clear();
        for (const torch::Tensor& tensor : net->parameters()) {
            best.push_back(tensor.detach().clone());
        }
        for (const torch::Tensor& tensor : net->buffers()) {
            best.push_back(tensor.detach().clone());
        }
    };
    hooks.throwIfCancelled = callbacks.throwIfCancelled;
    hooks.progress = callbacks.progress;
    hooks.metric = callbacks.metric;
    hooks.epochDone = [&](const twins::ml::TrainingEpoch& epoch) {
        outcome.epochLosses.push_back(epoch.meanLosses.empty() ? std::nan("")
                                                               : epoch.meanLosses.front().second);
        outcome.epochValidationBce.push_back(epoch.score.value_or(std::nan("")));
    };
    const twins::ml::TrainingOutcome trained = twins::ml::runTrainingLoop(plan, hooks);
    if (outcome.epochLosses.empty() || !std::isfinite(outcome.epochLosses.back())) {
        throw WildfireError("parameter 'learning_rate': training diverged or ran out of time "
                            "before the first epoch ended");
    }
    if (!best.empty()) {
        torch::NoGradGuard noGradients;
        std::size_t i = 0;
        for (torch::Tensor& tensor : net->parameters()) {
            tensor.copy_(best[i++]);
        }
        for (torch::Tensor& tensor : net->buffers()) {
            tensor.copy_(best[i++]);
        }
    }
    outcome.validation = score(net, views, settings.validationSamples, true);
    outcome.wallSeconds = trained.seconds;
    outcome.cpuSeconds = trained.cpuSeconds;
    outcome.steps = trained.steps;
    twins::ml::saveAtomically(net, weightsPath);
    return outcome;
}

} // namespace wildfire
