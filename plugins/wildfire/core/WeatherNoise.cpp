#include "WeatherNoise.h"

#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <cmath>

namespace wildfire {

WeatherNoise::WeatherNoise(std::uint64_t seed, double persistence)
    : m_seed(seed), m_persistence(persistence),
      m_nodes(static_cast<std::size_t>(fields) * latitudeNodes * longitudeNodes, 0.0) {}

void WeatherNoise::advance(std::uint64_t stepIndex) {
    const double innovation = std::sqrt(1.0 - m_persistence * m_persistence);
    const std::size_t perField = static_cast<std::size_t>(latitudeNodes) * longitudeNodes;
    for (int field = 0; field < fields; ++field) {
        // Streams 1..: the noise of (step, field); stream 0 stays free for other uses.
        twins::sdk::Random random(
            twins::sdk::streamSeed(m_seed, 1 + stepIndex * fields + static_cast<unsigned>(field)));
        double* nodes = m_nodes.data() + field * perField;
        for (std::size_t i = 0; i < perField; ++i) {
            const double draw = random.normal();
            nodes[i] = m_started ? m_persistence * nodes[i] + innovation * draw : draw;
        }
    }
    m_started = true;
}

double WeatherNoise::at(int field, double latitude, double longitude) const {
    const double y = std::clamp((latitude + 90.0) / 10.0, 0.0, latitudeNodes - 1.0);
    const double x = (longitude + 180.0) / 10.0;
    const int row = std::min(static_cast<int>(y), latitudeNodes - 2);
    const double fy = y - row;
    const int column0 = static_cast<int>(std::floor(x));
    const double fx = x - column0;
    const int c0 = ((column0 % longitudeNodes) + longitudeNodes) % longitudeNodes;
    const int c1 = (c0 + 1) % longitudeNodes;
    const double* nodes =
        m_nodes.data() + static_cast<std::size_t>(field) * latitudeNodes * longitudeNodes;
    const auto node = [&](int r, int c) { return nodes[r * longitudeNodes + c]; };
    const double south = (1.0 - fx) * node(row, c0) + fx * node(row, c1);
    const double north = (1.0 - fx) * node(row + 1, c0) + fx * node(row + 1, c1);
    // Bilinear weights shrink the variance between nodes (to 1/4 at a cell's centre); dividing
    // by the weights' norm keeps the field's variance 1 everywhere.
    const double wy = std::sqrt((1.0 - fy) * (1.0 - fy) + fy * fy);
    const double wx = std::sqrt((1.0 - fx) * (1.0 - fx) + fx * fx);
    return ((1.0 - fy) * south + fy * north) / (wx * wy);
}

} // namespace wildfire
