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
    torch::Tensor logArea; // samples x rows x columns, log1p(ha)
    torch::Tensor land;    // rows x columns
};

// What the regression head learns: log1p(ha) / scale; 0 without the head.
struct RegressionTarget {
    double weight = 0.0;
    double scale = 1.0;
    double trainMean = 0.0; // log1p(ha), the skill-less forecast's
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

// Mean squared error of the scaled log area over the same cells as the BCE.
torch::Tensor regressionLoss(const torch::Tensor& predicted, const torch::Tensor& target,
                             const torch::Tensor& logArea, const torch::Tensor& land,
                             double scale) {
    const torch::Tensor counted = land * (target >= 0.0f).to(torch::kFloat);
    const torch::Tensor error = predicted - logArea / scale;
    return (counted * error * error).sum() / counted.sum().clamp_min(1.0);
}

// Validation BCE (unweighted), the regression head's log-area MSE and, when asked, the
// probabilities and labels of land cells.
FireScores score(UnetPlusPlus& net, const Views& views, const std::vector<std::size_t>& samples,
                 const RegressionTarget& regression, bool withAuc) {
    FireScores scores;
    scores.mseLogArea = std::nan("");
    scores.mseLogAreaOfMean = std::nan("");
    if (samples.empty()) {
        scores.bce = std::nan("");
        scores.rocAuc = std::nan("");
        return scores;
    }
    double squaredError = 0.0;
    double squaredErrorOfMean = 0.0;
    double counted = 0.0;
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
        const auto [logits, area] = net->forwardHeads(x);
        loss += landLoss(logits, y, views.land, 1.0).item<double>();
        if (area.defined()) {
            const torch::Tensor cells = views.land * (y >= 0.0f).to(torch::kFloat);
            const torch::Tensor truth =
                views.logArea.select(0, static_cast<std::int64_t>(sample)).unsqueeze(0);
            squaredError +=
                (cells * (area * regression.scale - truth).square()).sum().item<double>();
            squaredErrorOfMean +=
                (cells * (truth - regression.trainMean).square()).sum().item<double>();
            counted += cells.sum().item<double>();
        }
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
    if (counted > 0.0) {
        scores.mseLogArea = squaredError / counted;
        scores.mseLogAreaOfMean = squaredErrorOfMean / counted;
    }
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
    views.logArea =
        torch::from_blob(const_cast<float*>(samples.logArea.data()), {count, height, width});
    views.land = torch::from_blob(const_cast<float*>(samples.landMask.data()), {height, width});

    // Burned cells are a few percent of land cells: weight them by the training set's ratio.
    const torch::Tensor trainTargets = rows(views.burned, settings.trainSamples);
    const double positives = (trainTargets.clamp_min(0.0f) * views.land).sum().item<double>();
    const double landCells =
        ((trainTargets >= 0.0f).to(torch::kFloat) * views.land).sum().item<double>();
    outcome.positiveWeight =
        positives > 0.0 ? std::min(100.0, (landCells - positives) / positives) : 1.0;

    // The regression target's scale: the root mean square of log1p(ha) on the training land
    // cells (predicting 0 then costs 1), and their mean (the skill-less forecast).
    RegressionTarget regression;
    regression.weight = std::max(0.0, settings.regressionWeight);
    outcome.regressionHead = regression.weight > 0.0;
    if (outcome.regressionHead) {
        const torch::Tensor counted = (trainTargets >= 0.0f).to(torch::kFloat) * views.land;
        const torch::Tensor logArea = rows(views.logArea, settings.trainSamples);
        const double cells = std::max(1.0, counted.sum().item<double>());
        const double squares = (counted * logArea.square()).sum().item<double>() / cells;
        regression.scale = squares > 0.0 ? std::sqrt(squares) : 1.0;
        regression.trainMean = (counted * logArea).sum().item<double>() / cells;
    }
    outcome.logAreaScale = regression.scale;
    outcome.trainMeanLogArea = regression.trainMean;

    UnetPlusPlus net(static_cast<int>(channels), settings.depth, settings.baseFilters,
                     settings.dropout, outcome.regressionHead);
    if (net->areaHead) {
        // The head starts as the skill-less forecast, the training mean (scaled): whatever it
        // learns from the trunk's features is skill, and its first steps do not disturb the
        // trunk with the error of a random head.
        torch::NoGradGuard noGradients;
        net->areaHead->weight.zero_();
        net->areaHead->bias.fill_(regression.trainMean / regression.scale);
    }
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
        const auto [logits, area] = net->forwardHeads(x);
        const torch::Tensor bce = landLoss(logits, y, views.land, outcome.positiveWeight);
        if (!area.defined()) {
            bce.backward();
            optimiser.step();
            return twins::ml::BatchLosses{{"loss", bce.item<double>()}};
        }
        const torch::Tensor mse =
            regressionLoss(area, y, rows(views.logArea, chosen), views.land, regression.scale);
        const torch::Tensor loss = bce + regression.weight * mse;
        loss.backward();
        optimiser.step();
        return twins::ml::BatchLosses{{"loss", loss.item<double>()},
                                      {"loss_bce", bce.item<double>()},
                                      {"loss_regression", mse.item<double>()}};
    };
    // Every validation scores fully (ROC AUC too) and the kept model's scores are kept with it,
    // so the time budget, which ends with a validation, is not followed by another one.
    FireScores lastScores;
    FireScores bestScores;
    hooks.validate = [&](std::size_t, int epoch) {
        const FireScores scores = score(net, views, settings.validationSamples, regression, true);
        lastScores = scores;
        if (outcome.regressionHead && callbacks.metric) {
            callbacks.metric(epoch, "val_mse_log_ba", scores.mseLogArea);
        }
        outcome.epochValidationMseLog.push_back(scores.mseLogArea);
        return scores.bce;
    };
    // The best model so far, as copies of its parameters and batch-norm statistics.
    std::vector<torch::Tensor> best;
    hooks.keepBest = [&](const twins::ml::TrainingValidation&) {
        bestScores = lastScores;
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
        double regressionLossMean = std::nan("");
        for (const auto& [name, value] : epoch.meanLosses) {
            if (name == "loss_regression") {
                regressionLossMean = value;
            }
        }
        outcome.epochRegressionLosses.push_back(regressionLossMean);
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
    outcome.validation =
        best.empty() ? score(net, views, settings.validationSamples, regression, true) : bestScores;
    outcome.wallSeconds = trained.seconds;
    outcome.cpuSeconds = trained.cpuSeconds;
    outcome.steps = trained.steps;
    twins::ml::saveAtomically(net, weightsPath);
    return outcome;
}

} // namespace wildfire
