#pragma once

// The Monte Carlo reference of the calorimeter twin: a GFlash-style parametrised
// electromagnetic shower (Grindhammer & Peters 1993) in the Si/W ECAL of Geometry.h.
// Per shower: draw the correlated (T, alpha) of its longitudinal Gamma profile, then deposit
// "spots" (energy quanta) at depths drawn from that profile and radii drawn from the
// core/tail radial function at tau = t / T, along an axis tilted by the polar angle theta,
// and record the energy each spot leaves in the silicon (sampling fraction and sampling
// fluctuations) in its cell.

#include "LongitudinalProfile.h"

#include <cstdint>
#include <vector>

namespace calo {

struct ShowerConditions {
    double energyGeV = 100.0; // primary electron/photon energy
    double thetaDeg = 90.0;   // polar angle to the beam axis; 90 = perpendicular to the layers
};

// What the simulator knows about one shower besides its cells (for tests and diagnostics).
struct ShowerTruth {
    GammaShape shape;          // this shower's longitudinal parameters
    std::uint64_t spots = 0;   // spots generated
    double visibleGeV = 0.0;   // energy seen by the silicon inside the 51x51x25 window
    double depositedGeV = 0.0; // shower energy (absorber + sensor) inside the window
};

// Cells are stored as in the HDF5 images: index (x * cellsY + y) * layers + layer, x along
// the beam direction (the direction theta tilts the shower to), values in GeV of visible
// (silicon) energy.
inline constexpr int cellIndex(int x, int y, int layer) {
    return (x * 51 + y) * 25 + layer;
}

class ShowerSimulator {
public:
    explicit ShowerSimulator(std::uint64_t seed) : m_seed(seed) {}

    // Fills `cells` (cellsPerShower values, overwritten) with shower `eventIndex` of this
    // seed. Throws std::invalid_argument for conditions outside 2-500 GeV, 60-120 degrees.
    ShowerTruth simulate(const ShowerConditions& conditions, std::uint64_t eventIndex,
                         std::vector<float>& cells) const;

    // Mean number of spots: the spots' energies are exponentially distributed and their
    // number Poisson, so sigma/E = sqrt(2 / N); N = 2 E / a^2 reproduces the stochastic term
    // a / sqrt(E) of the sampling fluctuations.
    static double meanSpots(double energyGeV);

private:
    std::uint64_t m_seed;
};

} // namespace calo
