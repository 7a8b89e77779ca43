#include "RadialProfile.h"

#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <cmath>

namespace calo {

namespace {
constexpr double k2 = 0.645;
constexpr double k3 = -2.59;
} // namespace

RadialModel::RadialModel(double energyGeV, double z) {
    const double logE = std::log(energyGeV);
    m_z1 = 0.0251 + 0.00319 * logE;
    m_z2 = 0.1162 - 0.000381 * z;
    m_k1 = 0.659 - 0.00309 * z;
    m_k4 = 0.3585 + 0.0421 * logE;
    m_p1 = 2.632 - 0.00094 * z;
    m_p2 = 0.401 + 0.00187 * z;
    m_p3 = 1.313 - 0.0686 * logE;
}

RadialShape RadialModel::at(double tau) const {
    RadialShape shape;
    shape.coreRadius = m_z1 + m_z2 * tau;
    shape.tailRadius = m_k1 * (std::exp(k3 * (tau - k2)) + std::exp(m_k4 * (tau - k2)));
    const double x = (m_p2 - tau) / m_p3;
    // p is a weight: GP's fit exceeds 1 slightly near tau ~ p2 for light media; clamp.
    shape.coreWeight = std::clamp(m_p1 * std::exp(x - std::exp(x)), 0.0, 1.0);
    return shape;
}

double RadialModel::sampleRadius(const RadialShape& shape, twins::sdk::Random& random) {
    const double radius = random.uniform() < shape.coreWeight ? shape.coreRadius : shape.tailRadius;
    const double u = random.uniform();
    return radius * std::sqrt(u / (1.0 - u));
}

double RadialModel::containedFraction(const RadialShape& shape, double radius) {
    const double r2 = radius * radius;
    const double core = r2 / (r2 + shape.coreRadius * shape.coreRadius);
    const double tail = r2 / (r2 + shape.tailRadius * shape.tailRadius);
    return shape.coreWeight * core + (1.0 - shape.coreWeight) * tail;
}

} // namespace calo
