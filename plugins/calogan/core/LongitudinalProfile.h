#pragma once

// Grindhammer & Peters 1993 (hep-ex/0001020), section 2.1 and 2.2: the longitudinal energy
// profile of an electromagnetic shower is a Gamma distribution in depth t (radiation lengths)
//   dE/dt = E beta (beta t)^(alpha-1) exp(-beta t) / Gamma(alpha),   T = (alpha - 1) / beta
// where T is the depth of the maximum. For single showers ln T and ln alpha are normally
// distributed and correlated; their means, widths and correlation depend on y = E / Ec.

namespace twins::sdk {
class Random;
}

namespace calo {

struct GammaShape {
    double tmax = 0.0;  // T, depth of the maximum in X0
    double alpha = 0.0; // shape
    double beta() const { return (alpha - 1.0) / tmax; }
};

class LongitudinalModel {
public:
    // energyGeV: primary energy; criticalMeV and z: of the (effective) medium.
    LongitudinalModel(double energyGeV, double criticalMeV, double z);

    // The average profile's parameters (GP eqs. 10-11): T = ln y - 0.858,
    // alpha = 0.21 + (0.492 + 2.38 / Z) ln y.
    GammaShape average() const;

    // One shower's (T, alpha): ln T ~ N(<ln T>, sigma_T), ln alpha ~ N(<ln alpha>, sigma_alpha)
    // with correlation rho (GP eqs. 12-17):
    //   <ln T> = ln(ln y - 0.812), <ln alpha> = ln(0.81 + (0.458 + 2.26 / Z) ln y),
    //   1/sigma_T = -1.4 + 1.26 ln y, 1/sigma_alpha = -0.58 + 0.86 ln y,
    //   rho = 0.705 - 0.023 ln y.
    GammaShape sample(twins::sdk::Random& random) const;

    double meanLogT() const { return m_meanLogT; }
    double meanLogAlpha() const { return m_meanLogAlpha; }
    double sigmaLogT() const { return m_sigmaLogT; }
    double sigmaLogAlpha() const { return m_sigmaLogAlpha; }
    double correlation() const { return m_rho; }

private:
    double m_logY = 0.0;
    double m_z = 0.0;
    double m_meanLogT = 0.0;
    double m_meanLogAlpha = 0.0;
    double m_sigmaLogT = 0.0;
    double m_sigmaLogAlpha = 0.0;
    double m_rho = 0.0;
};

} // namespace calo
