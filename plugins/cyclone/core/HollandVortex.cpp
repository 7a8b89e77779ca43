#include "HollandVortex.h"

#include "CycloneError.h"
#include "Geodesy.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace cyclone {

namespace {

// Warm-core amplitudes, K per hPa of central deficit. Hydrostatic balance (hypsometric equation)
// ties the surface deficit to the column's warm anomaly: dp/p ~ g H dT / (R_d T^2), so a 50 hPa
// deficit needs a column-mean anomaly of ~5 K, concentrated in the upper troposphere where the
// eyewall's latent heat ends up (peak near 250-300 hPa). A reanalysis grid smooths the core, so
// these are the smaller, grid-scale values: ~7.5 K at 300 hPa and ~4 K at 500 hPa for 50 hPa.
constexpr double warmCore300PerHpa = 0.15;
constexpr double warmCore500PerHpa = 0.08;

// The warm core is broader than the eyewall: its e-folding radius, km.
double warmCoreRadiusKm(double rmaxKm) {
    return std::max(150.0, 3.0 * rmaxKm);
}

} // namespace

HollandVortex::HollandVortex(double centralDeficitPa, double rmaxKm, double hollandB,
                             double latitude)
    : m_deficit(centralDeficitPa), m_rmaxKm(rmaxKm), m_b(hollandB), m_latitude(latitude),
      m_coriolis(coriolisParameter(latitude)) {
    if (!(centralDeficitPa >= 0.0) || !(rmaxKm > 0.0) || !(hollandB > 0.0 && hollandB <= 3.0)) {
        throw CycloneError("HollandVortex",
                           "expected deficit >= 0 Pa, Rmax > 0 km and 0 < B <= 3, got deficit " +
                               std::to_string(centralDeficitPa) + " Pa, Rmax " +
                               std::to_string(rmaxKm) + " km, B " + std::to_string(hollandB));
    }
}

HollandVortex HollandVortex::fromMaximumWind(double maximumWind, double rmaxKm, double latitude) {
    const double b = std::clamp(1.881 - 0.00557 * rmaxKm - 0.01295 * std::fabs(latitude), 1.0, 2.2);
    const double deficit =
        airDensity * std::numbers::e * std::max(0.0, maximumWind) * maximumWind / b;
    return HollandVortex(deficit, rmaxKm, b, latitude);
}

double HollandVortex::typicalRmaxKm(double maximumWind, double latitude) {
    return 46.4 * std::exp(-0.0155 * maximumWind + 0.0169 * std::fabs(latitude));
}

double HollandVortex::pressureDeficit(double radiusKm) const {
    if (radiusKm <= 0.0) {
        return m_deficit;
    }
    return m_deficit * (1.0 - std::exp(-std::pow(m_rmaxKm / radiusKm, m_b)));
}

double HollandVortex::gradientWind(double radiusKm) const {
    if (radiusKm <= 0.0) {
        return 0.0;
    }
    const double scaled = std::pow(m_rmaxKm / radiusKm, m_b);
    const double halfRf = 0.5 * radiusKm * 1000.0 * std::fabs(m_coriolis);
    const double cyclostrophic = m_b * m_deficit / airDensity * scaled * std::exp(-scaled);
    return std::sqrt(cyclostrophic + halfRf * halfRf) - halfRf;
}

double HollandVortex::relativeVorticity(double radiusKm) const {
    // zeta = dV/dr + V/r for an axisymmetric vortex; the derivative by central differences on
    // a step much smaller than Rmax (the profile is smooth there).
    const double r = std::max(radiusKm, 1e-3 * m_rmaxKm);
    const double step = 1e-3 * m_rmaxKm;
    const double lower = std::max(r - step, 0.5 * r);
    const double derivative =
        (gradientWind(r + step) - gradientWind(lower)) / ((r + step - lower) * 1000.0);
    const double zeta = derivative + gradientWind(r) / (r * 1000.0);
    return m_latitude < 0.0 ? -zeta : zeta;
}

double HollandVortex::warmCore300(double radiusKm) const {
    const double shape = radiusKm / warmCoreRadiusKm(m_rmaxKm);
    return warmCore300PerHpa * m_deficit / 100.0 * std::exp(-shape * shape);
}

double HollandVortex::warmCore500(double radiusKm) const {
    const double shape = radiusKm / warmCoreRadiusKm(m_rmaxKm);
    return warmCore500PerHpa * m_deficit / 100.0 * std::exp(-shape * shape);
}

} // namespace cyclone
