#pragma once

// The conditional 3DGAN in LibTorch (issue 7). Included only by the torch translation units
// of ml/ (GanNet.cpp, GanTrainer.cpp, GanSampler.cpp); everything else uses their torch-free
// interfaces. Tensors of showers are (N, 1, 51, 51, 25) = (N, C, x, y, layer): the memory
// order of the HDF5 images, so a file block is a tensor without a copy.

#include "GanConfig.h"
#include "LayerFlow.h"

#include <torch/torch.h>

namespace calo {

// Nodes in ln(E / 100 GeV) of the per-layer calibration (the training range in as many bins).
inline constexpr std::int64_t calibrationNodes = 6;

// latent (N, 256) = [E / 100, theta, 254 normals] -> preprocessed shower (N, 1, 51, 51, 25).
// Two-stage (architecture.twoStage): latent = [E / 100, theta, ln(E_l / E + 1e-7) of the 25
// layers, 229 normals] (conditionedLatent), and each output layer holds exactly the energy E_l
// the latent names; the stage-1 flow that draws those energies is a submodule (layerFlow),
// saved with the weights.
class GeneratorImpl : public torch::nn::Module {
public:
    GeneratorImpl(const GanArchitecture& architecture, double cellScale,
                  const Preprocessing& preprocessing);
    torch::Tensor forward(const torch::Tensor& latent);
    bool twoStage() const { return m_twoStage; }
    // Latents for conditions (N) in GeV and radians with fresh normals; for the two-stage
    // generator with layer energies drawn from its flow (stage 1).
    torch::Tensor latentFor(const torch::Tensor& energyGeV, const torch::Tensor& thetaRad);
    // The two-stage generator's stage 1 (throws std::logic_error for the 3DGAN alone).
    LayerFlow& layerFlow();
    // The mean and spread of the training showers' layer codes, to standardise the layer part
    // of the two-stage latent before the dense layer (the flow's own standardisation).
    void setLayerCodeStandardisation(const torch::Tensor& mean, const torch::Tensor& std);
    // Moves the last layer's bias so that `occupancy` of the cells of the showers generated
    // for `latent` are non-zero (a data-dependent initialisation; see GanTrainer.cpp).
    void calibrateOccupancy(const torch::Tensor& latent, double occupancy);
    // Recomputes the BatchNorm running statistics as plain averages over these latent
    // batches with the current weights ("precise BatchNorm"), so that inference (eval mode)
    // behaves as the training batches did; see GanTrainer.cpp.
    void refreshNormStatistics(const std::vector<torch::Tensor>& latents);
    // The per-layer response calibration: layer l's physical energy is multiplied by
    // exp(g_l), g_l interpolated linearly in ln(E / 100 GeV) between gain[k][l] at nodes[k]
    // (calibrationNodes increasing values; gain is (calibrationNodes, 25)). Zeros =
    // uncalibrated.
    void setLayerGain(const torch::Tensor& nodes, const torch::Tensor& gain);
    // The energy response: each shower is scaled so that its deposited energy is
    //   S = E exp(a + b ln(E / 100 GeV) + sqrt(c^2 + s^2 / E) z),
    // z the latent's first normal number; the network then only shapes the shower. Fitted on
    // the training showers before training (GanTrainer.cpp). Until set, the network's own sum
    // is kept.
    void setEnergyResponse(double offset, double slope, double constantVariance,
                           double stochasticVariance, double energyScaleGeV);

private:
    torch::Tensor shape(const torch::Tensor& latent); // before the ReLU and the energy scale
    // Scales each layer of preprocessed showers x so that its physical energy is targetGeV
    // (N, 25); inference then drops the cells below the preprocessing threshold, as
    // postprocess will, and scales again, so the written shower holds the target and not less.
    torch::Tensor normaliseLayers(torch::Tensor x, const torch::Tensor& targetGeV) const;

    torch::nn::Linear dense{nullptr};
    torch::nn::BatchNorm3d denseNorm{nullptr};
    torch::nn::Sequential low{nullptr}, middle{nullptr};
    torch::nn::Upsample stretch{nullptr};
    torch::nn::ConvTranspose3d finish{nullptr};
    torch::Tensor m_cellScale, m_layerGain, m_gainNodes, m_energyResponse;
    int m_channels0 = 0;
    double m_power = 0.85;
    Preprocessing m_preprocessing;
    bool m_twoStage = false;
    LayerFlow m_layerFlow{nullptr};
    torch::Tensor m_layerCodeMean, m_layerCodeStd;
};
TORCH_MODULE(Generator);

struct DiscriminatorOutput {
    torch::Tensor logit;  // (N): real (> 0) or generated
    torch::Tensor energy; // (N): regressed E / 100
};

// Sees a preprocessed shower divided by the cell scale; regresses real/fake and the energy.
// The other two heads of the original, the angle of the barycentre track and the total
// deposited energy, are computed from the image itself (showerAngle, showerSum below), as
// the original computes them with fixed Lambda layers.
class DiscriminatorImpl : public torch::nn::Module {
public:
    explicit DiscriminatorImpl(const GanArchitecture& architecture);
    DiscriminatorOutput forward(const torch::Tensor& showers);

private:
    torch::nn::Sequential features{nullptr};
    torch::nn::Linear realHead{nullptr}, energyHead{nullptr};
};
TORCH_MODULE(Discriminator);

// Weights (N, K) of piecewise-linear interpolation at x (N) between K increasing nodes,
// constant beyond the ends: row i holds at most two non-zero weights summing to 1.
torch::Tensor interpolationWeights(const torch::Tensor& x, const torch::Tensor& nodes);

// Builds the latent vectors for conditions (N) in GeV and radians with fresh normals.
torch::Tensor makeLatent(const torch::Tensor& energyGeV, const torch::Tensor& thetaRad,
                         const Preprocessing& preprocessing);
// The two-stage generator's latents: conditions (N), layer energies (N, 25) in GeV (a
// reference shower's in training, stage 1's in generation) and fresh normals.
torch::Tensor conditionedLatent(const torch::Tensor& energyGeV, const torch::Tensor& thetaRad,
                                const torch::Tensor& layerGeV, const Preprocessing& preprocessing);

// The generator's showers (N, 1, 51, 51, 25, contiguous, preprocessed) for conditions (N) in
// GeV and radians (latentFor: two-stage generators draw the layer energies first): inference mode
// (BatchNorm running statistics, no gradients), then the generator's previous mode is restored.
torch::Tensor generateShowers(Generator& generator, const torch::Tensor& energyGeV,
                              const torch::Tensor& thetaRad, const GanConfig& config);

// Inverse of the power of the preprocessing: preprocessed -> GeV, differentiable.
torch::Tensor toPhysical(const torch::Tensor& preprocessed, const Preprocessing& preprocessing);
// Deposited energy per shower (N) and per layer (N, 25) of physical showers.
torch::Tensor showerSum(const torch::Tensor& physical);
torch::Tensor layerProfile(const torch::Tensor& physical);
// Angle (N, radians) of the energy-weighted straight line through the per-layer x
// barycentres, as ShowerMetrics.cpp's thetaFit, written with tensor operations so the
// generator gets its gradient.
torch::Tensor showerAngle(const torch::Tensor& physical);

} // namespace calo
