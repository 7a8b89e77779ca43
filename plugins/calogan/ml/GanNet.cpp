#include "GanNet.h"

#include "Geometry.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace calo {

namespace {

using torch::nn::BatchNorm3d;
using torch::nn::Conv3d;
using torch::nn::Conv3dOptions;

// 3x3x3 convolution keeping the size, then BatchNorm and ReLU: the generator's block.
void addGeneratorBlock(torch::nn::Sequential& stage, int in, int out) {
    stage->push_back(Conv3d(Conv3dOptions(in, out, 3).padding(1)));
    stage->push_back(BatchNorm3d(out));
    stage->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
}

torch::nn::Upsample trilinear(std::vector<std::int64_t> size) {
    return torch::nn::Upsample(
        torch::nn::UpsampleOptions().size(size).mode(torch::kTrilinear).align_corners(false));
}

// 7x7x4 is the smallest grid that two stretches and a last doubling bring to 51x51x25
// without a stage shrinking (13x13x7 -> 26x26x13 -> 52x52x26 cropped).
constexpr std::int64_t denseGrid[3] = {7, 7, 4};

} // namespace

GeneratorImpl::GeneratorImpl(const GanArchitecture& architecture, double cellScale,
                             const Preprocessing& preprocessing)
    : m_channels0(scaledChannels(64, architecture.width)), m_power(preprocessing.power),
      m_preprocessing(preprocessing), m_twoStage(architecture.twoStage) {
    const int c1 = scaledChannels(32, architecture.width);
    const int c2 = std::max(8, scaledChannels(16, architecture.width));
    dense =
        register_module("dense", torch::nn::Linear(ganLatentSize, m_channels0 * denseGrid[0] *
                                                                      denseGrid[1] * denseGrid[2]));
    denseNorm = register_module("dense_norm", BatchNorm3d(m_channels0));
    low = torch::nn::Sequential(trilinear({13, 13, 7}));
    for (int block = 0; block < architecture.depth; ++block) {
        addGeneratorBlock(low, m_channels0, m_channels0);
    }
    middle = torch::nn::Sequential(trilinear({26, 26, 13}));
    addGeneratorBlock(middle, m_channels0, c1);
    addGeneratorBlock(middle, c1, c2);
    // The last stretch to 51x51x25: trilinear along the layers (13 -> 25, smooth, so no
    // layer-to-layer pattern), then a transposed convolution doubling x and y only (kernel
    // 4x4x3, stride 2x2x1), cropped from 52x52x25. A stride of 2 along the layers, as before,
    // printed an odd/even pattern of up to 40% on the longitudinal profile (measured in the
    // session-3 acceptance run), because the two output phases of a stride-2 transposed
    // convolution use different kernel taps. Upsampling and 3x3x3 convolutions at full
    // resolution were the alternative: measured with LibTorch 1.13 on the shared 2-core
    // machine, the backward of one 3x3x3 Conv3d on 51x51x25 costs 40-90 ms per shower even with
    // 2 channels, which would put the 60-minute CPU training of the acceptance out of reach.
    stretch = register_module("stretch", trilinear({26, 26, layers}));
    finish = register_module(
        "finish", torch::nn::ConvTranspose3d(torch::nn::ConvTranspose3dOptions(c2, 1, {4, 4, 3})
                                                 .stride({2, 2, 1})
                                                 .padding({1, 1, 1})));
    register_module("low", low);
    register_module("middle", middle);
    // The output scale is a buffer: saved with the weights (the python peer reads it too) but
    // not trained.
    m_cellScale = register_buffer("cell_scale", torch::full({1}, cellScale, torch::kFloat32));
    // Per-layer response calibration, fitted on training showers (see GanTrainer.cpp): the
    // physical energy of layer l is multiplied by exp(g_l(ln(E / 100 GeV))), g_l piecewise
    // linear through the values layer_gain[k][l] at the nodes gain_nodes[k] (ln(E / 100 GeV),
    // increasing), constant beyond the first and last node. Zeros (gain 1) until calibrated;
    // the nodes then are any increasing values.
    m_layerGain =
        register_buffer("layer_gain", torch::zeros({calibrationNodes, layers}, torch::kFloat32));
    m_gainNodes = register_buffer("gain_nodes", torch::arange(calibrationNodes, torch::kFloat32));
    // The energy response (see setEnergyResponse); all zeros = not used.
    m_energyResponse = register_buffer("energy_response", torch::zeros({5}, torch::kFloat32));
    if (m_twoStage) {
        m_layerFlow = register_module("layer_flow",
                                      LayerFlow(architecture.flowBlocks, architecture.flowHidden));
        m_layerCodeMean = register_buffer("layer_code_mean", torch::zeros({layers}));
        m_layerCodeStd = register_buffer("layer_code_std", torch::ones({layers}));
    }
}

LayerFlow& GeneratorImpl::layerFlow() {
    if (!m_twoStage) {
        throw std::logic_error("the 3DGAN alone has no layer flow (architecture is not two_stage)");
    }
    return m_layerFlow;
}

void GeneratorImpl::setLayerCodeStandardisation(const torch::Tensor& mean,
                                                const torch::Tensor& std) {
    torch::NoGradGuard noGradients;
    m_layerCodeMean.copy_(mean);
    m_layerCodeStd.copy_(std);
}

torch::Tensor GeneratorImpl::latentFor(const torch::Tensor& energyGeV,
                                       const torch::Tensor& thetaRad) {
    if (!m_twoStage) {
        return makeLatent(energyGeV, thetaRad, m_preprocessing);
    }
    const torch::Tensor layerGeV =
        sampleLayerEnergies(m_layerFlow, energyGeV, thetaRad, m_preprocessing.energyScaleGeV);
    return conditionedLatent(energyGeV, thetaRad, layerGeV, m_preprocessing);
}

torch::Tensor GeneratorImpl::normaliseLayers(torch::Tensor x,
                                             const torch::Tensor& targetGeV) const {
    const auto n = x.size(0);
    const auto normalised = [&](const torch::Tensor& cells, double maxRatio) {
        const torch::Tensor layerGeV =
            cells.clamp_min(0.0).pow(1.0 / m_power).sum({1, 2, 3}).clamp_min(1e-12); // (N, L)
        return cells *
               (targetGeV / layerGeV).clamp_max(maxRatio).pow(m_power).view({n, 1, 1, 1, layers});
    };
    if (is_training()) {
        // A layer the generator left (nearly) empty would multiply the leaked gradient of its
        // cells below zero (forward) by up to 1e12: the ratio is capped while training.
        return normalised(x, 1e4);
    }
    // Inference: normalised, then the cells below the preprocessing threshold dropped (as
    // postprocess will drop them) and the rest normalised again. The second scaling only
    // raises cells (the layer lost energy), so none falls below the threshold again and the
    // written layer holds its target exactly, unless every cell of it was below the threshold.
    x = normalised(x, INFINITY);
    const double threshold = std::pow(m_preprocessing.cellThresholdGeV, m_preprocessing.power);
    return normalised(x * (x >= threshold).to(x.scalar_type()), INFINITY);
}

torch::Tensor GeneratorImpl::shape(const torch::Tensor& latent) {
    const auto n = latent.size(0);
    torch::Tensor input = latent;
    if (m_twoStage) {
        // The layer codes (ln of a fraction, -3 to -16) standardised to order one, as the
        // normals beside them.
        input = torch::cat(
            {latent.slice(1, 0, ganLayerCodeOffset),
             (latent.slice(1, ganLayerCodeOffset, ganLayerCodeOffset + layers) - m_layerCodeMean) /
                 m_layerCodeStd,
             latent.slice(1, ganLayerCodeOffset + layers)},
            1);
    }
    torch::Tensor x =
        dense->forward(input).view({n, m_channels0, denseGrid[0], denseGrid[1], denseGrid[2]});
    x = torch::relu(denseNorm->forward(x));
    return finish->forward(stretch->forward(middle->forward(low->forward(x))))
        .slice(2, 0, cellsX)
        .slice(3, 0, cellsY)
        .slice(4, 0, layers);
}

void GeneratorImpl::calibrateOccupancy(const torch::Tensor& latent, double occupancy) {
    torch::NoGradGuard noGradients;
    const torch::Tensor values = shape(latent).flatten();
    const auto k = std::clamp<std::int64_t>(
        static_cast<std::int64_t>((1.0 - occupancy) * double(values.numel())), 1, values.numel());
    const double threshold = std::get<0>(values.kthvalue(k)).item<double>();
    finish->bias.sub_(threshold);
}

void GeneratorImpl::refreshNormStatistics(const std::vector<torch::Tensor>& latents) {
    torch::NoGradGuard noGradients;
    const bool training = is_training();
    std::vector<torch::nn::BatchNorm3dImpl*> norms;
    for (const auto& module : modules(false)) {
        if (auto* norm = module->as<torch::nn::BatchNorm3dImpl>()) {
            norm->reset_running_stats();
            norm->options.momentum(c10::nullopt); // cumulative average over the batches below
            norms.push_back(norm);
        }
    }
    train(true);
    for (const torch::Tensor& latent : latents) {
        shape(latent);
    }
    for (auto* norm : norms) {
        norm->options.momentum(0.1);
    }
    train(training);
}

torch::Tensor GeneratorImpl::forward(const torch::Tensor& latent) {
    const auto n = latent.size(0);
    torch::Tensor x = shape(latent);
    if (is_training()) {
        // The value stays ReLU(x), but cells below zero pass 1% of their gradient back
        // (straight-through leak). Measured in the session-3 and session-4 runs: with a plain
        // ReLU the generator fell silent (every cell <= 0, sampling fraction error 0.99) every
        // few hundred steps, and nothing brought a silent generator back, since no gradient
        // reaches a cell below zero. The shower values are unchanged: empty cells stay exactly
        // empty, in training and in inference.
        const torch::Tensor below = (x < 0).to(x.scalar_type());
        x = torch::relu(x) + 0.01 * below * (x - x.detach());
    } else {
        x = torch::relu(x);
    }
    // Physics conditioning (our addition to the original): the calorimeter is linear, so a
    // shower's cells scale like E, its preprocessed cells like E^power. Multiplying a positive
    // (ReLU, as the original's last activation) shape by (E/100)^power leaves the network the
    // shape and the mild energy dependence of the sampling fraction to learn, instead of
    // three decades of magnitude; ReLU keeps empty cells exactly empty.
    const torch::Tensor energy = latent.select(1, 0).clamp_min(1e-3);
    const torch::Tensor scale = energy.pow(m_power) * m_cellScale;
    if (m_twoStage) {
        // Stage 2 shapes each layer; its energy is the one the latent carries (a reference
        // shower's in training, the flow's in generation).
        const torch::Tensor energyGeV = energy * m_preprocessing.energyScaleGeV;
        const torch::Tensor targetGeV = decodeLayerEnergies(
            latent.slice(1, ganLayerCodeOffset, ganLayerCodeOffset + layers), energyGeV);
        x = normaliseLayers(x * scale.view({n, 1, 1, 1, 1}), targetGeV);
    } else if (m_energyResponse[3].item<float>() > 0.0f) {
        x = x * scale.view({n, 1, 1, 1, 1});
        // Deposited energy from the response model, and the shower scaled to it: the network
        // shapes the shower, the model sets its sum (see setEnergyResponse).
        const torch::Tensor energyGeV = energy * m_energyResponse[3];
        const torch::Tensor logE = energy.log();
        const torch::Tensor spread =
            (m_energyResponse[2] + m_energyResponse[4] / energyGeV).clamp_min(1e-8).sqrt();
        const torch::Tensor target =
            energyGeV *
            (m_energyResponse[0] + m_energyResponse[1] * logE + spread * latent.select(1, 2)).exp();
        const torch::Tensor sum =
            x.clamp_min(0.0).pow(1.0 / m_power).sum({1, 2, 3, 4}).clamp_min(1e-12);
        x = x * (target / sum).pow(m_power).view({n, 1, 1, 1, 1});
    } else {
        x = x * scale.view({n, 1, 1, 1, 1});
    }
    // The calibration multiplies a layer's physical energy by g, its preprocessed cells by
    // g^power.
    const torch::Tensor weights = interpolationWeights(energy.log(), m_gainNodes);  // (N, K)
    const torch::Tensor layerScale = (m_power * weights.matmul(m_layerGain)).exp(); // (N, L)
    return x * layerScale.view({n, 1, 1, 1, layers});
}

void GeneratorImpl::setEnergyResponse(double offset, double slope, double constantVariance,
                                      double stochasticVariance, double energyScaleGeV) {
    torch::NoGradGuard noGradients;
    // [a, b, c^2, GeV per unit of the latent's energy, s^2]; a GeV scale above 0 means set.
    m_energyResponse.copy_(torch::tensor({float(offset), float(slope), float(constantVariance),
                                          float(energyScaleGeV), float(stochasticVariance)}));
}

void GeneratorImpl::setLayerGain(const torch::Tensor& nodes, const torch::Tensor& gain) {
    torch::NoGradGuard noGradients;
    m_gainNodes.copy_(nodes);
    m_layerGain.copy_(gain);
}

torch::Tensor interpolationWeights(const torch::Tensor& x, const torch::Tensor& nodes) {
    // Hat functions: weight k rises linearly from node k-1 to node k and falls to node k+1;
    // x is clamped to the nodes' range, so the end values hold beyond it.
    const auto count = nodes.size(0);
    const torch::Tensor at = x.clamp(nodes[0].item<double>(), nodes[count - 1].item<double>());
    std::vector<torch::Tensor> columns;
    for (std::int64_t k = 0; k < count; ++k) {
        torch::Tensor weight = torch::ones_like(at);
        if (k > 0) {
            const torch::Tensor width = (nodes[k] - nodes[k - 1]).clamp_min(1e-9);
            weight = torch::minimum(weight, (at - nodes[k - 1]) / width);
        }
        if (k + 1 < count) {
            const torch::Tensor width = (nodes[k + 1] - nodes[k]).clamp_min(1e-9);
            weight = torch::minimum(weight, (nodes[k + 1] - at) / width);
        }
        columns.push_back(weight.clamp_min(0.0));
    }
    return torch::stack(columns, 1);
}

DiscriminatorImpl::DiscriminatorImpl(const GanArchitecture& architecture) {
    const int d0 = scaledChannels(16, architecture.width);
    const int d1 = scaledChannels(32, architecture.width);
    const int d2 = scaledChannels(64, architecture.width);
    const auto leaky = [] {
        return torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(0.2));
    };
    const auto pool = [] { return torch::nn::AvgPool3d(torch::nn::AvgPool3dOptions(2)); };
    // The first layer is a strided convolution straight to 25x25x12 (kernel 4, stride 2)
    // instead of a 3x3x3 convolution at full resolution followed by pooling: the same
    // receptive field at an eighth of the cost of its backward pass (see the generator).
    features = torch::nn::Sequential(Conv3d(Conv3dOptions(1, d0, 4).stride(2).padding(1)),
                                     leaky(), // 25 x 25 x 12
                                     Conv3d(Conv3dOptions(d0, d1, 3).padding(1)), BatchNorm3d(d1),
                                     leaky(), torch::nn::Dropout(0.2), pool(), // 12 x 12 x 6
                                     Conv3d(Conv3dOptions(d1, d2, 3).padding(1)), BatchNorm3d(d2),
                                     leaky(), torch::nn::Dropout(0.2), pool(), // 6 x 6 x 3
                                     torch::nn::Flatten());
    register_module("features", features);
    const int flat = d2 * 6 * 6 * 3;
    realHead = register_module("real_head", torch::nn::Linear(flat, 1));
    energyHead = register_module("energy_head", torch::nn::Linear(flat, 1));
}

DiscriminatorOutput DiscriminatorImpl::forward(const torch::Tensor& showers) {
    const torch::Tensor x = features->forward(showers);
    return {realHead->forward(x).squeeze(1), energyHead->forward(x).squeeze(1)};
}

torch::Tensor makeLatent(const torch::Tensor& energyGeV, const torch::Tensor& thetaRad,
                         const Preprocessing& preprocessing) {
    const auto n = energyGeV.size(0);
    return torch::cat({(energyGeV / preprocessing.energyScaleGeV).view({n, 1}),
                       thetaRad.view({n, 1}), torch::randn({n, ganNoiseSize})},
                      1);
}

torch::Tensor conditionedLatent(const torch::Tensor& energyGeV, const torch::Tensor& thetaRad,
                                const torch::Tensor& layerGeV, const Preprocessing& preprocessing) {
    const auto n = energyGeV.size(0);
    return torch::cat({(energyGeV / preprocessing.energyScaleGeV).view({n, 1}),
                       thetaRad.view({n, 1}), encodeLayerEnergies(layerGeV, energyGeV),
                       torch::randn({n, ganNoiseSize - layers})},
                      1);
}

torch::Tensor generateShowers(Generator& generator, const torch::Tensor& energyGeV,
                              const torch::Tensor& thetaRad, const GanConfig& config) {
    torch::NoGradGuard noGradients;
    (void)config; // the generator carries its preprocessing
    const bool training = generator->is_training();
    generator->eval();
    torch::Tensor showers =
        generator->forward(generator->latentFor(energyGeV, thetaRad)).contiguous();
    generator->train(training);
    return showers;
}

torch::Tensor toPhysical(const torch::Tensor& preprocessed, const Preprocessing& preprocessing) {
    // clamp_min keeps pow's gradient finite at exactly 0 (1/0.85 > 1, so it is 0 there).
    return preprocessed.clamp_min(0.0).pow(1.0 / preprocessing.power);
}

torch::Tensor showerSum(const torch::Tensor& physical) {
    return physical.sum({1, 2, 3, 4});
}

torch::Tensor layerProfile(const torch::Tensor& physical) {
    return physical.sum({1, 2, 3});
}

torch::Tensor showerAngle(const torch::Tensor& physical) {
    const torch::Tensor layerEnergy = layerProfile(physical); // (N, L)
    const torch::Tensor x = torch::arange(cellsX, physical.options()).view({1, 1, cellsX, 1, 1});
    const torch::Tensor layerX = (physical * x).sum({1, 2, 3}); // sum of e * x per layer
    const torch::Tensor l = torch::arange(layers, physical.options()).view({1, layers});
    // Weighted least squares of the barycentres bx_l = layerX_l / w_l with weights w_l:
    // sums of w bx and w l bx are sums of layerX and l layerX, no division per layer needed.
    const torch::Tensor w = layerEnergy.sum(1);
    const torch::Tensor wl = (layerEnergy * l).sum(1);
    const torch::Tensor wll = (layerEnergy * l * l).sum(1);
    const torch::Tensor wx = layerX.sum(1);
    const torch::Tensor wlx = (layerX * l).sum(1);
    const torch::Tensor slope = (w * wlx - wl * wx) / (w * wll - wl * wl + 1e-12);
    return torch::atan2(torch::full_like(slope, layerPitchMm), slope * cellSizeMm);
}

} // namespace calo
