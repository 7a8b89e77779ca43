#pragma once

// LibTorch module declaration: include only from the few torch .cpp files of ml/ (each
// <torch/torch.h> TU costs ~17 s and 1.3 GB to compile); actions use CnnTrainer.h and
// CnnPredictor.h, which are torch-free.
#include "CnnConfig.h"

#include <torch/torch.h>

namespace cyclone {

// The VGG-like detector of the original twin: `blocks` VGG blocks (3x3 convolutions, padding
// 1, ReLU; 32/64/128 channels times the width multiplier; then a 2x2 max-pool), flattened into
// dense layers down to the 2 outputs (row, column) / (patch - 1), or (-1, -1) for "no centre".
struct CycloneNetImpl : torch::nn::Module {
    explicit CycloneNetImpl(const CnnArchitecture& architecture);
    torch::Tensor forward(torch::Tensor patches);

    torch::nn::Sequential features{nullptr};
    torch::nn::Sequential head{nullptr};
};
TORCH_MODULE(CycloneNet);

} // namespace cyclone
