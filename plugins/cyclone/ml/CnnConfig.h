#pragma once

#include "DriverChannels.h"

#include <array>
#include <string>

namespace cyclone {

// The shape of the VGG-like detector (see CycloneNet.h): `blocks` VGG blocks of
// `convsPerBlock` 3x3 convolutions with 32, 64, 128 channels times `width`, each followed by a
// 2x2 max-pool, then dense layers to the 2 outputs. Torch-free so actions can carry it.
struct CnnArchitecture {
    int patchSize = 40;
    int blocks = 3;
    int convsPerBlock = 3;
    double width = 1.0;
    // Dropout probability before each hidden dense layer's output (0 = no dropout layers, the
    // layout of models saved before it existed). Needed for Monte Carlo dropout ensembles.
    double dropout = 0.0;
};

// Per-channel z-score of the inputs (computed on the training split only, so validation
// patches are scored as unseen data would be).
struct ChannelNormalisation {
    std::array<double, cnnChannelCount> mean{};
    std::array<double, cnnChannelCount> scale{}; // standard deviation, 1 for a constant channel
};

// Everything besides the weights that inference needs to rebuild the model and feed it the same
// inputs: written as outputs/normalisation.json by train, read back by infer.
struct CnnConfig {
    CnnArchitecture architecture;
    ChannelNormalisation normalisation;
    double trainedResolutionDegrees = 0.0; // grid spacing of the training data
};

// Throws CycloneError naming the file for unreadable or inconsistent content.
void writeCnnConfig(const std::string& path, const CnnConfig& config);
CnnConfig readCnnConfig(const std::string& path);

} // namespace cyclone
