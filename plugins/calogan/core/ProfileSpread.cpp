#include "ProfileSpread.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace calo {

void ProfileSpread::add(const float* cells) {
    std::array<double, layers> energy{};
    for (int column = 0; column < cellsX * cellsY; ++column) {
        const float* values = cells + column * layers;
        for (int layer = 0; layer < layers; ++layer) {
            energy[layer] += values[layer];
        }
    }
    m_layerEnergies.push_back(energy);
}

std::array<LayerBand, layers> ProfileSpread::bands() const {
    if (m_layerEnergies.empty()) {
        throw std::invalid_argument("calo: a profile spread needs at least one shower");
    }
    const std::size_t n = m_layerEnergies.size();
    // Linear interpolation between order statistics (the "type 7" estimator of R and numpy).
    const auto quantile = [n](const std::vector<double>& sorted, double q) {
        const double position = q * double(n - 1);
        const auto below = static_cast<std::size_t>(std::floor(position));
        const std::size_t above = std::min(below + 1, n - 1);
        return sorted[below] + (position - double(below)) * (sorted[above] - sorted[below]);
    };
    std::array<LayerBand, layers> result{};
    std::vector<double> values(n);
    for (int layer = 0; layer < layers; ++layer) {
        double sum = 0.0, squares = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            values[i] = m_layerEnergies[i][layer];
            sum += values[i];
            squares += values[i] * values[i];
        }
        std::sort(values.begin(), values.end());
        LayerBand& band = result[layer];
        band.mean = sum / double(n);
        band.std =
            n > 1 ? std::sqrt(std::max(0.0, (squares - sum * band.mean) / double(n - 1))) : 0.0;
        band.p16 = quantile(values, 0.16);
        band.p50 = quantile(values, 0.50);
        band.p84 = quantile(values, 0.84);
    }
    return result;
}

} // namespace calo
