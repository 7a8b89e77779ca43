#include "LayerFlow.h"

#include <cmath>
#include <numbers>
#include <string>

namespace calo {

namespace {

namespace F = torch::nn::functional;

// Bound of the log scale per block: a scale between e^-3 and e^3 per coordinate and block
// keeps an untrained or badly conditioned block from sending a sample to infinity.
constexpr double logScaleBound = 3.0;

} // namespace

MadeImpl::MadeImpl(std::int64_t dims, std::int64_t conditions, std::int64_t hidden) : m_dims(dims) {
    input = register_module("input", torch::nn::Linear(dims, hidden));
    context = register_module("context", torch::nn::Linear(conditions, hidden));
    middle = register_module("middle", torch::nn::Linear(hidden, hidden));
    middleContext = register_module("middle_context", torch::nn::Linear(conditions, hidden));
    output = register_module("output", torch::nn::Linear(hidden, 2 * dims));
    // The conditions straight to the shifts and scales too. Why: measured on synthetic layer
    // energies whose profile moves with ln E (tests/unit/CaloTwoStageTest.cpp), a flow with the
    // conditions on its first hidden layer only learnt the layers' correlations (most of the
    // likelihood) and left the means at those of all energies together, 14-20% off per layer
    // at the ends of the range: the energy dependence is worth a fraction of a nat.
    direct = register_module("direct", torch::nn::Linear(conditions, 2 * dims));
    // Degrees: input i has degree i + 1, hidden unit k degree k mod (dims - 1) + 1; a unit sees
    // the inputs of degree up to its own, and output i (shift or scale of coordinate i) the
    // hidden units of degree below i + 1. So output i depends on inputs 0..i-1 only.
    const torch::Tensor inputDegree = torch::arange(1, dims + 1);
    const torch::Tensor hiddenDegree =
        torch::arange(hidden).remainder(std::max<std::int64_t>(1, dims - 1)) + 1;
    const torch::Tensor outputDegree = torch::arange(1, dims + 1).repeat({2});
    m_inputMask = register_buffer(
        "input_mask",
        (hiddenDegree.view({-1, 1}) >= inputDegree.view({1, -1})).to(torch::kFloat32));
    m_middleMask = register_buffer(
        "middle_mask",
        (hiddenDegree.view({-1, 1}) >= hiddenDegree.view({1, -1})).to(torch::kFloat32));
    m_outputMask = register_buffer(
        "output_mask",
        (outputDegree.view({-1, 1}) > hiddenDegree.view({1, -1})).to(torch::kFloat32));
    // The block starts as the identity (shift 0, scale 1): training starts from the
    // standardised data's own Gaussian fit instead of a random map.
    torch::NoGradGuard noGradients;
    output->weight.zero_();
    output->bias.zero_();
    direct->weight.zero_();
    direct->bias.zero_();
}

std::pair<torch::Tensor, torch::Tensor> MadeImpl::forward(const torch::Tensor& x,
                                                          const torch::Tensor& conditions) {
    torch::Tensor h = torch::relu(F::linear(x, input->weight * m_inputMask, input->bias) +
                                  context->forward(conditions));
    h = torch::relu(F::linear(h, middle->weight * m_middleMask, middle->bias) +
                    middleContext->forward(conditions));
    const torch::Tensor out =
        F::linear(h, output->weight * m_outputMask, output->bias) + direct->forward(conditions);
    const torch::Tensor logScale =
        logScaleBound * torch::tanh(out.slice(1, m_dims, 2 * m_dims) / logScaleBound);
    return {out.slice(1, 0, m_dims), logScale};
}

LayerFlowImpl::LayerFlowImpl(int blocks, int hidden) {
    for (int b = 0; b < blocks; ++b) {
        m_blocks.push_back(register_module("made" + std::to_string(b),
                                           Made(layerFlowDims, layerFlowConditions, hidden)));
    }
    m_mean = register_buffer("code_mean", torch::zeros({layerFlowDims}));
    m_std = register_buffer("code_std", torch::ones({layerFlowDims}));
    m_conditionMean = register_buffer("condition_mean", torch::zeros({layerFlowConditions}));
    m_conditionStd = register_buffer("condition_std", torch::ones({layerFlowConditions}));
}

void LayerFlowImpl::setStandardisation(const torch::Tensor& mean, const torch::Tensor& std,
                                       const torch::Tensor& conditionMean,
                                       const torch::Tensor& conditionStd) {
    torch::NoGradGuard noGradients;
    m_mean.copy_(mean);
    m_std.copy_(std);
    m_conditionMean.copy_(conditionMean);
    m_conditionStd.copy_(conditionStd);
}

torch::Tensor LayerFlowImpl::standardConditions(const torch::Tensor& conditions) const {
    return (conditions - m_conditionMean) / m_conditionStd;
}

torch::Tensor LayerFlowImpl::logProb(const torch::Tensor& codes,
                                     const torch::Tensor& rawConditions) {
    const torch::Tensor conditions = standardConditions(rawConditions);
    torch::Tensor x = (codes - m_mean) / m_std;
    torch::Tensor logDet = -m_std.log().sum().expand({codes.size(0)});
    for (Made& block : m_blocks) {
        const auto [shift, logScale] = block->forward(x, conditions);
        x = (x - shift) * (-logScale).exp();
        logDet = logDet - logScale.sum(1);
        // Reversed order for the next block (a fixed permutation: no Jacobian).
        x = x.flip(1);
    }
    const double logNorm = 0.5 * std::log(2.0 * std::numbers::pi);
    return (-0.5 * x.pow(2) - logNorm).sum(1) + logDet;
}

torch::Tensor LayerFlowImpl::sample(const torch::Tensor& rawConditions) {
    const torch::Tensor conditions = standardConditions(rawConditions);
    torch::Tensor x = torch::randn({conditions.size(0), layerFlowDims}, conditions.options());
    for (auto block = m_blocks.rbegin(); block != m_blocks.rend(); ++block) {
        const torch::Tensor y = x.flip(1);
        // Inverting an autoregressive block takes one pass per coordinate: after pass i the
        // first i + 1 coordinates are final (output i depends on the inputs before i only).
        x = torch::zeros_like(y);
        for (std::int64_t i = 0; i < layerFlowDims; ++i) {
            const auto [shift, logScale] = (*block)->forward(x, conditions);
            x = y * logScale.exp() + shift;
        }
    }
    return x * m_std + m_mean;
}

torch::Tensor sampleLayerEnergies(LayerFlow& flow, const torch::Tensor& energyGeV,
                                  const torch::Tensor& thetaRad, double energyScaleGeV) {
    torch::NoGradGuard noGradients;
    const torch::Tensor conditions = layerFlowConditionsFor(energyGeV, thetaRad, energyScaleGeV);
    return decodeLayerEnergies(flow->sample(conditions), energyGeV);
}

} // namespace calo
