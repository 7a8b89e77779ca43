#include "SimulationRun.h"

#include "CascadeShower.h"
#include "Geometry.h"
#include "ShowerFile.h"
#include "twinbench/jobs/CpuState.h"
#include "twinbench/sdk/ProcessClock.h"
#include "twinbench/sdk/Random.h"

#include <chrono>
#include <ctime>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace calo {

namespace {

double threadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
}

// Condition streams live far from the shower streams (event indices) of the same seed.
constexpr std::uint64_t conditionStream = 0x8000000000000000ULL;
// 16 showers (4 MB of cells) per block: small enough to check cancellation every ~0.1 s at
// 500 GeV, large enough that HDF5 calls cost nothing.
constexpr std::size_t blockShowers = 16;
} // namespace

ShowerConditions conditionsFor(const SimulationPlan& plan, std::size_t event) {
    twins::sdk::Random random(twins::sdk::streamSeed(plan.seed, conditionStream + event));
    ShowerConditions conditions;
    const double u = random.uniform();
    conditions.energyGeV = plan.energiesGeV.empty()
                               ? plan.energyMinGeV + (plan.energyMaxGeV - plan.energyMinGeV) * u
                               : plan.energiesGeV[event % plan.energiesGeV.size()];
    conditions.thetaDeg =
        plan.thetaMinDeg + (plan.thetaMaxDeg - plan.thetaMinDeg) * random.uniform();
    return conditions;
}

std::vector<double> parseNumberList(const std::string& text) {
    std::vector<double> numbers;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        const auto first = item.find_first_not_of(" \t");
        if (first == std::string::npos) {
            continue;
        }
        std::size_t used = 0;
        double value = 0.0;
        try {
            value = std::stod(item.substr(first), &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || item.find_first_not_of(" \t", first + used) != std::string::npos) {
            throw std::invalid_argument("'" + item + "' in '" + text + "' is not a number");
        }
        numbers.push_back(value);
    }
    return numbers;
}

namespace {

// The cascade reference: blocks of a few showers per thread (a 200 GeV shower takes ~0.5 s),
// cancellation polled inside the showers as well as between blocks.
SimulationSummary simulateCascadeToFile(const SimulationPlan& plan, const std::string& path,
                                        const ProgressCallback& progress) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    ShowerFileWriter file(path, plan.events, plan.seed,
                          "twinbench calogan simulate (particle-level electromagnetic cascade "
                          "in condensed history: Bethe-Heitler pair production and "
                          "bremsstrahlung with screening, Klein-Nishina, photo-effect, "
                          "Berger-Seltzer restricted loss, Moller/Bhabha, Highland scattering)");
    const cascade::CascadeShowerSimulator simulator(plan.seed);
    const int threads = twins::jobs::usableCores(plan.threads);
    const std::size_t block = 2 * std::size_t(std::max(1, threads));
    SimulationSummary summary;
    std::vector<float> cells;
    std::vector<ShowerConditions> conditions;
    std::vector<double> energies, thetas;
    for (std::size_t first = 0; first < plan.events; first += block) {
        const std::size_t count = std::min(block, plan.events - first);
        conditions.clear();
        energies.resize(count);
        thetas.resize(count);
        for (std::size_t i = 0; i < count; ++i) {
            conditions.push_back(conditionsFor(plan, first + i));
            energies[i] = conditions.back().energyGeV;
            thetas[i] = conditions.back().thetaDeg * std::numbers::pi / 180.0;
        }
        const auto blockStart = Clock::now();
        const double blockCpuStart = twins::sdk::processCpuSeconds();
        std::vector<ShowerTruth> truths;
        try {
            truths = simulator.simulateBlock(conditions, first, cells, threads, plan.cancelled);
        } catch (const cascade::CascadeCancelled&) {
            throw SimulationCancelled{};
        }
        summary.seconds += std::chrono::duration<double>(Clock::now() - blockStart).count();
        summary.cpuSeconds += twins::sdk::processCpuSeconds() - blockCpuStart;
        for (std::size_t i = 0; i < count; ++i) {
            summary.meanSamplingFraction += truths[i].visibleGeV / energies[i];
        }
        file.write(first, count, cells.data(), energies.data(), thetas.data());
        if (plan.blockWritten) {
            plan.blockWritten({first / block, (plan.events + block - 1) / block, first, count,
                               cells.data(), energies.data(), thetas.data()});
        }
        if (progress && !progress(first + count, plan.events)) {
            throw SimulationCancelled{};
        }
    }
    file.commit();
    summary.meanSamplingFraction /= double(std::max<std::size_t>(plan.events, 1));
    summary.totalSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
}

} // namespace

SimulationSummary simulateToFile(const SimulationPlan& plan, const std::string& path,
                                 const ProgressCallback& progress) {
    if (plan.reference == ReferenceModel::Cascade) {
        return simulateCascadeToFile(plan, path, progress);
    }
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    ShowerFileWriter file(path, plan.events, plan.seed,
                          "twinbench calogan simulate (GFlash-style parametrised shower, "
                          "Grindhammer & Peters 1993)");
    const ShowerSimulator simulator(plan.seed);
    SimulationSummary summary;
    std::vector<float> block;
    std::vector<float> cells;
    std::vector<double> energies, thetas;
    for (std::size_t first = 0; first < plan.events; first += blockShowers) {
        const std::size_t count = std::min(blockShowers, plan.events - first);
        block.resize(count * cellsPerShower);
        energies.resize(count);
        thetas.resize(count);
        const auto blockStart = Clock::now();
        const double blockCpuStart = threadCpuSeconds();
        for (std::size_t i = 0; i < count; ++i) {
            const ShowerConditions conditions = conditionsFor(plan, first + i);
            const ShowerTruth truth = simulator.simulate(conditions, first + i, cells);
            std::copy(cells.begin(), cells.end(), block.begin() + i * cellsPerShower);
            energies[i] = conditions.energyGeV;
            thetas[i] = conditions.thetaDeg * std::numbers::pi / 180.0;
            summary.meanSamplingFraction += truth.visibleGeV / conditions.energyGeV;
        }
        summary.seconds += std::chrono::duration<double>(Clock::now() - blockStart).count();
        summary.cpuSeconds += threadCpuSeconds() - blockCpuStart;
        file.write(first, count, block.data(), energies.data(), thetas.data());
        if (plan.blockWritten) {
            plan.blockWritten({first / blockShowers,
                               (plan.events + blockShowers - 1) / blockShowers, first, count,
                               block.data(), energies.data(), thetas.data()});
        }
        if (progress && !progress(first + count, plan.events)) {
            throw SimulationCancelled{};
        }
    }
    file.commit();
    summary.meanSamplingFraction /= double(std::max<std::size_t>(plan.events, 1));
    summary.totalSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
}

} // namespace calo
