#pragma once

// The coordinates stage 1 of the two-stage model (LayerFlow.h) learns a shower's layer
// energies in, and back. Each layer's energy as v_l = ln(E_l / E + 1e-7), E the primary's
// energy: no constraint between the 25 numbers (the deposited energy is their sum), so the
// flow's density lives on all of R^25, and the offset keeps an empty layer (a point mass at
// -inf otherwise) a finite value below any deposit the detector reads (1e-7 E is under the
// 1e-4 GeV cell threshold for every primary below 1 TeV). Torch translation units only.

#include <torch/torch.h>

namespace calo {

inline constexpr std::int64_t layerFlowDims = 25;      // one coordinate per layer
inline constexpr std::int64_t layerFlowConditions = 3; // ln(E/100), theta - 90 deg, 1/sin - 1
inline constexpr double layerCodeOffset = 1e-7;

// (N, 25) layer energies in GeV and (N) primary energies in GeV -> (N, 25) coordinates.
torch::Tensor encodeLayerEnergies(const torch::Tensor& layerGeV, const torch::Tensor& energyGeV);
// The inverse: (N, 25) coordinates -> layer energies in GeV (never below 0).
torch::Tensor decodeLayerEnergies(const torch::Tensor& codes, const torch::Tensor& energyGeV);
// The flow's conditions (N, 3) for primaries (N) in GeV and radians: ln(E / energyScaleGeV),
// theta - pi/2 (the tilt along x, signed) and 1/sin(theta) - 1 (the longer path through each
// layer of a tilted shower, whatever the sign).
torch::Tensor layerFlowConditionsFor(const torch::Tensor& energyGeV, const torch::Tensor& thetaRad,
                                     double energyScaleGeV);

} // namespace calo
