#include "CrossSections.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace calo::cascade {

namespace {

constexpr double m = electronMassMeV;
constexpr double re2 = classicalElectronRadiusMm * classicalElectronRadiusMm;
// GEANT and EGS apply the Coulomb correction only above 50 MeV: it is a high-energy result
// (Davies-Bethe-Maximon), and below it over-corrects the Born cross section.
constexpr double coulombCorrectionAboveMeV = 50.0;

// Tsai's radiation logarithms L_rad, L'_rad (Z > 4).
double radiationLog(double z) {
    return std::log(184.15 * std::pow(z, -1.0 / 3.0));
}
double radiationLogPrime(double z) {
    return std::log(1194.0 * std::pow(z, -2.0 / 3.0));
}

} // namespace

double electronShare(double z) {
    return radiationLogPrime(z) / (radiationLog(z) - coulombCorrection(z));
}

double coulombCorrection(double z) {
    const double a2 = std::pow(fineStructure * z, 2);
    return a2 *
           (1.0 / (1.0 + a2) + 0.20206 - 0.0369 * a2 + 0.0083 * a2 * a2 - 0.002 * a2 * a2 * a2);
}

double tsaiRadiationLengthMm(const Material& material) {
    const double z = material.z;
    const double perGram =
        4.0 * fineStructure * re2 * 1e-2 /* mm^2 -> cm^2 */ * avogadro / material.a *
        (z * z * (radiationLog(z) - coulombCorrection(z)) + z * radiationLogPrime(z));
    return 10.0 / (perGram * material.densityGPerCm3);
}

double screeningPhi1(double delta) {
    return delta <= 1.0 ? 20.867 - 3.242 * delta + 0.625 * delta * delta
                        : 21.12 - 4.184 * std::log(delta + 0.952);
}

double screeningPhi2(double delta) {
    return delta <= 1.0 ? 20.209 - 1.930 * delta - 0.086 * delta * delta
                        : 21.12 - 4.184 * std::log(delta + 0.952);
}

double pairDifferential(const Material& material, double photonMeV, double eps) {
    const double eps0 = m / photonMeV;
    if (eps <= eps0 || eps >= 1.0 - eps0) {
        return 0.0;
    }
    const double z = material.z;
    const double fc = photonMeV > coulombCorrectionAboveMeV ? coulombCorrection(z) : 0.0;
    const double delta = 136.0 * eps0 / (std::cbrt(z) * eps * (1.0 - eps));
    const double lnZ3 = std::log(z) / 3.0;
    const double a = screeningPhi1(delta) / 4.0 - lnZ3 - fc;
    const double b = screeningPhi2(delta) / 4.0 - lnZ3 - fc;
    const double value =
        (eps * eps + (1.0 - eps) * (1.0 - eps)) * a + 2.0 / 3.0 * eps * (1.0 - eps) * b;
    return std::max(0.0, 4.0 * fineStructure * re2 * z * (z + electronShare(z)) * value);
}

double bremsstrahlungKTimesDifferential(const Material& material, double totalMeV,
                                        double photonMeV) {
    const double y = photonMeV / totalMeV;
    if (y <= 0.0 || y >= 1.0) {
        return 0.0;
    }
    const double z = material.z;
    const double fc = totalMeV > coulombCorrectionAboveMeV ? coulombCorrection(z) : 0.0;
    const double delta = 136.0 * m * y / (std::cbrt(z) * totalMeV * (1.0 - y));
    const double lnZ3 = std::log(z) / 3.0;
    const double a = screeningPhi1(delta) / 4.0 - lnZ3 - fc;
    const double b = screeningPhi2(delta) / 4.0 - lnZ3 - fc;
    const double value = (1.0 + (1.0 - y) * (1.0 - y)) * a - 2.0 / 3.0 * (1.0 - y) * b;
    return std::max(0.0, 4.0 * fineStructure * re2 * z * (z + electronShare(z)) * value);
}

double kleinNishinaPerElectron(double photonMeV) {
    const double k = photonMeV / m;
    const double l = std::log1p(2.0 * k);
    const double value = (1.0 + k) / (k * k) * (2.0 * (1.0 + k) / (1.0 + 2.0 * k) - l / k) +
                         l / (2.0 * k) - (1.0 + 3.0 * k) / ((1.0 + 2.0 * k) * (1.0 + 2.0 * k));
    return 2.0 * std::numbers::pi * re2 * value;
}

double photoEffectPerMm(const Material& material, double photonMeV) {
    const double n = std::log(material.photoTau1 / material.photoTau2) /
                     std::log(material.photoEnergy2MeV / material.photoEnergy1MeV);
    const double tau = material.photoTau1 * std::pow(photonMeV / material.photoEnergy1MeV, -n);
    return 0.1 * tau * material.densityGPerCm3;
}

double mollerPerElectron(double kineticMeV, double cutMeV) {
    if (kineticMeV <= 2.0 * cutMeV) {
        return 0.0;
    }
    const double gamma = kineticMeV / m + 1.0;
    const double beta2 = 1.0 - 1.0 / (gamma * gamma);
    const double gg = (2.0 * gamma - 1.0) / (gamma * gamma);
    const double xmin = cutMeV / kineticMeV;
    const double xmax = 0.5;
    const double integral =
        (xmax - xmin) * (1.0 - gg + 1.0 / (xmin * xmax) + 1.0 / ((1.0 - xmin) * (1.0 - xmax))) -
        gg * std::log(xmax * (1.0 - xmin) / (xmin * (1.0 - xmax)));
    return 2.0 * std::numbers::pi * re2 * m / (beta2 * kineticMeV) * integral;
}

double bhabhaPerElectron(double kineticMeV, double cutMeV) {
    if (kineticMeV <= cutMeV) {
        return 0.0;
    }
    const double gamma = kineticMeV / m + 1.0;
    const double beta2 = 1.0 - 1.0 / (gamma * gamma);
    const double y = 1.0 / (1.0 + gamma);
    const double y12 = 1.0 - 2.0 * y;
    const double b1 = 2.0 - y * y;
    const double b2 = y12 * (3.0 + y * y);
    const double b4 = y12 * y12 * y12;
    const double b3 = b4 + y12 * y12;
    const double xmin = cutMeV / kineticMeV;
    const double xmax = 1.0;
    const double integral =
        (xmax - xmin) * (1.0 / (beta2 * xmin * xmax) + b2 - 0.5 * b3 * (xmin + xmax) +
                         b4 * (xmin * xmin + xmin * xmax + xmax * xmax) / 3.0) -
        b1 * std::log(xmax / xmin);
    return 2.0 * std::numbers::pi * re2 * m / kineticMeV * integral;
}

double densityEffect(const Material& material, double betaGamma) {
    const double x = std::log10(betaGamma);
    const double twoLn10 = 2.0 * std::numbers::ln10;
    if (x >= material.densityX1) {
        return twoLn10 * x - material.densityC;
    }
    if (x >= material.densityX0) {
        return twoLn10 * x - material.densityC +
               material.densityA * std::pow(material.densityX1 - x, material.densityK);
    }
    return material.densityDelta0 * std::pow(10.0, 2.0 * (x - material.densityX0));
}

double restrictedCollisionLoss(const Material& material, double kineticMeV, double cutMeV,
                               bool positron) {
    const double tau = kineticMeV / m;
    const double gamma = tau + 1.0;
    const double beta2 = tau * (tau + 2.0) / (gamma * gamma);
    const double excitation = material.meanExcitationMeV / m;
    const double delta = densityEffect(material, std::sqrt(tau * (tau + 2.0)));
    double bracket = std::log(2.0 * (tau + 2.0) / (excitation * excitation)) - delta;
    if (!positron) {
        const double d = std::min(cutMeV, 0.5 * kineticMeV) / m;
        bracket += -1.0 - beta2 + std::log((tau - d) * d) + tau / (tau - d) +
                   (0.5 * d * d + (2.0 * tau + 1.0) * std::log1p(-d / tau)) / (gamma * gamma);
    } else {
        const double d = std::min(cutMeV, kineticMeV) / m;
        const double y = 1.0 / (1.0 + gamma);
        const double d2 = 0.5 * d * d;
        const double d3 = d2 * d / 1.5;
        const double d4 = d3 * d * 0.75;
        bracket += std::log(tau * d) -
                   beta2 *
                       (tau + 2.0 * d - y * (3.0 * d2 + y * (d - d3 + y * (d2 - tau * d3 + d4)))) /
                       tau;
    }
    const double loss =
        2.0 * std::numbers::pi * re2 * m * material.electronsPerMm3() / beta2 * bracket;
    return std::max(0.0, loss);
}

double restrictedLossVariance(const Material& material, double kineticMeV, double cutMeV,
                              bool positron, double pathMm) {
    const double gamma = kineticMeV / m + 1.0;
    const double beta2 = 1.0 - 1.0 / (gamma * gamma);
    const double upper = std::min(cutMeV, positron ? kineticMeV : 0.5 * kineticMeV);
    return 2.0 * std::numbers::pi * re2 * m * material.electronsPerMm3() * pathMm * upper *
           (1.0 - 0.5 * beta2) / beta2;
}

} // namespace calo::cascade
