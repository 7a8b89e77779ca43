#pragma once

// A trained 3DGAN generator loaded for inference (generate action, `shower` query, bench).
// Torch stays behind the pointer so its users compile without <torch/torch.h>.

#include "GanConfig.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace calo {

class GanSampler {
public:
    // modelDirectory: a train run's outputs/ (gan.json and generator.pt). threads: LibTorch
    // intra-op threads, 0 = every core the process may use. Throws std::runtime_error naming
    // the file when either is missing or the weights do not fit the configuration.
    // calibrated false: without the per-layer calibration fitted in training; energyResponse
    // false: without the energy response fitted in training (the network's own deposited
    // energy). Both false: the network alone (issue 23), to see what the corrections carry.
    // A stage2=shapes model (GanConfig.h) also reads lateral.bin; it has neither correction.
    GanSampler(const std::string& modelDirectory, int threads, bool calibrated = true,
               bool energyResponse = true);
    ~GanSampler();
    GanSampler(const GanSampler&) = delete;
    GanSampler& operator=(const GanSampler&) = delete;

    const GanConfig& config() const { return m_config; }

    // `count` showers in GeV (count x cellsPerShower, cellIndex order, cells below the
    // preprocessing threshold set to 0) for the conditions in GeV and radians, generated
    // in batches of `batch`. The same seed gives the same showers.
    void generate(const double* energiesGeV, const double* thetasRad, std::size_t count,
                  std::uint64_t seed, std::vector<float>& cells, std::size_t batch = 128) const;

private:
    struct Model;
    std::unique_ptr<Model> m_model;
    GanConfig m_config;
};

} // namespace calo
