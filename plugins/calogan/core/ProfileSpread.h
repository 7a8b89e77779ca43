#pragma once

// The spread of showers made for one fixed condition, per layer: the uncertainty view of the
// twin (issue 7, item 5). Comparing a GAN's bands with the Monte Carlo reference's for the
// same (E, theta) shows where the GAN under- or over-disperses.

#include "Geometry.h"

#include <array>
#include <cstddef>
#include <vector>

namespace calo {

struct LayerBand {
    double mean = 0.0, std = 0.0;           // GeV in the layer, over the showers
    double p16 = 0.0, p50 = 0.0, p84 = 0.0; // 16th, 50th, 84th percentiles (the 1-sigma band)
};

// Accumulates the per-layer energies of showers of one condition.
class ProfileSpread {
public:
    void add(const float* cells); // one shower, cellsPerShower values in cellIndex order
    std::size_t showers() const { return m_layerEnergies.size(); }
    // Throws std::invalid_argument when no shower was added.
    std::array<LayerBand, layers> bands() const;

private:
    std::vector<std::array<double, layers>> m_layerEnergies;
};

} // namespace calo
