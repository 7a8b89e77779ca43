#pragma once

// The materials of the particle-level reference (issue 23): the constants the cascade's cross
// sections need, from the PDG's "Atomic and nuclear properties of materials" tables (Z, A,
// density, radiation length, mean excitation energy, the Sternheimer density-effect parameters,
// critical energy and Moliere radius), and the photo-effect attenuation the photon transport
// uses (a power law through two values of the NIST XCOM photo-effect tables per element). The
// radiation length, critical energy and Moliere radius are kept for the tests to compare
// against: the transport itself never reads them.

namespace calo::cascade {

// Physical constants in MeV and mm (CODATA 2018).
inline constexpr double electronMassMeV = 0.51099895;
inline constexpr double classicalElectronRadiusMm = 2.8179403262e-12;
inline constexpr double fineStructure = 1.0 / 137.035999084;
inline constexpr double avogadro = 6.02214076e23;

struct Material {
    const char* name = "";
    double z = 0.0;
    double a = 0.0; // g/mol
    double densityGPerCm3 = 0.0;
    double radiationLengthGPerCm2 = 0.0; // PDG X0 (for the tests only)
    double criticalEnergyMeV = 0.0;      // PDG E_c for electrons (for the tests only)
    double moliereRadiusMm = 0.0;        // PDG R_M (for the tests only)
    double meanExcitationMeV = 0.0;      // I
    // Sternheimer's density-effect parameters (PDG table: -C, x0, x1, a, k, delta0).
    double densityC = 0.0;
    double densityX0 = 0.0;
    double densityX1 = 0.0;
    double densityA = 0.0;
    double densityK = 0.0;
    double densityDelta0 = 0.0;
    // Photo-effect mass attenuation (cm^2/g) tau(E) = tau1 (E / E1)^-n, n from (E1, tau1) and
    // (E2, tau2) of XCOM, valid above the K edge (photons below photonCutMeV are absorbed in
    // place, see CascadeCuts).
    double photoEnergy1MeV = 0.0;
    double photoTau1 = 0.0;
    double photoEnergy2MeV = 0.0;
    double photoTau2 = 0.0;

    double radiationLengthMm() const { return 10.0 * radiationLengthGPerCm2 / densityGPerCm3; }
    double atomsPerMm3() const { return 1e-3 * densityGPerCm3 * avogadro / a; }
    double electronsPerMm3() const { return z * atomsPerMm3(); }
};

const Material& tungsten();
const Material& silicon();

} // namespace calo::cascade
