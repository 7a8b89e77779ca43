#include "LayerCoding.h"

#include <numbers>

namespace calo {

torch::Tensor encodeLayerEnergies(const torch::Tensor& layerGeV, const torch::Tensor& energyGeV) {
    const torch::Tensor energy = energyGeV.view({-1, 1});
    return (layerGeV.clamp_min(0.0) / energy + layerCodeOffset).log();
}

torch::Tensor decodeLayerEnergies(const torch::Tensor& codes, const torch::Tensor& energyGeV) {
    const torch::Tensor energy = energyGeV.view({-1, 1});
    return ((codes.exp() - layerCodeOffset) * energy).clamp_min(0.0);
}

torch::Tensor layerFlowConditionsFor(const torch::Tensor& energyGeV, const torch::Tensor& thetaRad,
                                     double energyScaleGeV) {
    return torch::stack({(energyGeV / energyScaleGeV).log(), thetaRad - std::numbers::pi / 2.0,
                         1.0 / thetaRad.sin() - 1.0},
                        1);
}

} // namespace calo
