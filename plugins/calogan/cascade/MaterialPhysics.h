#pragma once

// One material's physics for the cascade's transport: the cross sections of CrossSections.h
// tabulated on a logarithmic energy grid at the material's cuts (so a step costs a few table
// look-ups), and the samplers of the final states (pair energy split, bremsstrahlung photon
// energy, Compton scattering, delta rays, multiple-scattering deflection).

#include "Materials.h"

#include <vector>

namespace twins::sdk {
class Random;
}

namespace calo::cascade {

// Production and tracking thresholds of one material (the condensed history's cuts).
struct Cuts {
    double deltaRayMeV = 0.5;         // Moller/Bhabha electrons above this are produced
    double photonMeV = 0.1;           // bremsstrahlung photons above this are produced; photons
                                      // below it are absorbed where they are
    double electronTrackingMeV = 0.2; // e+- below this stop and deposit where they are
};

class MaterialPhysics {
public:
    MaterialPhysics(const Material& material, const Cuts& cuts);

    const Material& material() const { return *m_material; }
    const Cuts& cuts() const { return m_cuts; }
    double highlandRadiationLengthMm() const { return m_radiationLengthMm; }

    // Continuous loss (MeV/mm): restricted collision loss plus the radiative loss to photons
    // below the photon cut.
    double continuousLoss(double kineticMeV, bool positron) const;
    // Macroscopic cross sections (1/mm) of the discrete processes of e+-.
    double bremsstrahlungPerMm(double kineticMeV) const;
    double deltaRayPerMm(double kineticMeV, bool positron) const;
    // Photon attenuation coefficients (1/mm).
    double comptonPerMm(double photonMeV) const;
    double pairPerMm(double photonMeV) const;
    double photoEffectPerMm(double photonMeV) const;

    // Samplers. eps: the electron's share of the photon's energy (total energies).
    double samplePairSplit(double photonMeV, twins::sdk::Random& random) const;
    double sampleBremsstrahlungPhoton(double kineticMeV, twins::sdk::Random& random) const;
    // Compton: the scattered photon's energy fraction; cosTheta of the photon.
    double sampleComptonFraction(double photonMeV, double& cosTheta,
                                 twins::sdk::Random& random) const;
    // Delta ray kinetic energy (MeV) for a primary of kineticMeV.
    double sampleDeltaRay(double kineticMeV, bool positron, twins::sdk::Random& random) const;

private:
    double lookup(const std::vector<double>& table, double energyMeV) const;

    const Material* m_material;
    Cuts m_cuts;
    double m_radiationLengthMm;
    std::vector<double> m_lossElectron, m_lossPositron, m_brems, m_moller, m_bhabha;
    std::vector<double> m_compton, m_pair, m_photo;
};

// Lepton polar angle of pair production and bremsstrahlung: theta = u m / E with u drawn from
// Tsai's distribution as EGS approximates it: u ~ -ln(r1 r2) / a with a = 0.625 (probability
// 1/4) or 3 * 0.625.
double sampleLeptonAngle(double totalMeV, twins::sdk::Random& random);

// Multiple scattering over a step by the Highland formula applied to the whole path travelled
// so far: the variance added by a step from path s to s + ds (in radiation lengths) is
// theta0(s + ds)^2 - theta0(s)^2, so the summed deflection of a track follows Highland for its
// total path (the formula is for a whole thickness; applied per step it would depend on the
// step size). Returns the plane angle's sigma (rad) for this step.
double highlandStepSigma(double momentumMeV, double beta, double pathBeforeX0, double stepX0);

} // namespace calo::cascade
