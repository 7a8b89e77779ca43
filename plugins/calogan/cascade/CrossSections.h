#pragma once

// The cross sections and stopping powers of the electromagnetic cascade, per material, from the
// formulas (no tabulated shower constants). Energies in MeV, lengths in mm, cross sections in
// mm^2. References: Tsai, Rev. Mod. Phys. 46 (1974) 815 (bremsstrahlung and pair production
// with screening, Coulomb correction); Butcher & Messel, Nucl. Phys. 20 (1960) 15 (screening
// functions); PDG Review "Passage of particles through matter" (Klein-Nishina, Moller, Bhabha,
// Berger-Seltzer restricted stopping power, Sternheimer density effect).

#include "Materials.h"

namespace calo::cascade {

// Coulomb correction f(Z) (Davies, Bethe & Maximon; PDG eq. for X0).
double coulombCorrection(double z);

// xi of Tsai: the atomic electrons' share of bremsstrahlung and pair production relative to
// the nucleus', so cross sections scale with Z(Z + xi).
double electronShare(double z);

// Radiation length in mm from Tsai's complete-screening formula (the one the PDG tabulates);
// the transport uses it only as the unit of the Highland multiple-scattering formula.
double tsaiRadiationLengthMm(const Material& material);

// Pair production by a photon of energy k: d sigma / d eps per atom, eps = total energy of
// one lepton / k, in [m/k, 1 - m/k]: Bethe-Heitler with Butcher-Messel screening functions,
// Coulomb correction above 50 MeV and the atomic electrons' share Z(Z + xi) (Tsai).
double pairDifferential(const Material& material, double photonMeV, double eps);

// Bremsstrahlung of an electron of total energy E emitting a photon of energy k:
// k d sigma / d k per atom (mm^2), with the same screening and corrections.
double bremsstrahlungKTimesDifferential(const Material& material, double totalMeV,
                                        double photonMeV);

// Klein-Nishina total cross section per electron.
double kleinNishinaPerElectron(double photonMeV);

// Photo-effect attenuation coefficient (1/mm): the XCOM power law of Materials.h.
double photoEffectPerMm(const Material& material, double photonMeV);

// Delta-ray production above `cutMeV` per target electron: Moller for electrons (identical
// particles: the delta is the slower one, cut < T/2), Bhabha for positrons.
double mollerPerElectron(double kineticMeV, double cutMeV);
double bhabhaPerElectron(double kineticMeV, double cutMeV);

// Sternheimer density-effect correction delta at beta*gamma.
double densityEffect(const Material& material, double betaGamma);

// Restricted collision stopping power (MeV/mm) for energy transfers below `cutMeV`
// (Berger-Seltzer, as in the PDG review and GEANT): the continuous loss of the condensed history.
double restrictedCollisionLoss(const Material& material, double kineticMeV, double cutMeV,
                               bool positron);

// Bohr variance (MeV^2) of the restricted collision loss over `pathMm`, transfers below `cutMeV`.
double restrictedLossVariance(const Material& material, double kineticMeV, double cutMeV,
                              bool positron, double pathMm);

// The Butcher-Messel screening functions phi1, phi2 (Tsai's form) at screening variable delta.
double screeningPhi1(double delta);
double screeningPhi2(double delta);

} // namespace calo::cascade
