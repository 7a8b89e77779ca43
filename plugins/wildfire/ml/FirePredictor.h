#pragma once

#include "FireNetConfig.h"

#include <cstdint>
#include <memory>
#include <vector>

// Torch-free interface of a trained burned-area network (FirePredictor.cpp holds torch).
namespace wildfire {

class FirePredictor {
public:
    // Loads config.weights into a UNet++ of config's architecture, on `threads` LibTorch
    // threads (0: every core), seeding the dropout masks with `seed`. Throws WildfireError
    // naming the weights file when they do not fit the architecture.
    FirePredictor(const FireNetConfig& config, int threads, std::uint64_t seed);
    ~FirePredictor();
    FirePredictor(FirePredictor&&) noexcept;
    FirePredictor& operator=(FirePredictor&&) noexcept;

    // drivers: channels x rows x columns, standardised and padded (rows and columns multiples
    // of 2^depth). passes 0: one deterministic pass; N > 0: N Monte Carlo dropout passes.
    // Returns the burned probability of every pass, max(1, passes) x rows x columns.
    std::vector<float> predict(const float* drivers, std::size_t rows, std::size_t columns,
                               int passes);

private:
    struct Model;
    std::unique_ptr<Model> m_model;
};

} // namespace wildfire
