#pragma once

#include <torch/torch.h>

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
struct UnetPlusPlusImpl : torch::nn::Module {
    UnetPlusPlusImpl(int inputChannels, int depth, int baseFilters, double dropout = 0.0);
    torch::Tensor forward(torch::Tensor x);

    int depth;
    double dropout;
    std::vector<std::vector<torch::nn::Sequential>> nodes; // nodes[i][j], i + j <= depth
    torch::nn::Conv2d head{nullptr};
};
TORCH_MODULE(UnetPlusPlus);

} // namespace wildfire
