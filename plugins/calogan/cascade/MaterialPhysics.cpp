#include "MaterialPhysics.h"

#include "CrossSections.h"
#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <cmath>

namespace calo::cascade {

namespace {

constexpr double m = electronMassMeV;
// Energy grid: 1 keV to 1 TeV, 50 points per decade, interpolated linearly in ln E.
constexpr double gridMinMeV = 1e-3;
constexpr int pointsPerDecade = 50;
constexpr int gridPoints = 9 * pointsPerDecade + 1;
const double gridStep = std::log(10.0) / pointsPerDecade;

// Rejection loops that may have (near) nothing to accept give up after this many draws.
constexpr int maxRejectionAttempts = 10000;

double gridEnergy(int i) {
    return gridMinMeV * std::exp(gridStep * i);
}

// Simpson's rule with n (even) intervals.
template <typename F> double simpson(F f, double a, double b, int n) {
    const double h = (b - a) / n;
    double sum = f(a) + f(b);
    for (int i = 1; i < n; ++i) {
        sum += f(a + i * h) * (i % 2 ? 4.0 : 2.0);
    }
    return sum * h / 3.0;
}

} // namespace

MaterialPhysics::MaterialPhysics(const Material& material, const Cuts& cuts)
    : m_material(&material), m_cuts(cuts), m_radiationLengthMm(tsaiRadiationLengthMm(material)) {
    const double atoms = material.atomsPerMm3();
    const double electrons = material.electronsPerMm3();
    for (int i = 0; i < gridPoints; ++i) {
        const double e = gridEnergy(i);
        const double total = e + m;
        // Radiative loss below the photon cut and the cross section above it, from
        // k d sigma/dk (finite at k -> 0): the loss on a linear grid, the cross section on a
        // logarithmic one.
        const double kCut = std::min(cuts.photonMeV, e);
        const double radiative = atoms * simpson(
                                             [&](double k) {
                                                 return bremsstrahlungKTimesDifferential(
                                                     material, total, std::max(k, 1e-9 * kCut));
                                             },
                                             0.0, kCut, 32);
        double brems = 0.0;
        if (e > cuts.photonMeV) {
            brems = atoms *
                    simpson(
                        [&](double lnK) {
                            return bremsstrahlungKTimesDifferential(material, total, std::exp(lnK));
                        },
                        std::log(cuts.photonMeV), std::log(e), 64);
        }
        m_lossElectron.push_back(restrictedCollisionLoss(material, e, cuts.deltaRayMeV, false) +
                                 radiative);
        m_lossPositron.push_back(restrictedCollisionLoss(material, e, cuts.deltaRayMeV, true) +
                                 radiative);
        m_brems.push_back(brems);
        m_moller.push_back(electrons * mollerPerElectron(e, cuts.deltaRayMeV));
        m_bhabha.push_back(electrons * bhabhaPerElectron(e, cuts.deltaRayMeV));
        m_compton.push_back(electrons * kleinNishinaPerElectron(e));
        double pair = 0.0;
        if (e > 2.0 * m) {
            const double eps0 = m / e;
            pair = atoms * 2.0 *
                   simpson([&](double eps) { return pairDifferential(material, e, eps); }, eps0,
                           0.5, 128);
        }
        m_pair.push_back(pair);
        m_photo.push_back(cascade::photoEffectPerMm(material, e));
    }
}

double MaterialPhysics::lookup(const std::vector<double>& table, double energyMeV) const {
    const double position = std::log(energyMeV / gridMinMeV) / gridStep;
    if (position <= 0.0) {
        return table.front();
    }
    const int i = static_cast<int>(position);
    if (i >= gridPoints - 1) {
        return table.back();
    }
    const double f = position - i;
    return table[i] + f * (table[i + 1] - table[i]);
}

double MaterialPhysics::continuousLoss(double kineticMeV, bool positron) const {
    return lookup(positron ? m_lossPositron : m_lossElectron, kineticMeV);
}
double MaterialPhysics::bremsstrahlungPerMm(double kineticMeV) const {
    return kineticMeV > m_cuts.photonMeV ? lookup(m_brems, kineticMeV) : 0.0;
}
double MaterialPhysics::deltaRayPerMm(double kineticMeV, bool positron) const {
    return lookup(positron ? m_bhabha : m_moller, kineticMeV);
}
double MaterialPhysics::comptonPerMm(double photonMeV) const {
    return lookup(m_compton, photonMeV);
}
double MaterialPhysics::pairPerMm(double photonMeV) const {
    return photonMeV > 2.0 * m ? lookup(m_pair, photonMeV) : 0.0;
}
double MaterialPhysics::photoEffectPerMm(double photonMeV) const {
    return lookup(m_photo, photonMeV);
}

double MaterialPhysics::samplePairSplit(double photonMeV, twins::sdk::Random& random) const {
    // eps uniform on [eps0, 1/2], accepted with d sigma/d eps over its bound (screening only
    // lowers phi1 and phi2, so their unscreened values bound them), then either lepton gets it.
    const double eps0 = m / photonMeV;
    const double z = m_material->z;
    const double fc = photonMeV > 50.0 ? coulombCorrection(z) : 0.0;
    const double lnZ3 = std::log(z) / 3.0;
    const double bound =
        4.0 * fineStructure * classicalElectronRadiusMm * classicalElectronRadiusMm * z *
        (z + electronShare(z)) *
        ((screeningPhi1(0.0) / 4.0 - lnZ3 - fc) + (screeningPhi2(0.0) / 4.0 - lnZ3 - fc) / 6.0);
    // Within a few MeV of threshold the Born cross section with these screening fits is
    // negative (clamped to 0) over part or all of the range; the tabulated attenuation there is
    // then ~0 too, and the rare photon that converts splits uniformly, as GEANT does below 2 MeV.
    for (int attempt = 0; attempt < maxRejectionAttempts; ++attempt) {
        const double eps = eps0 + (0.5 - eps0) * random.uniform();
        if (random.uniform() * bound <= pairDifferential(*m_material, photonMeV, eps)) {
            return random.uniform() < 0.5 ? eps : 1.0 - eps;
        }
    }
    return eps0 + (1.0 - 2.0 * eps0) * random.uniform();
}

double MaterialPhysics::sampleBremsstrahlungPhoton(double kineticMeV,
                                                   twins::sdk::Random& random) const {
    // k from dk/k on [cut, T], accepted with k d sigma/dk over its value at k -> 0 without
    // screening times 2 (an upper bound: (1 + (1-y)^2) <= 2 and the second term is negative).
    const double total = kineticMeV + m;
    const double z = m_material->z;
    const double fc = total > 50.0 ? coulombCorrection(z) : 0.0;
    const double bound = 4.0 * fineStructure * classicalElectronRadiusMm *
                         classicalElectronRadiusMm * z * (z + electronShare(z)) * 2.0 *
                         (screeningPhi1(0.0) / 4.0 - std::log(z) / 3.0 - fc);
    const double logRange = std::log(kineticMeV / m_cuts.photonMeV);
    for (;;) {
        const double k = m_cuts.photonMeV * std::exp(logRange * random.uniform());
        if (random.uniform() * bound <= bremsstrahlungKTimesDifferential(*m_material, total, k)) {
            return k;
        }
    }
}

double MaterialPhysics::sampleComptonFraction(double photonMeV, double& cosTheta,
                                              twins::sdk::Random& random) const {
    // Klein-Nishina by Butcher & Messel's composition and rejection.
    const double kappa = photonMeV / m;
    const double eps0 = 1.0 / (1.0 + 2.0 * kappa);
    const double eps02 = eps0 * eps0;
    const double alpha1 = -std::log(eps0);
    const double alpha2 = alpha1 + 0.5 * (1.0 - eps02);
    for (;;) {
        double eps, eps2;
        if (alpha1 > alpha2 * random.uniform()) {
            eps = std::exp(-alpha1 * random.uniform());
            eps2 = eps * eps;
        } else {
            eps2 = eps02 + (1.0 - eps02) * random.uniform();
            eps = std::sqrt(eps2);
        }
        const double oneMinusCos = (1.0 - eps) / (eps * kappa);
        const double sin2 = oneMinusCos * (2.0 - oneMinusCos);
        if (1.0 - eps * sin2 / (1.0 + eps2) >= random.uniform()) {
            cosTheta = 1.0 - oneMinusCos;
            return eps;
        }
    }
}

double MaterialPhysics::sampleDeltaRay(double kineticMeV, bool positron,
                                       twins::sdk::Random& random) const {
    const double gamma = kineticMeV / m + 1.0;
    const double beta2 = 1.0 - 1.0 / (gamma * gamma);
    const double xmin = m_cuts.deltaRayMeV / kineticMeV;
    const double xmax = positron ? 1.0 : 0.5;
    // x from dx/x^2 on [xmin, xmax], accepted with the rest of the cross section.
    const auto sampleInverseSquare = [&]() {
        const double q = random.uniform();
        return xmin * xmax / (xmin * (1.0 - q) + xmax * q);
    };
    if (!positron) {
        const double gg = (2.0 * gamma - 1.0) / (gamma * gamma);
        const auto rest = [&](double x) {
            const double r = x / (1.0 - x);
            return 1.0 + r * r + (1.0 - gg) * x * x - gg * r;
        };
        const double bound = std::max(rest(xmin), rest(xmax));
        for (;;) {
            const double x = sampleInverseSquare();
            if (random.uniform() * bound <= rest(x)) {
                return x * kineticMeV;
            }
        }
    }
    const double y = 1.0 / (1.0 + gamma);
    const double y12 = 1.0 - 2.0 * y;
    const double b1 = 2.0 - y * y;
    const double b2 = y12 * (3.0 + y * y);
    const double b4 = y12 * y12 * y12;
    const double b3 = b4 + y12 * y12;
    for (;;) {
        const double x = sampleInverseSquare();
        // beta^2 x^2 times Bhabha's bracket; at most 1 for every gamma (the polynomial in x is
        // non-negative on [0, 1]).
        const double rest = 1.0 - beta2 * x * (b1 - x * (b2 - x * (b3 - x * b4)));
        if (random.uniform() <= rest) {
            return x * kineticMeV;
        }
    }
}

double sampleLeptonAngle(double totalMeV, twins::sdk::Random& random) {
    constexpr double a1 = 0.625;
    constexpr double a2 = 3.0 * a1;
    const double a = random.uniform() < 0.25 ? a1 : a2;
    const double u = -std::log(random.uniform() * random.uniform()) / a;
    return std::min(u * m / totalMeV, 3.141592653589793);
}

double highlandStepSigma(double momentumMeV, double beta, double pathBeforeX0, double stepX0) {
    const auto g = [&](double s) {
        if (s <= 0.0) {
            return 0.0;
        }
        const double bracket = std::max(0.0, 1.0 + 0.038 * std::log(s / (beta * beta)));
        return s * bracket * bracket;
    };
    const double increment = std::max(0.0, g(pathBeforeX0 + stepX0) - g(pathBeforeX0));
    return 13.6 / (beta * momentumMeV) * std::sqrt(increment);
}

} // namespace calo::cascade
