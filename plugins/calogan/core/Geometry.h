#pragma once

// The CLIC-like Si/W sampling ECAL of the calorimeter GAN twin (issue 7) and the material
// constants of its absorber and sensor. Everything here is a compile-time constant: the
// simulator, the HDF5 attributes and the metrics read the same numbers.

namespace calo {

// Image shape of the original 3DGAN data: 51 x 51 pads of 5.1 mm, 25 layers (x, y, layer).
inline constexpr int cellsX = 51;
inline constexpr int cellsY = 51;
inline constexpr int layers = 25;
inline constexpr int cellsPerShower = cellsX * cellsY * layers;
inline constexpr double cellSizeMm = 5.1;

// PDG "Atomic and nuclear properties of materials": tungsten X0 = 3.504 mm, Moliere radius
// 9.327 mm, critical energy 7.97 MeV (electrons); silicon X0 = 93.70 mm, Moliere radius
// 49.44 mm, critical energy 40.19 MeV.
inline constexpr double tungstenX0Mm = 3.504;
inline constexpr double tungstenMoliereMm = 9.327;
inline constexpr double tungstenCriticalMeV = 7.97;
inline constexpr double tungstenZ = 74.0;
inline constexpr double siliconX0Mm = 93.70;
inline constexpr double siliconMoliereMm = 49.44;
inline constexpr double siliconCriticalMeV = 40.19;
inline constexpr double siliconZ = 14.0;
// Scale energy of multiple scattering, Es = m_e c^2 sqrt(4 pi / alpha) (PDG 34.4.2).
inline constexpr double scaleEnergyMeV = 21.2052;

// One layer: 3.5 mm of tungsten (1.0 X0) followed by a 0.5 mm silicon sensor. Uniform
// 1-X0 sampling keeps the layer index equal to the depth in radiation lengths, and 25 X0
// (the CLIC CDR ECAL has ~23 X0) holds the maximum of a 500 GeV shower (~11 X0) and all
// but a few percent of its energy.
inline constexpr double absorberMm = 3.5;
inline constexpr double sensorMm = 0.5;
inline constexpr double layerPitchMm = absorberMm + sensorMm;

// Effective medium of the sampling structure (Grindhammer & Peters 1993, sec. 2.3: a
// sampling calorimeter is treated as one homogeneous medium with averaged properties):
// 1/X0 and 1/RM are averaged with the volume fractions, Ec = Es X0 / RM. The 0.5 mm of
// silicon adds 12.5% of length but 0.5% of X0, so the mixture is a slightly diluted tungsten.
inline constexpr double absorberFraction = absorberMm / layerPitchMm;
inline constexpr double sensorFraction = sensorMm / layerPitchMm;
inline constexpr double effectiveX0Mm =
    1.0 / (absorberFraction / tungstenX0Mm + sensorFraction / siliconX0Mm);
inline constexpr double effectiveMoliereMm =
    1.0 / (absorberFraction / tungstenMoliereMm + sensorFraction / siliconMoliereMm);
inline constexpr double effectiveCriticalMeV = scaleEnergyMeV * effectiveX0Mm / effectiveMoliereMm;
// Z_eff weighted with the fractions of X0 (Grindhammer & Peters use mass fractions; the
// sensor's share of either is below 2%, so the difference is negligible).
inline constexpr double effectiveZ =
    (absorberFraction / tungstenX0Mm * tungstenZ + sensorFraction / siliconX0Mm * siliconZ) *
    effectiveX0Mm;
inline constexpr double layerThicknessX0 = layerPitchMm / effectiveX0Mm;

// Sampling fraction of minimum-ionising particles from PDG minimum dE/dx: tungsten
// 22.10 MeV/cm, silicon 3.876 MeV/cm.
inline constexpr double tungstenDedxMeVPerMm = 2.210;
inline constexpr double siliconDedxMeVPerMm = 0.3876;
inline constexpr double mipSamplingFraction =
    sensorMm * siliconDedxMeVPerMm /
    (sensorMm * siliconDedxMeVPerMm + absorberMm * tungstenDedxMeVPerMm);
// Electrons sample less than mips when the absorber has the higher Z (the soft photons of
// the shower tail are absorbed by photo-effect in tungsten): Grindhammer & Peters 1993,
// e/mip = 1 / (1 + 0.007 (Z_passive - Z_active)).
inline constexpr double electronToMip = 1.0 / (1.0 + 0.007 * (tungstenZ - siliconZ));
inline constexpr double samplingFraction = mipSamplingFraction * electronToMip;
// Stochastic term of the sampling fluctuations, sigma/E = a / sqrt(E/GeV). The CALICE Si-W
// ECAL prototype measured 16.5% (NIM A 608 (2009) 372) with 1.4/2.8/4.2 mm tungsten layers
// (2.8 mm on average); sampling fluctuations grow like sqrt(absorber thickness), so our
// 3.5 mm layers get 16.5% * sqrt(3.5 / 2.8) = 18%.
inline constexpr double stochasticTerm = 0.18;

} // namespace calo
