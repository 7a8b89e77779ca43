#pragma once

// Stage 1 of the two-stage model (issue 23 item 4, as CaloFlow's flow I, Krause & Shih 2021):
// a conditional masked autoregressive flow (MAF, Papamakarios et al. 2017) over a shower's 25
// layer energies (LayerCoding.h) given the primary's energy and angle, trained by maximum
// likelihood (LayerFlowTrainer.h). Each block is a MADE (Germain et al. 2015) with two masked
// hidden layers, the conditions fed to both and, linearly, to the outputs; it maps x to
// (x - mu(x_<i)) exp(-a(x_<i))
// per coordinate, and the order of the coordinates is reversed between blocks so every layer
// is conditioned on every other in some block. Torch translation units only.

#include "LayerCoding.h"

#include <torch/torch.h>

#include <utility>
#include <vector>

namespace calo {

class MadeImpl : public torch::nn::Module {
public:
    MadeImpl(std::int64_t dims, std::int64_t conditions, std::int64_t hidden);
    // Shift and log scale (N, dims) each; output i depends on inputs 0..i-1 only (the masks).
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& x,
                                                    const torch::Tensor& conditions);

private:
    torch::nn::Linear input{nullptr}, context{nullptr}, middleContext{nullptr}, middle{nullptr},
        output{nullptr}, direct{nullptr};
    torch::Tensor m_inputMask, m_middleMask, m_outputMask;
    std::int64_t m_dims = 0;
};
TORCH_MODULE(Made);

class LayerFlowImpl : public torch::nn::Module {
public:
    LayerFlowImpl(int blocks, int hidden);
    // Log density (N) of coordinates (N, 25) given conditions (N, 3) (LayerCoding.h), in nats
    // per shower in coordinate space.
    torch::Tensor logProb(const torch::Tensor& codes, const torch::Tensor& conditions);
    // Coordinates (N, 25) drawn for conditions (N, 3) with torch's random generator.
    torch::Tensor sample(const torch::Tensor& conditions);
    // The flow works on standardised coordinates and conditions: the training set's mean and
    // spread of each, saved with the weights.
    void setStandardisation(const torch::Tensor& mean, const torch::Tensor& std,
                            const torch::Tensor& conditionMean, const torch::Tensor& conditionStd);

private:
    torch::Tensor standardConditions(const torch::Tensor& conditions) const;

    std::vector<Made> m_blocks;
    torch::Tensor m_mean, m_std, m_conditionMean, m_conditionStd;
};
TORCH_MODULE(LayerFlow);

// Layer energies (N, 25) in GeV drawn from the flow for primaries (N) in GeV and radians,
// without gradients.
torch::Tensor sampleLayerEnergies(LayerFlow& flow, const torch::Tensor& energyGeV,
                                  const torch::Tensor& thetaRad, double energyScaleGeV);

} // namespace calo
