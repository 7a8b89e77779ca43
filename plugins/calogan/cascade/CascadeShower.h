#pragma once

// The particle-level reference of the calorimeter twin (issue 23): an electron of the given
// energy and angle followed through the CLIC-like Si/W stack of Geometry.h by the cascade
// transport (Transport.h), its silicon deposits read out in the 51 x 51 x 25 pads, in the same
// layout and with the same window placement as the parametrised ShowerSimulator, so the two
// references and the GAN write interchangeable shower files.

#include "ShowerSimulator.h"
#include "Transport.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace calo::cascade {

// The cuts of the calorimeter's two materials: in tungsten photons below 100 keV travel
// < 0.15 mm before photo-absorption and electrons below 200 keV < 0.05 mm; in silicon, 10 keV
// photons travel ~0.1 mm and 100 keV electrons ~0.07 mm. Delta rays are produced above
// 0.5 MeV (tungsten, range ~0.2 mm) and 0.2 MeV (silicon, range ~0.2 mm, below the sensor's
// 0.5 mm).
Cuts tungstenCuts();
Cuts siliconCuts();

class CascadeShowerSimulator {
public:
    explicit CascadeShowerSimulator(std::uint64_t seed);
    ~CascadeShowerSimulator();

    // Fills `cells` (cellsPerShower values) with shower `eventIndex` of this seed: the same
    // conditions range and cell layout as ShowerSimulator::simulate. truth.spots counts the
    // transport's steps. Throws CascadeCancelled when `cancelled` says so.
    ShowerTruth simulate(const ShowerConditions& conditions, std::uint64_t eventIndex,
                         std::vector<float>& cells,
                         const std::function<bool()>& cancelled = {}) const;

    // Showers [first, first + count) of `conditions` (one per shower) into `cells`
    // (count x cellsPerShower) on `threads` threads; the result does not depend on threads.
    std::vector<ShowerTruth> simulateBlock(const std::vector<ShowerConditions>& conditions,
                                           std::uint64_t first, std::vector<float>& cells,
                                           int threads,
                                           const std::function<bool()>& cancelled = {}) const;

    const Transport& transport() const { return *m_transport; }

private:
    std::uint64_t m_seed;
    std::unique_ptr<MaterialPhysics> m_tungsten, m_silicon;
    std::unique_ptr<Transport> m_transport;
};

} // namespace calo::cascade
