#pragma once

#include "CnnConfig.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace cyclone {

// A trained CycloneNet loaded for inference; torch stays behind the pointer so actions that
// use it compile without <torch/torch.h>.
class CnnPredictor {
public:
    // Rebuilds the architecture and loads torch::save'd weights. Throws CycloneError naming the
    // file when they do not fit the architecture.
    // threads: LibTorch intra-op threads, 0 = every core the process may use.
    CnnPredictor(const std::string& weightsPath, const CnnArchitecture& architecture, int threads);
    ~CnnPredictor();
    CnnPredictor(const CnnPredictor&) = delete;
    CnnPredictor& operator=(const CnnPredictor&) = delete;

    // Outputs for `count` normalised patches (patch, channel, row, column), no gradients.
    std::vector<std::array<float, 2>> predict(const float* patches, std::size_t count) const;

private:
    struct Model;
    std::unique_ptr<Model> m_model;
    int m_patchSize = 0;
};

} // namespace cyclone
