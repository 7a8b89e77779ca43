#include "CycloneNet.h"

#include "CycloneError.h"

#include <algorithm>
#include <cmath>

namespace cyclone {

namespace {

int scaledChannels(int base, double width) {
    return std::max(1, static_cast<int>(std::lround(base * width)));
}

} // namespace

CycloneNetImpl::CycloneNetImpl(const CnnArchitecture& architecture) {
    const int baseChannels[] = {32, 64, 128};
    if (architecture.blocks < 1 || architecture.blocks > 3) {
        throw CycloneError("blocks", "must be 1, 2 or 3 (the original has three VGG blocks)");
    }
    if ((architecture.patchSize >> architecture.blocks) < 1) {
        throw CycloneError("patch_size",
                           std::to_string(architecture.patchSize) + " is too small for " +
                               std::to_string(architecture.blocks) + " 2x2 max-pools");
    }
    features = torch::nn::Sequential();
    int channels = static_cast<int>(cnnChannelCount);
    for (int block = 0; block < architecture.blocks; ++block) {
        const int out = scaledChannels(baseChannels[block], architecture.width);
        for (int conv = 0; conv < architecture.convsPerBlock; ++conv) {
            features->push_back(
                torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, out, 3).padding(1)));
            features->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
            channels = out;
        }
        features->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2)));
    }
    const int side = architecture.patchSize >> architecture.blocks;
    const int flat = channels * side * side;
    const int hidden = scaledChannels(256, architecture.width);
    // Dropout layers only when asked for: they have no parameters, but they shift the indices
    // of the layers after them, which name the weights in a saved model.
    head = torch::nn::Sequential(torch::nn::Flatten(), torch::nn::Linear(flat, hidden),
                                 torch::nn::ReLU(torch::nn::ReLUOptions(true)));
    if (architecture.dropout > 0.0) {
        head->push_back(torch::nn::Dropout(torch::nn::DropoutOptions(architecture.dropout)));
    }
    head->push_back(torch::nn::Linear(hidden, std::max(2, hidden / 4)));
    head->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
    if (architecture.dropout > 0.0) {
        head->push_back(torch::nn::Dropout(torch::nn::DropoutOptions(architecture.dropout)));
    }
    head->push_back(torch::nn::Linear(std::max(2, hidden / 4), 2));
    register_module("features", features);
    register_module("head", head);
}

torch::Tensor CycloneNetImpl::forward(torch::Tensor patches) {
    return head->forward(features->forward(patches));
}

} // namespace cyclone
