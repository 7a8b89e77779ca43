// Inference of a trained UNet++ (UnetPlusPlus.h), rebuilt for speed from the trained module:
// - every convolution has its batch normalisation folded in (evaluation statistics: w * g / s,
//   beta - mean * g / s with s = sqrt(var + eps)), which removes a pass over every activation;
// - weights and activations in channels-last layout: oneDNN's direct convolutions work in NHWC,
//   so NCHW tensors would be reordered before and after every layer;
// - Monte Carlo passes share the nodes before the first dropout (X(0, 0) and X(1, 0), run once
//   and broadcast), so N passes cost less than N single passes;
// - InferenceMode: no autograd bookkeeping.
// The function computed is the trained network's; only rounding differs.
#include "FirePredictor.h"

#include "UnetPlusPlus.h"
#include "WildfireError.h"
#include "twinbench/ml/TorchSetup.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <string>
#include <utility>

namespace wildfire {

namespace {

constexpr auto layout = at::MemoryFormat::ChannelsLast;

struct FoldedConv {
    torch::Tensor weight; // out x in x 3 x 3, channels-last
    torch::Tensor bias;
};

// One node of the trained network: conv, batch norm, ReLU, conv, batch norm, ReLU.
struct FoldedNode {
    FoldedConv first;
    FoldedConv second;
};

FoldedConv fold(const torch::nn::Conv2dImpl& conv, const torch::nn::BatchNorm2dImpl& norm) {
    const torch::Tensor scale = norm.weight / torch::sqrt(norm.running_var + norm.options.eps());
    torch::Tensor bias = norm.bias - norm.running_mean * scale;
    if (conv.bias.defined()) {
        bias = bias + conv.bias * scale;
    }
    return {(conv.weight * scale.view({-1, 1, 1, 1})).contiguous(layout), bias.contiguous()};
}

// Layer `index` of a node, as type Layer.
template <typename Layer> const Layer& layer(const torch::nn::Sequential& node, std::size_t index) {
    const auto found = std::dynamic_pointer_cast<Layer>(node->ptr(index));
    if (!found) {
        throw WildfireError("a UNet++ node is not conv, batch norm, ReLU twice");
    }
    return *found;
}

FoldedNode fold(const torch::nn::Sequential& node) {
    using Conv = torch::nn::Conv2dImpl;
    using Norm = torch::nn::BatchNorm2dImpl;
    return {fold(layer<Conv>(node, 0), layer<Norm>(node, 1)),
            fold(layer<Conv>(node, 3), layer<Norm>(node, 4))};
}

torch::Tensor run(const FoldedNode& node, const torch::Tensor& x) {
    const torch::Tensor y = torch::conv2d(x, node.first.weight, node.first.bias, 1, 1).relu_();
    return torch::conv2d(y, node.second.weight, node.second.bias, 1, 1).relu_();
}

} // namespace

std::size_t receptiveReach(int depth) {
    // reach[i][j]: how far beyond the 2^i cells under one output cell of node X(i, j) the input
    // cells it reads lie. Two 3x3 convolutions at level i add 2 * 2^i; a 2x2 max pool keeps it
    // (its cell covers the four it pools); nearest upsampling from level i + 1 adds 2^i (the
    // coarse cell covers 2^i more on each side than the fine one). Concatenation: the largest.
    std::vector<std::vector<std::size_t>> reach(static_cast<std::size_t>(depth) + 1);
    for (int i = 0; i <= depth; ++i) {
        reach[i].push_back((i == 0 ? 0 : reach[i - 1][0]) + (std::size_t(2) << i));
    }
    for (int j = 1; j <= depth; ++j) {
        for (int i = 0; i + j <= depth; ++i) {
            const std::size_t same = *std::max_element(reach[i].begin(), reach[i].end());
            const std::size_t below = reach[i + 1][j - 1] + (std::size_t(1) << i);
            reach[i].push_back(std::max(same, below) + (std::size_t(2) << i));
        }
    }
    return reach[0][depth]; // the head is a 1x1 convolution
}

struct FirePredictor::Model {
    int depth = 0;
    double dropout = 0.0;
    std::int64_t channels = 0;
    std::vector<std::vector<FoldedNode>> nodes; // nodes[i][j], i + j <= depth
    torch::Tensor headWeight;
    torch::Tensor headBias;
    torch::Tensor areaWeight; // undefined without the regression head
    torch::Tensor areaBias;
    double logAreaScale = 1.0;
    // Fixed dropout masks (fixDropoutMasks), 0 or 1 / (1 - dropout): masks[i][j] after node
    // X(i, j > 0 or i > 0), masks[0][depth] before the head; passes x filters x grid / 2^i.
    std::vector<std::vector<torch::Tensor>> masks;
    int maskPasses = 0;
    std::size_t maskRows = 0;
    std::size_t maskColumns = 0;

    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& x, int passes,
                                                    std::int64_t row, std::int64_t column) const;
};

// x: 1 x channels x h x w, the window at (row, column) of the padded grid. Returns the burned
// probability and, with the regression head, the burned area in ha (else undefined), each
// max(1, passes) x h x w.
std::pair<torch::Tensor, torch::Tensor> FirePredictor::Model::forward(const torch::Tensor& x,
                                                                      int passes, std::int64_t row,
                                                                      std::int64_t column) const {
    const bool sample = passes > 0 && dropout > 0.0;
    const std::int64_t batch = std::max(1, passes);
    const double keep = 1.0 - dropout;
    // Dropout at node X(i, j): the fixed masks' window, or fresh masks from the default
    // generator (one per pass: a batch-1 input is broadcast to the passes).
    const auto drop = [&](const torch::Tensor& features, int i, int j) -> torch::Tensor {
        if (!sample) {
            return features;
        }
        if (!masks.empty()) {
            return features * masks[i][j]
                                  .narrow(2, row >> i, features.size(2))
                                  .narrow(3, column >> i, features.size(3));
        }
        torch::Tensor noise =
            torch::empty({batch, features.size(1), features.size(2), features.size(3)},
                         features.options().memory_format(layout));
        noise.bernoulli_(keep).div_(keep);
        return features * noise;
    };
    std::vector<std::vector<torch::Tensor>> out(static_cast<std::size_t>(depth) + 1);
    for (int i = 0; i <= depth; ++i) {
        const torch::Tensor node =
            run(nodes[i][0], i == 0 ? x : torch::max_pool2d(out[i - 1][0], 2));
        out[i].push_back(i == 0 ? node : drop(node, i, 0));
    }
    for (int j = 1; j <= depth; ++j) {
        for (int i = 0; i + j <= depth; ++i) {
            // The concatenation written straight into one channels-last tensor of the passes'
            // batch (batch-1 trunk outputs broadcast by the copy).
            std::vector<torch::Tensor> inputs(out[i].begin(), out[i].begin() + j);
            inputs.push_back(torch::nn::functional::interpolate(
                out[i + 1][j - 1], torch::nn::functional::InterpolateFuncOptions()
                                       .scale_factor(std::vector<double>{2.0, 2.0})
                                       .mode(torch::kNearest)));
            std::int64_t width = 0;
            for (const torch::Tensor& input : inputs) {
                width += input.size(1);
            }
            torch::Tensor joined = torch::empty({batch, width, x.size(2) >> i, x.size(3) >> i},
                                                x.options().memory_format(layout));
            std::int64_t offset = 0;
            for (const torch::Tensor& input : inputs) {
                joined.narrow(1, offset, input.size(1)).copy_(input);
                offset += input.size(1);
            }
            const torch::Tensor node = run(nodes[i][j], joined);
            out[i].push_back(i == 0 && j < depth ? node : drop(node, i, j));
        }
    }
    torch::Tensor logits = torch::conv2d(out[0][depth], headWeight, headBias);
    if (logits.size(0) != batch) {
        logits = logits.expand({batch, -1, -1, -1});
    }
    torch::Tensor area;
    if (areaWeight.defined()) {
        // log1p(ha) is never negative: a negative output is no burned area.
        area = torch::conv2d(out[0][depth], areaWeight, areaBias);
        if (area.size(0) != batch) {
            area = area.expand({batch, -1, -1, -1});
        }
        area = torch::expm1((area * logAreaScale).clamp_min(0.0)).squeeze(1).contiguous();
    }
    return {torch::sigmoid(logits).squeeze(1).contiguous(), area};
}

FirePredictor::FirePredictor(const FireNetConfig& config, int threads, std::uint64_t seed)
    : m_model(std::make_unique<Model>()) {
    twins::ml::useComputeThreads(threads);
    twins::ml::seedTorch(seed);
    Model& model = *m_model;
    model.depth = config.depth;
    model.dropout = config.dropout;
    model.channels = static_cast<std::int64_t>(config.drivers.size());
    UnetPlusPlus net(static_cast<int>(model.channels), config.depth, config.baseFilters,
                     config.dropout, config.regressionHead);
    try {
        torch::load(net, config.weights);
    } catch (const c10::Error& error) {
        throw WildfireError(config.weights +
                            ": cannot load the UNet++ weights described by fire_net.json (" +
                            (config.regressionHead ? "with" : "without") +
                            " a regression head): " + error.what_without_backtrace());
    }
    net->eval();
    c10::InferenceMode inference;
    model.nodes.resize(net->nodes.size());
    for (std::size_t i = 0; i < net->nodes.size(); ++i) {
        for (const torch::nn::Sequential& node : net->nodes[i]) {
            model.nodes[i].push_back(fold(node));
        }
    }
    model.headWeight = net->head->weight.contiguous(layout);
    model.headBias = net->head->bias;
    if (net->areaHead) {
        model.areaWeight = net->areaHead->weight.contiguous(layout);
        model.areaBias = net->areaHead->bias;
        model.logAreaScale = config.logAreaScale;
    }
}

bool FirePredictor::hasRegressionHead() const {
    return m_model->areaWeight.defined();
}

FirePredictor::~FirePredictor() = default;
FirePredictor::FirePredictor(FirePredictor&&) noexcept = default;
FirePredictor& FirePredictor::operator=(FirePredictor&&) noexcept = default;

void FirePredictor::fixDropoutMasks(std::size_t rows, std::size_t columns, int passes,
                                    std::uint64_t seed) {
    Model& model = *m_model;
    model.masks.clear();
    if (passes <= 0 || model.dropout <= 0.0) {
        return;
    }
    c10::InferenceMode inference;
    torch::Generator generator = at::detail::createCPUGenerator(seed);
    const double keep = 1.0 - model.dropout;
    model.masks.resize(model.nodes.size());
    for (int i = 0; i <= model.depth; ++i) {
        const std::int64_t filters = model.nodes[i][0].second.weight.size(0);
        for (int j = 0; i + j <= model.depth; ++j) {
            if (i == 0 && j < model.depth) {
                model.masks[i].emplace_back(); // no dropout after the top level's nodes
                continue;
            }
            torch::Tensor mask =
                torch::empty({passes, filters, static_cast<std::int64_t>(rows >> i),
                              static_cast<std::int64_t>(columns >> i)},
                             torch::TensorOptions().memory_format(layout));
            mask.bernoulli_(keep, generator).div_(keep);
            model.masks[i].push_back(mask);
        }
    }
    model.maskPasses = passes;
    model.maskRows = rows;
    model.maskColumns = columns;
}

FirePrediction FirePredictor::predict(const float* drivers, std::size_t rows, std::size_t columns,
                                      int passes) {
    return predict(drivers, rows, columns, passes, GridWindow{0, rows, 0, columns});
}

FirePrediction FirePredictor::predict(const float* drivers, std::size_t rows, std::size_t columns,
                                      int passes, const GridWindow& window) {
    const Model& model = *m_model;
    const std::size_t multiple = std::size_t(1) << model.depth;
    if (window.rows == 0 || window.columns == 0 || window.row % multiple != 0 ||
        window.column % multiple != 0 || window.rows % multiple != 0 ||
        window.columns % multiple != 0 || window.row + window.rows > rows ||
        window.column + window.columns > columns) {
        throw WildfireError("a UNet++ of depth " + std::to_string(model.depth) +
                            " cannot predict a window of " + std::to_string(window.rows) + " x " +
                            std::to_string(window.columns) + " cells at row " +
                            std::to_string(window.row) + ", column " +
                            std::to_string(window.column) + " of a " + std::to_string(rows) +
                            " x " + std::to_string(columns) + " grid (multiples of " +
                            std::to_string(multiple) + " inside the grid)");
    }
    if (!model.masks.empty() && passes > 0 &&
        (passes != model.maskPasses || rows != model.maskRows || columns != model.maskColumns)) {
        throw WildfireError(
            "the fixed dropout masks were drawn for " + std::to_string(model.maskPasses) +
            " passes over " + std::to_string(model.maskRows) + " x " +
            std::to_string(model.maskColumns) + " cells, not " + std::to_string(passes) + " over " +
            std::to_string(rows) + " x " + std::to_string(columns));
    }
    c10::InferenceMode inference;
    const torch::Tensor x = torch::from_blob(const_cast<float*>(drivers),
                                             {1, model.channels, static_cast<std::int64_t>(rows),
                                              static_cast<std::int64_t>(columns)})
                                .narrow(2, static_cast<std::int64_t>(window.row),
                                        static_cast<std::int64_t>(window.rows))
                                .narrow(3, static_cast<std::int64_t>(window.column),
                                        static_cast<std::int64_t>(window.columns))
                                .contiguous(layout);
    const auto [probabilities, area] = model.forward(
        x, passes, static_cast<std::int64_t>(window.row), static_cast<std::int64_t>(window.column));
    FirePrediction prediction;
    prediction.probability.assign(probabilities.data_ptr<float>(),
                                  probabilities.data_ptr<float>() + probabilities.numel());
    if (area.defined()) {
        prediction.burnedArea.assign(area.data_ptr<float>(), area.data_ptr<float>() + area.numel());
    }
    return prediction;
}

} // namespace wildfire
