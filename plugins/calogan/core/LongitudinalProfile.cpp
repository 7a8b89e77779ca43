#include "LongitudinalProfile.h"

#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace calo {

LongitudinalModel::LongitudinalModel(double energyGeV, double criticalMeV, double z) : m_z(z) {
    const double y = energyGeV * 1000.0 / criticalMeV;
    // Below y ~ 20 (E < 0.2 GeV in tungsten) the parametrisation's means turn negative; the
    // twin's conditions start at 2 GeV (y ~ 250), so this only guards misuse.
    if (!(y > 20.0)) {
        throw std::invalid_argument("calo: primary energy " + std::to_string(energyGeV) +
                                    " GeV is below the range of the Grindhammer-Peters "
                                    "parametrisation");
    }
    m_logY = std::log(y);
    m_meanLogT = std::log(m_logY - 0.812);
    m_meanLogAlpha = std::log(0.81 + (0.458 + 2.26 / z) * m_logY);
    // GP cap the widths at 0.5 only for very low y; we keep the same cap for safety.
    m_sigmaLogT = std::min(0.5, 1.0 / (-1.4 + 1.26 * m_logY));
    m_sigmaLogAlpha = std::min(0.5, 1.0 / (-0.58 + 0.86 * m_logY));
    m_rho = 0.705 - 0.023 * m_logY;
}

GammaShape LongitudinalModel::average() const {
    return {m_logY - 0.858, 0.21 + (0.492 + 2.38 / m_z) * m_logY};
}

GammaShape LongitudinalModel::sample(twins::sdk::Random& random) const {
    const double z1 = random.normal();
    const double z2 = random.normal();
    const double logT = m_meanLogT + m_sigmaLogT * z1;
    const double logAlpha =
        m_meanLogAlpha + m_sigmaLogAlpha * (m_rho * z1 + std::sqrt(1.0 - m_rho * m_rho) * z2);
    GammaShape shape{std::exp(logT), std::exp(logAlpha)};
    // alpha <= 1 has no maximum inside the medium (a monotonically falling profile); it lies
    // more than 4 sigma below the mean for E >= 2 GeV, so clamping it changes no statistic.
    shape.alpha = std::max(shape.alpha, 1.05);
    return shape;
}

} // namespace calo
