#include "Transport.h"

#include "CrossSections.h"
#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace calo::cascade {

namespace {

constexpr double m = electronMassMeV;
constexpr double infinity = std::numeric_limits<double>::infinity();
// Largest share of its kinetic energy an electron loses continuously in one step.
constexpr double stepLossFraction = 0.2;
// Largest step as a share of the slab's thickness: electrons crossing a thin sensor at a
// grazing angle must meet multiple scattering several times inside it. Measured at 10 GeV in
// the calorimeter: the sampling fraction moves by 12% from no limit to 0.3, by 3% from 0.3 to
// 0.1 and by < 2% from 0.1 to 0.03 (within its statistical error).
constexpr double stepSlabFraction = 0.1;
// Largest plane deflection sigma (rad) of a step for which the small-angle lateral
// displacement is applied.
constexpr double displacementMaxSigma = 0.3;
constexpr std::uint64_t cancelPollSteps = 1 << 16;

// An orthonormal pair (e1, e2) perpendicular to the unit vector u.
void perpendicular(const Particle& p, double e1[3], double e2[3]) {
    if (std::abs(p.uz) < 0.9) {
        const double n = std::sqrt(p.ux * p.ux + p.uy * p.uy);
        e1[0] = p.uy / n, e1[1] = -p.ux / n, e1[2] = 0.0; // u x z
    } else {
        const double n = std::sqrt(p.uy * p.uy + p.uz * p.uz);
        e1[0] = 0.0, e1[1] = p.uz / n, e1[2] = -p.uy / n; // u x x
    }
    e2[0] = p.uy * e1[2] - p.uz * e1[1];
    e2[1] = p.uz * e1[0] - p.ux * e1[2];
    e2[2] = p.ux * e1[1] - p.uy * e1[0];
}

// Turns the direction of p by polar angle theta at azimuth phi around its current direction.
void deflect(Particle& p, double cosTheta, double phi) {
    double e1[3], e2[3];
    perpendicular(p, e1, e2);
    const double sinTheta = std::sqrt(std::max(0.0, 1.0 - cosTheta * cosTheta));
    const double c = sinTheta * std::cos(phi), s = sinTheta * std::sin(phi);
    double ux = cosTheta * p.ux + c * e1[0] + s * e2[0];
    double uy = cosTheta * p.uy + c * e1[1] + s * e2[1];
    double uz = cosTheta * p.uz + c * e1[2] + s * e2[2];
    const double n = std::sqrt(ux * ux + uy * uy + uz * uz);
    p.ux = ux / n, p.uy = uy / n, p.uz = uz / n;
}

// A secondary of `parent` leaving the interaction point with the given energy and angles.
Particle secondary(const Particle& parent, int charge, double energyMeV, double cosTheta,
                   double phi) {
    Particle child = parent;
    child.charge = charge;
    child.energyMeV = energyMeV;
    child.primary = false;
    child.pathX0 = 0.0;
    deflect(child, cosTheta, phi);
    return child;
}

} // namespace

struct Transport::State {
    twins::sdk::Random& random;
    Scorer& scorer;
    const std::function<bool()>& cancelled;
    std::vector<Particle> stack;
    std::uint64_t steps = 0;

    void step() {
        if (++steps % cancelPollSteps == 0 && cancelled && cancelled()) {
            throw CascadeCancelled{};
        }
    }
};

Transport::Transport(std::vector<Slab> slabs, double lateralLimitMm)
    : m_slabs(std::move(slabs)), m_lateralLimitMm(lateralLimitMm) {
    for (std::size_t i = 0; i < m_slabs.size(); ++i) {
        if (!m_slabs[i].physics || !(m_slabs[i].zHighMm > m_slabs[i].zLowMm) ||
            (i > 0 && m_slabs[i].zLowMm != m_slabs[i - 1].zHighMm)) {
            throw std::invalid_argument("cascade: slab " + std::to_string(i) +
                                        " has no material or does not follow the previous one");
        }
    }
}

std::uint64_t Transport::run(const Particle& primary, twins::sdk::Random& random, Scorer& scorer,
                             const std::function<bool()>& cancelled) const {
    State state{random, scorer, cancelled, {}, 0};
    state.stack.push_back(primary);
    while (!state.stack.empty()) {
        const Particle p = state.stack.back();
        state.stack.pop_back();
        if (p.charge == 0) {
            photon(p, state);
        } else {
            lepton(p, state);
        }
    }
    return state.steps;
}

double Transport::distanceToBoundary(const Particle& p) const {
    const Slab& slab = m_slabs[std::size_t(p.slab)];
    if (p.uz > 0.0) {
        return std::max(0.0, (slab.zHighMm - p.z) / p.uz);
    }
    if (p.uz < 0.0) {
        return std::max(0.0, (p.z - slab.zLowMm) / -p.uz);
    }
    return infinity;
}

void Transport::crossBoundary(Particle& p) const {
    const Slab& slab = m_slabs[std::size_t(p.slab)];
    if (p.uz > 0.0) {
        p.z = slab.zHighMm;
        p.slab = p.slab + 1 < int(m_slabs.size()) ? p.slab + 1 : -1;
    } else {
        p.z = slab.zLowMm;
        p.slab = p.slab - 1;
    }
}

void Transport::photon(Particle p, State& state) const {
    auto& random = state.random;
    for (;;) {
        state.step();
        if (p.slab < 0 || std::abs(p.x) > m_lateralLimitMm || std::abs(p.y) > m_lateralLimitMm) {
            state.scorer.escape(p);
            return;
        }
        const MaterialPhysics& physics = *m_slabs[std::size_t(p.slab)].physics;
        const double k = p.energyMeV;
        if (k <= physics.cuts().photonMeV) {
            state.scorer.deposit(p.slab, p.x, p.y, p.z, k);
            return;
        }
        const double photo = physics.photoEffectPerMm(k);
        const double compton = physics.comptonPerMm(k);
        const double pair = physics.pairPerMm(k);
        const double total = photo + compton + pair;
        const double s = random.exponential(1.0) / total;
        const double boundary = distanceToBoundary(p);
        if (s >= boundary) {
            p.x += boundary * p.ux, p.y += boundary * p.uy;
            crossBoundary(p);
            continue;
        }
        p.x += s * p.ux, p.y += s * p.uy, p.z += s * p.uz;
        const double which = random.uniform() * total;
        if (which < photo) {
            // The photo-electron takes the photon's energy (binding energy and fluorescence
            // neglected: both stay within ~0.1 mm in tungsten) along the photon's direction.
            p.charge = -1;
            p.primary = false;
            p.pathX0 = 0.0;
            state.stack.push_back(p);
            return;
        }
        const double phi = 2.0 * std::numbers::pi * random.uniform();
        if (which < photo + compton) {
            double cosTheta = 1.0;
            const double fraction = physics.sampleComptonFraction(k, cosTheta, random);
            const double scattered = fraction * k;
            const double electron = k - scattered;
            // Recoil electron direction from momentum conservation, opposite in azimuth.
            const double pe = std::sqrt(electron * (electron + 2.0 * m));
            const double cosElectron =
                pe > 0.0 ? std::clamp((k - scattered * cosTheta) / pe, -1.0, 1.0) : 1.0;
            if (electron > 0.0) {
                state.stack.push_back(
                    secondary(p, -1, electron, cosElectron, phi + std::numbers::pi));
            }
            deflect(p, cosTheta, phi);
            p.energyMeV = scattered;
            p.primary = false;
            continue;
        }
        const double eps = physics.samplePairSplit(k, random);
        const double electronTotal = eps * k, positronTotal = (1.0 - eps) * k;
        state.stack.push_back(secondary(p, -1, std::max(0.0, electronTotal - m),
                                        std::cos(sampleLeptonAngle(electronTotal, random)), phi));
        state.stack.push_back(secondary(p, +1, std::max(0.0, positronTotal - m),
                                        std::cos(sampleLeptonAngle(positronTotal, random)),
                                        phi + std::numbers::pi));
        return;
    }
}

void Transport::lepton(Particle p, State& state) const {
    auto& random = state.random;
    const bool positron = p.charge > 0;
    double mfpLeft = random.exponential(1.0); // mean free paths to the next discrete interaction
    for (;;) {
        state.step();
        if (p.slab < 0 || std::abs(p.x) > m_lateralLimitMm || std::abs(p.y) > m_lateralLimitMm) {
            state.scorer.escape(p);
            return;
        }
        const MaterialPhysics& physics = *m_slabs[std::size_t(p.slab)].physics;
        double t = p.energyMeV;
        if (t <= physics.cuts().electronTrackingMeV) {
            state.scorer.deposit(p.slab, p.x, p.y, p.z, t);
            if (positron) { // annihilation at rest: two photons back to back, isotropic
                Particle gamma = p;
                gamma.charge = 0;
                gamma.energyMeV = m;
                gamma.primary = false;
                const double cosTheta = 2.0 * random.uniform() - 1.0;
                const double phi = 2.0 * std::numbers::pi * random.uniform();
                deflect(gamma, cosTheta, phi);
                state.stack.push_back(gamma);
                gamma.ux = -gamma.ux, gamma.uy = -gamma.uy, gamma.uz = -gamma.uz;
                state.stack.push_back(gamma);
            }
            return;
        }
        const double loss = physics.continuousLoss(t, positron);
        const double discrete = physics.bremsstrahlungPerMm(t) + physics.deltaRayPerMm(t, positron);
        const double toInteraction = discrete > 0.0 ? mfpLeft / discrete : infinity;
        const Slab& slab = m_slabs[std::size_t(p.slab)];
        const double toStepLimit =
            std::min(stepLossFraction * t / loss, stepSlabFraction * (slab.zHighMm - slab.zLowMm));
        const double toBoundary = distanceToBoundary(p);
        const double s = std::min({toInteraction, toStepLimit, toBoundary});
        const bool atBoundary = toBoundary <= toInteraction && toBoundary <= toStepLimit;
        const bool interacts = !atBoundary && toInteraction <= toStepLimit;

        // Continuous loss: the mean at mid-step energy, spread as a Gamma distribution with
        // the Bohr variance (positive and skewed like the restricted Landau distribution).
        const double midEnergy = std::max(t - 0.5 * loss * s, 0.5 * t);
        const double mean = physics.continuousLoss(midEnergy, positron) * s;
        double lost = t;
        if (mean < t) {
            const double variance = restrictedLossVariance(physics.material(), midEnergy,
                                                           physics.cuts().deltaRayMeV, positron, s);
            lost = variance > 0.0 && mean > 0.0
                       ? random.gamma(mean * mean / variance, variance / mean)
                       : mean;
            lost = std::min(lost, t);
        }
        state.scorer.deposit(p.slab, p.x + 0.5 * s * p.ux, p.y + 0.5 * s * p.uy,
                             p.z + 0.5 * s * p.uz, lost);

        // Multiple scattering over the step, at the mid-step momentum.
        const double midMomentum = std::sqrt(midEnergy * (midEnergy + 2.0 * m));
        const double midBeta = midMomentum / (midEnergy + m);
        const double stepX0 = s / physics.highlandRadiationLengthMm();
        const double sigma = highlandStepSigma(midMomentum, midBeta, p.pathX0, stepX0);
        p.pathX0 += stepX0;
        const double z1 = random.normal(), z2 = random.normal();
        const double z3 = random.normal(), z4 = random.normal();
        const double thetaX = sigma * z2, thetaY = sigma * z4;
        double e1[3], e2[3];
        perpendicular(p, e1, e2);
        p.x += s * p.ux, p.y += s * p.uy, p.z += s * p.uz;
        if (atBoundary) {
            crossBoundary(p);
        } else if (sigma < displacementMaxSigma) {
            // Lateral displacement correlated with the deflection (PDG eq. 34.20), a
            // small-angle result, so only where the step's deflection is small; shortened to the
            // distance to the nearer face so it never carries the particle into the next slab.
            // (Clamping it at the face instead held electrons in the thin sensors: +70% signal.)
            const double u = s * sigma * (z1 / std::sqrt(12.0) + z2 / 2.0);
            const double v = s * sigma * (z3 / std::sqrt(12.0) + z4 / 2.0);
            const double d[3] = {u * e1[0] + v * e2[0], u * e1[1] + v * e2[1],
                                 u * e1[2] + v * e2[2]};
            const double length = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            const double margin = 1e-9 * (slab.zHighMm - slab.zLowMm);
            const double safety =
                std::max(0.0, std::min(p.z - slab.zLowMm, slab.zHighMm - p.z) - margin);
            const double scale = length > safety ? safety / length : 1.0;
            p.x += scale * d[0], p.y += scale * d[1], p.z += scale * d[2];
        }
        const double theta = std::sqrt(thetaX * thetaX + thetaY * thetaY);
        if (theta > 0.0) {
            deflect(p, std::cos(theta), std::atan2(thetaY, thetaX));
        }
        t -= lost;
        p.energyMeV = t;
        mfpLeft -= s * discrete;
        if (!interacts || t <= 0.0) {
            continue;
        }
        mfpLeft = random.exponential(1.0);
        if (p.slab < 0) {
            continue;
        }
        // The discrete interaction, chosen with the cross sections at the energy reached.
        const MaterialPhysics& here = *m_slabs[std::size_t(p.slab)].physics;
        const double brems = here.bremsstrahlungPerMm(t);
        const double delta = here.deltaRayPerMm(t, positron);
        if (brems + delta <= 0.0) {
            continue;
        }
        const double phi = 2.0 * std::numbers::pi * random.uniform();
        if (random.uniform() * (brems + delta) < brems) {
            const double k = here.sampleBremsstrahlungPhoton(t, random);
            state.stack.push_back(
                secondary(p, 0, k, std::cos(sampleLeptonAngle(t + m, random)), phi));
            p.energyMeV = t - k;
        } else {
            const double kinetic = here.sampleDeltaRay(t, positron, random);
            const double remaining = t - kinetic;
            // Two-body kinematics on a free electron at rest.
            const double cosDelta = std::sqrt(kinetic * (t + 2.0 * m) / (t * (kinetic + 2.0 * m)));
            const double cosPrimary =
                std::sqrt(remaining * (t + 2.0 * m) / (t * (remaining + 2.0 * m)));
            state.stack.push_back(secondary(p, -1, kinetic, std::min(cosDelta, 1.0), phi));
            deflect(p, std::min(cosPrimary, 1.0), phi + std::numbers::pi);
            p.energyMeV = remaining;
        }
    }
}

} // namespace calo::cascade
