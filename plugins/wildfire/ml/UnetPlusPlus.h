#pragma once

#include <torch/torch.h>

#include <utility>
#include <vector>

namespace wildfire {

// UNet++ (Zhou et al. 2018, "UNet++: A Nested U-Net Architecture"), as ML4Fires uses it for
// burned area: an encoder of `depth` 2x2 max-pools with base * 2^i filters at level i, and
// nested dense skip paths: node X(i, j) convolves the concatenation of X(i, 0..j-1) and the
// upsampled X(i+1, j-1). The output is a 1x1 convolution of X(0, depth) to one logit per cell
// (the burned probability through a sigmoid). Every node is two 3x3 convolutions with batch
// normalisation and ReLU. The grid must be divisible by 2^depth (FireSamples pads it).
// Dropout (element-wise, probability `dropout`) follows every node below the top level and
// precedes the head, active in training; FirePredictor.cpp runs the trained network with it on
// for Monte Carlo dropout passes (Gal & Ghahramani 2016). It has no parameters: weights trained
// without it load unchanged.
// With `areaHead`, a second 1x1 convolution of the same (dropped-out) X(0, depth) predicts the
// burned area of every cell: log1p(fcci_ba in ha) divided by the training set's scale
// (fire_net.json's log_area_scale), so its loss is of the order of the BCE. Networks trained
// before it existed have no such module (fire_net.json says so) and load as before.
struct UnetPlusPlusImpl : torch::nn::Module {
    UnetPlusPlusImpl(int inputChannels, int depth, int baseFilters, double dropout = 0.0,
                     bool areaHead = false);
    // The burned logit of every cell (batch x rows x columns).
    torch::Tensor forward(torch::Tensor x);
    // The burned logit and, with an area head, the scaled log burned area (else undefined).
    std::pair<torch::Tensor, torch::Tensor> forwardHeads(torch::Tensor x);

    int depth;
    double dropout;
    std::vector<std::vector<torch::nn::Sequential>> nodes; // nodes[i][j], i + j <= depth
    torch::nn::Conv2d head{nullptr};
    torch::nn::Conv2d areaHead{nullptr}; // null without the regression head
};
TORCH_MODULE(UnetPlusPlus);

} // namespace wildfire
