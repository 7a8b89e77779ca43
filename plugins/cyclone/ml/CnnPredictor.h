#pragma once

#include "CnnConfig.h"
#include "EnsembleConsensus.h"

#include <cstdint>
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
    // threads: LibTorch intra-op threads, 0 = every core the process may use. seed: the dropout
    // masks of predictWithDropout (same seed, same masks).
    CnnPredictor(const std::string& weightsPath, const CnnArchitecture& architecture, int threads,
                 std::uint64_t seed = 0);
    ~CnnPredictor();
    CnnPredictor(const CnnPredictor&) = delete;
    CnnPredictor& operator=(const CnnPredictor&) = delete;

    bool hasDropout() const { return m_dropout > 0.0; }

    // Outputs for `count` normalised patches (patch, channel, row, column), no gradients,
    // dropout off.
    std::vector<MemberOutput> predict(const float* patches, std::size_t count) const;

    // Monte Carlo dropout (Gal & Ghahramani 2016): `passes` forward passes with the dropout
    // layers active, outputs[pass * count + patch]. The dropout layers are all in the dense
    // head, so the convolutional features (nearly all the work) are computed once and only the
    // head is run per pass. Throws CycloneError when the model has no dropout.
    std::vector<MemberOutput> predictWithDropout(const float* patches, std::size_t count,
                                                 int passes);

private:
    struct Model;
    std::unique_ptr<Model> m_model;
    int m_patchSize = 0;
    double m_dropout = 0.0;
    std::string m_weightsPath;
};

} // namespace cyclone
