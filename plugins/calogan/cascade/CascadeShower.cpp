#include "CascadeShower.h"

#include "Geometry.h"
#include "LongitudinalProfile.h"
#include "twinbench/jobs/CpuState.h"
#include "twinbench/sdk/Random.h"

#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <numbers>
#include <stdexcept>
#include <string>
#include <thread>

namespace calo::cascade {

namespace {

// Shower streams of the cascade are far from those of the parametrised reference and from
// the conditions' streams (SimulationRun.cpp) of the same seed.
constexpr std::uint64_t cascadeStream = 0x4000000000000000ULL;

// Silicon deposits into pads; every deposit inside the window into the shower's total.
class PadScorer : public Scorer {
public:
    PadScorer(std::vector<float>& cells, ShowerTruth& truth) : m_cells(cells), m_truth(truth) {}

    void deposit(int slab, double x, double y, double, double energyMeV) override {
        const int ix = static_cast<int>(std::floor(x / cellSizeMm + 0.5 * cellsX));
        const int iy = static_cast<int>(std::floor(y / cellSizeMm + 0.5 * cellsY));
        if (ix < 0 || ix >= cellsX || iy < 0 || iy >= cellsY) {
            return;
        }
        const double gev = 1e-3 * energyMeV;
        m_truth.depositedGeV += gev;
        if (slab % 2 == 1) { // odd slabs are the sensors
            m_cells[std::size_t(cellIndex(ix, iy, slab / 2))] += static_cast<float>(gev);
            m_truth.visibleGeV += gev;
        }
    }

private:
    std::vector<float>& m_cells;
    ShowerTruth& m_truth;
};

} // namespace

Cuts tungstenCuts() {
    return Cuts{0.5, 0.1, 0.2};
}
Cuts siliconCuts() {
    return Cuts{0.2, 0.01, 0.1};
}

CascadeShowerSimulator::CascadeShowerSimulator(std::uint64_t seed)
    : m_seed(seed), m_tungsten(std::make_unique<MaterialPhysics>(tungsten(), tungstenCuts())),
      m_silicon(std::make_unique<MaterialPhysics>(silicon(), siliconCuts())) {
    std::vector<Slab> slabs;
    for (int layer = 0; layer < layers; ++layer) {
        const double front = layer * layerPitchMm;
        slabs.push_back({front, front + absorberMm, m_tungsten.get()});
        slabs.push_back({front + absorberMm, front + layerPitchMm, m_silicon.get()});
    }
    m_transport = std::make_unique<Transport>(std::move(slabs));
}

CascadeShowerSimulator::~CascadeShowerSimulator() = default;

ShowerTruth CascadeShowerSimulator::simulate(const ShowerConditions& conditions,
                                             std::uint64_t eventIndex, std::vector<float>& cells,
                                             const std::function<bool()>& cancelled) const {
    const double energy = conditions.energyGeV;
    if (!(energy >= 2.0 && energy <= 500.0)) {
        throw std::invalid_argument("calo: energy " + std::to_string(energy) +
                                    " GeV is outside the twin's 2-500 GeV");
    }
    if (!(conditions.thetaDeg >= 60.0 && conditions.thetaDeg <= 120.0)) {
        throw std::invalid_argument("calo: theta " + std::to_string(conditions.thetaDeg) +
                                    " degrees is outside the twin's 60-120 degrees");
    }
    cells.assign(cellsPerShower, 0.0f);
    twins::jobs::clearAvxUpperState(); // see CpuState.h
    twins::sdk::Random random(twins::sdk::streamSeed(m_seed, cascadeStream + eventIndex));
    ShowerTruth truth;

    // The readout window is placed exactly as the parametrised reference places it (centred
    // where the axis reaches the mean depth of the maximum, the entry spread over one pad), so
    // files of both references line up pad for pad. It only positions the pads: no deposit
    // depends on it.
    const double theta = conditions.thetaDeg * std::numbers::pi / 180.0;
    const LongitudinalModel placement(energy, effectiveCriticalMeV, effectiveZ);
    const double meanMaxMm = placement.average().tmax * effectiveX0Mm;
    Particle electron;
    electron.x = -meanMaxMm * std::cos(theta) + (random.uniform() - 0.5) * cellSizeMm;
    electron.y = (random.uniform() - 0.5) * cellSizeMm;
    electron.z = 0.0;
    electron.ux = std::cos(theta);
    electron.uy = 0.0;
    electron.uz = std::sin(theta);
    electron.energyMeV = energy * 1e3 - electronMassMeV;
    electron.charge = -1;
    electron.slab = 0;
    electron.primary = true;

    PadScorer scorer(cells, truth);
    truth.spots = m_transport->run(electron, random, scorer, cancelled);
    return truth;
}

std::vector<ShowerTruth>
CascadeShowerSimulator::simulateBlock(const std::vector<ShowerConditions>& conditions,
                                      std::uint64_t first, std::vector<float>& cells, int threads,
                                      const std::function<bool()>& cancelled) const {
    const std::size_t count = conditions.size();
    cells.assign(count * cellsPerShower, 0.0f);
    std::vector<ShowerTruth> truths(count);
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    std::atomic<bool> stop{false};
    const auto work = [&]() {
        std::vector<float> shower;
        for (std::size_t i = next++; i < count && !stop; i = next++) {
            try {
                truths[i] = simulate(conditions[i], first + i, shower, cancelled);
                std::copy(shower.begin(), shower.end(), cells.begin() + i * cellsPerShower);
            } catch (...) {
                const std::lock_guard lock(failureMutex);
                if (!failure) {
                    failure = std::current_exception();
                }
                stop = true;
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::max(1, threads) && std::size_t(t) < count; ++t) {
        pool.emplace_back(work);
    }
    work();
    for (auto& thread : pool) {
        thread.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    return truths;
}

} // namespace calo::cascade
