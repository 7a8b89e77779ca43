#include "LayerFlowTrainer.h"

#include "LayerFlow.h"

#include <chrono>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace calo {

namespace {

struct Coded {
    torch::Tensor codes, conditions;
};

Coded code(const LayerSamples& samples, double energyScaleGeV) {
    const auto n = static_cast<std::int64_t>(samples.size());
    if (samples.layerGeV.size() != samples.size() * std::size_t(layerFlowDims) ||
        samples.thetaRad.size() != samples.size()) {
        throw std::runtime_error("layer flow: " + std::to_string(samples.size()) +
                                 " showers need as many angles and 25 layer energies each");
    }
    const torch::Tensor energy =
        torch::from_blob(const_cast<float*>(samples.energyGeV.data()), {n}).clone();
    const torch::Tensor theta =
        torch::from_blob(const_cast<float*>(samples.thetaRad.data()), {n}).clone();
    const torch::Tensor layersGeV =
        torch::from_blob(const_cast<float*>(samples.layerGeV.data()), {n, layerFlowDims}).clone();
    return {encodeLayerEnergies(layersGeV, energy),
            layerFlowConditionsFor(energy, theta, energyScaleGeV)};
}

double meanNll(LayerFlow& flow, const Coded& data) {
    torch::NoGradGuard noGradients;
    double sum = 0.0;
    const auto n = data.codes.size(0);
    for (std::int64_t first = 0; first < n; first += 4096) {
        const auto last = std::min(n, first + 4096);
        sum -=
            flow->logProb(data.codes.slice(0, first, last), data.conditions.slice(0, first, last))
                .sum()
                .item<double>();
    }
    return sum / double(n);
}

} // namespace

LayerFlowOutcome fitLayerFlow(LayerFlow& flow, const LayerSamples& train,
                              const LayerSamples& heldOut, const LayerFlowSettings& settings,
                              const std::function<void(int, int, double, double)>& progress,
                              const std::function<void()>& throwIfCancelled) {
    if (train.size() < 2) {
        throw std::runtime_error("layer flow: needs at least 2 training showers, got " +
                                 std::to_string(train.size()));
    }
    const auto started = std::chrono::steady_clock::now();
    torch::manual_seed(settings.seed);
    const Coded training = code(train, settings.energyScaleGeV);
    const Coded judged = heldOut.size() > 0 ? code(heldOut, settings.energyScaleGeV) : training;
    // A condition that does not vary in the training set (one angle) keeps spread 1.
    const torch::Tensor conditionStd = training.conditions.std(0);
    flow->setStandardisation(
        training.codes.mean(0), training.codes.std(0).clamp_min(1e-3), training.conditions.mean(0),
        torch::where(conditionStd > 1e-6, conditionStd, torch::ones_like(conditionStd)));
    flow->train();
    for (torch::Tensor& parameter : flow->parameters()) {
        parameter.set_requires_grad(true);
    }
    torch::optim::Adam optimiser(flow->parameters(),
                                 torch::optim::AdamOptions(settings.learningRate));
    LayerFlowOutcome outcome;
    outcome.initialHeldOutNll = meanNll(flow, judged);
    outcome.heldOutNll = outcome.initialHeldOutNll;
    std::vector<torch::Tensor> best;
    for (const torch::Tensor& parameter : flow->parameters()) {
        best.push_back(parameter.detach().clone());
    }
    const auto n = training.codes.size(0);
    const int steps = std::max(0, settings.steps);
    const int interval = std::max(1, settings.validationInterval);
    double windowSum = 0.0;
    int windowCount = 0;
    for (int step = 1; step <= steps; ++step) {
        if (throwIfCancelled) {
            throwIfCancelled();
        }
        // Cosine decay to 5% of the rate: large steps first, a settled flow at the end.
        const double rate =
            settings.learningRate *
            (0.05 + 0.95 * 0.5 * (1.0 + std::cos(std::numbers::pi * double(step - 1) / steps)));
        for (auto& group : optimiser.param_groups()) {
            static_cast<torch::optim::AdamOptions&>(group.options()).lr(rate);
        }
        const torch::Tensor index = torch::randint(
            n, {std::min<std::int64_t>(n, std::max(2, settings.batchSize))}, torch::kLong);
        optimiser.zero_grad();
        const torch::Tensor loss = -flow->logProb(training.codes.index_select(0, index),
                                                  training.conditions.index_select(0, index))
                                        .mean();
        loss.backward();
        torch::nn::utils::clip_grad_norm_(flow->parameters(), 5.0);
        optimiser.step();
        const double value = loss.item<double>();
        if (!std::isfinite(value)) {
            throw std::runtime_error("layer flow: the negative log likelihood is not finite at "
                                     "step " +
                                     std::to_string(step) + "; lower flow learning rate");
        }
        windowSum += value;
        ++windowCount;
        if (step % interval == 0 || step == steps) {
            outcome.trainNll = windowSum / windowCount;
            windowSum = 0.0;
            windowCount = 0;
            const double nll = meanNll(flow, judged);
            if (nll < outcome.heldOutNll) {
                outcome.heldOutNll = nll;
                outcome.bestStep = step;
                torch::NoGradGuard noGradients;
                const auto parameters = flow->parameters();
                for (std::size_t i = 0; i < parameters.size(); ++i) {
                    best[i].copy_(parameters[i]);
                }
            }
            if (progress) {
                progress(step, steps, outcome.trainNll, nll);
            }
        }
    }
    outcome.steps = steps;
    {
        torch::NoGradGuard noGradients;
        auto parameters = flow->parameters();
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            parameters[i].copy_(best[i]);
            parameters[i].set_requires_grad(false);
        }
    }
    flow->eval();
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return outcome;
}

} // namespace calo
