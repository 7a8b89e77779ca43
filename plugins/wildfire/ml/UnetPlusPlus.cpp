#include "UnetPlusPlus.h"

#include <string>

namespace wildfire {

namespace {

torch::nn::Sequential convBlock(int in, int out) {
    namespace nn = torch::nn;
    return nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1).bias(false)),
                          nn::BatchNorm2d(out), nn::ReLU(nn::ReLUOptions(true)),
                          nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)),
                          nn::BatchNorm2d(out), nn::ReLU(nn::ReLUOptions(true)));
}

} // namespace

UnetPlusPlusImpl::UnetPlusPlusImpl(int inputChannels, int depth_, int baseFilters, double dropout_,
                                   bool withAreaHead)
    : depth(depth_), dropout(dropout_) {
    const auto filters = [&](int level) { return baseFilters << level; };
    nodes.resize(static_cast<std::size_t>(depth) + 1);
    for (int i = 0; i <= depth; ++i) {
        for (int j = 0; i + j <= depth; ++j) {
            // X(i, 0) reads the level above (or the input); X(i, j > 0) reads j same-level nodes
            // and the upsampled X(i + 1, j - 1).
            const int in = j == 0 ? (i == 0 ? inputChannels : filters(i - 1))
                                  : j * filters(i) + filters(i + 1);
            nodes[i].push_back(register_module("x" + std::to_string(i) + "_" + std::to_string(j),
                                               convBlock(in, filters(i))));
        }
    }
    head = register_module("head", torch::nn::Conv2d(torch::nn::Conv2dOptions(filters(0), 1, 1)));
    if (withAreaHead) {
        areaHead = register_module("area_head",
                                   torch::nn::Conv2d(torch::nn::Conv2dOptions(filters(0), 1, 1)));
    }
}

torch::Tensor UnetPlusPlusImpl::forward(torch::Tensor x) {
    return forwardHeads(std::move(x)).first;
}

std::pair<torch::Tensor, torch::Tensor> UnetPlusPlusImpl::forwardHeads(torch::Tensor x) {
    const bool active = dropout > 0.0 && is_training();
    const auto drop = [&](const torch::Tensor& features) {
        return active ? torch::dropout(features, dropout, true) : features;
    };
    std::vector<std::vector<torch::Tensor>> out(static_cast<std::size_t>(depth) + 1);
    for (int i = 0; i <= depth; ++i) {
        x = nodes[i][0]->forward(i == 0 ? x : torch::max_pool2d(out[i - 1][0], 2));
        out[i].push_back(i == 0 ? x : drop(x));
    }
    for (int j = 1; j <= depth; ++j) {
        for (int i = 0; i + j <= depth; ++i) {
            std::vector<torch::Tensor> inputs(out[i].begin(), out[i].begin() + j);
            inputs.push_back(torch::nn::functional::interpolate(
                out[i + 1][j - 1], torch::nn::functional::InterpolateFuncOptions()
                                       .scale_factor(std::vector<double>{2.0, 2.0})
                                       .mode(torch::kNearest)));
            const torch::Tensor node = nodes[i][j]->forward(torch::cat(inputs, 1));
            out[i].push_back(i == 0 ? node : drop(node));
        }
    }
    const torch::Tensor last = drop(out[0][depth]);
    return {head->forward(last).squeeze(1),
            areaHead ? areaHead->forward(last).squeeze(1) : torch::Tensor()};
}

} // namespace wildfire
