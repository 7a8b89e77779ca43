#include "ScatteredPulse.h"

#include <cmath>
#include <numbers>

namespace pulsar {

double scatteredPulse(double offset, double sigma, double tau) {
    // Below tau = sigma / 20 the tail is invisible and the closed form below would need
    // exp(sigma^2 / 2 tau^2) beyond exp(200): use the Gaussian itself.
    if (tau < 0.05 * sigma) {
        return std::exp(-0.5 * offset * offset / (sigma * sigma));
    }
    // Exponentially modified Gaussian (unit area) times the Gaussian's area sigma sqrt(2 pi).
    const double z = (sigma / tau - offset / sigma) / std::numbers::sqrt2;
    const double exponent = 0.5 * sigma * sigma / (tau * tau) - offset / tau;
    const double density = 0.5 / tau * std::exp(exponent) * std::erfc(z);
    return density * sigma * std::sqrt(2.0 * std::numbers::pi);
}

double scatteredPulseReach(double sigma, double tau) {
    // Gaussian: 5.3 sigma is 1e-6; the exponential tail: 14 tau is 1e-6 of its start.
    return 5.3 * sigma + 14.0 * tau;
}

double broadenedWidth(double sigma, double binWidth, double smearWidth) {
    return std::sqrt(sigma * sigma + (binWidth * binWidth + smearWidth * smearWidth) / 12.0);
}

} // namespace pulsar
