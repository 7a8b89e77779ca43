#include "ClassifierFeatures.h"

#include "ShowerSimulator.h"

#include <algorithm>
#include <cmath>

namespace calo {

std::array<double, classifierFeatureCount> ClassifierFeatures::row() const {
    std::array<double, classifierFeatureCount> values{};
    const std::array<const std::array<double, layers>*, 5> parts{
        &layerEnergyGeV, &centroidXMm, &centroidYMm, &widthXMm, &widthYMm};
    for (std::size_t part = 0; part < parts.size(); ++part) {
        std::copy(parts[part]->begin(), parts[part]->end(), values.begin() + part * layers);
    }
    return values;
}

ClassifierFeatures classifierFeatures(const float* cells) {
    ClassifierFeatures features;
    std::array<double, layers> sx{}, sy{}, sxx{}, syy{};
    for (int x = 0; x < cellsX; ++x) {
        // Pad centres in mm from the window's centre (pad 25 of 51 is centred on it).
        const double px = (x - 0.5 * (cellsX - 1)) * cellSizeMm;
        for (int y = 0; y < cellsY; ++y) {
            const double py = (y - 0.5 * (cellsY - 1)) * cellSizeMm;
            for (int layer = 0; layer < layers; ++layer) {
                const double e = cells[cellIndex(x, y, layer)];
                features.layerEnergyGeV[layer] += e;
                sx[layer] += e * px, sy[layer] += e * py;
                sxx[layer] += e * px * px, syy[layer] += e * py * py;
            }
        }
    }
    for (int layer = 0; layer < layers; ++layer) {
        const double e = features.layerEnergyGeV[layer];
        if (!(e > 0.0)) {
            continue;
        }
        const double mx = sx[layer] / e, my = sy[layer] / e;
        features.centroidXMm[layer] = mx;
        features.centroidYMm[layer] = my;
        features.widthXMm[layer] = std::sqrt(std::max(0.0, sxx[layer] / e - mx * mx));
        features.widthYMm[layer] = std::sqrt(std::max(0.0, syy[layer] / e - my * my));
    }
    return features;
}

} // namespace calo
