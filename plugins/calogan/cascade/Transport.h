#pragma once

// The condensed-history transport of an electromagnetic cascade through a stack of slabs
// (planes perpendicular to z, unbounded in x and y). Photons: photo-effect, Compton scattering
// and pair production by their attenuation coefficients, absorbed where they are below the
// material's photon cut. Electrons and positrons: steps limited by the next discrete
// interaction (bremsstrahlung above the photon cut, Moller/Bhabha delta rays above the delta
// cut), by 20% of their energy lost continuously, by a tenth of the slab's thickness and by the
// slab boundary; the continuous loss
// (restricted collision loss plus the radiative loss below the photon cut) is spread with its
// Bohr variance and deposited at the middle of the step; Highland multiple scattering deflects
// and displaces each step; below the tracking cut they stop (positrons annihilate at rest).
// Secondaries are kept on a stack and followed to the end: the shower's shape comes from these
// interactions only.

#include "MaterialPhysics.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace calo::cascade {

struct Slab {
    double zLowMm = 0.0;
    double zHighMm = 0.0;
    const MaterialPhysics* physics = nullptr;
};

struct Particle {
    double x = 0.0, y = 0.0, z = 0.0;    // mm
    double ux = 0.0, uy = 0.0, uz = 1.0; // unit direction
    double energyMeV = 0.0;              // kinetic energy (photons: their energy)
    int charge = 0;                      // -1 electron, 0 photon, +1 positron
    int slab = 0;                        // index in the stack of slabs; -1 outside
    bool primary = false;                // the incident particle itself (not its secondaries)
    double pathX0 = 0.0;                 // path so far in radiation lengths (multiple scattering)
};

// Receives the energy the transport deposits and the particles that leave the slabs.
class Scorer {
public:
    virtual ~Scorer() = default;
    virtual void deposit(int slab, double x, double y, double z, double energyMeV) = 0;
    virtual void escape(const Particle&) {}
};

struct CascadeCancelled {};

class Transport {
public:
    // Slabs in increasing z, each starting where the previous ends.
    explicit Transport(std::vector<Slab> slabs, double lateralLimitMm = 1000.0);

    // Follows `primary` and all its secondaries. Polls `cancelled` every ~65,000 steps and
    // then throws CascadeCancelled. Returns the number of steps taken.
    std::uint64_t run(const Particle& primary, twins::sdk::Random& random, Scorer& scorer,
                      const std::function<bool()>& cancelled = {}) const;

    const std::vector<Slab>& slabs() const { return m_slabs; }

private:
    struct State;
    void lepton(Particle p, State& state) const;
    void photon(Particle p, State& state) const;
    double distanceToBoundary(const Particle& p) const;
    void crossBoundary(Particle& p) const;

    std::vector<Slab> m_slabs;
    double m_lateralLimitMm;
};

} // namespace calo::cascade
