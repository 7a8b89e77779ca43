#pragma once

// Diffractive interstellar scintillation as a gain per channel: 1 + m x(f), where x is a
// unit-variance Gaussian random process in frequency with a correlation (decorrelation)
// bandwidth, and m the modulation index (0: none; 1: fully modulated, as in strong
// scintillation, Rickett 1990). Gains below zero are cut at zero (the scintle is off).

#include "twinbench/sdk/Random.h"

#include <vector>

namespace pulsar {

// One gain per channel of width channelWidthGHz; the random process uses `random`.
std::vector<double> scintillationGains(std::size_t channels, double channelWidthGHz,
                                       double modulationIndex, double bandwidthMHz,
                                       twins::sdk::Random& random);

} // namespace pulsar
