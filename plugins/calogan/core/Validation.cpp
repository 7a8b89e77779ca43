#include "Validation.h"

#include "ShowerFile.h"
#include "SimulationRun.h"
#include "twinbench/jobs/CpuState.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace calo {

namespace {

constexpr std::size_t blockShowers = 32;

// Summaries of the bins for one file; `done` and `total` count showers over both files.
std::vector<BinSummary> summarise(const ShowerFileReader& file, const std::vector<EnergyBin>& bins,
                                  std::size_t done, std::size_t total,
                                  const std::function<bool(double)>& progress) {
    std::vector<BinAccumulator> accumulators;
    for (const EnergyBin& bin : bins) {
        accumulators.emplace_back(bin.low, bin.high);
    }
    std::vector<float> cells;
    for (std::size_t first = 0; first < file.events(); first += blockShowers) {
        const std::size_t count = std::min(blockShowers, file.events() - first);
        file.read(first, count, cells);
        twins::jobs::clearAvxUpperState(); // see CpuState.h
        for (std::size_t i = 0; i < count; ++i) {
            const double energy = file.energies()[first + i];
            const float* shower = cells.data() + i * cellsPerShower;
            std::optional<ShowerObservables> observables;
            for (BinAccumulator& accumulator : accumulators) {
                if (accumulator.contains(energy)) {
                    if (!observables) {
                        observables = observe(shower, energy, file.thetas()[first + i]);
                    }
                    accumulator.add(*observables, shower);
                }
            }
        }
        if (progress && !progress(double(done + first + count) / double(total))) {
            throw SimulationCancelled{};
        }
    }
    std::vector<BinSummary> summaries;
    for (const BinAccumulator& accumulator : accumulators) {
        summaries.push_back(accumulator.finish());
    }
    return summaries;
}

} // namespace

ValidationResult validateFiles(const std::string& referencePath, const std::string& candidatePath,
                               const std::vector<double>& centres, double halfWidth,
                               const std::function<bool(double)>& progress) {
    const ShowerFileReader reference(referencePath);
    const ShowerFileReader candidate(candidatePath);
    std::vector<EnergyBin> bins;
    for (double centre : centres) {
        bins.push_back({centre - halfWidth, centre + halfWidth});
    }
    if (bins.empty()) {
        EnergyBin all{INFINITY, -INFINITY};
        for (const auto* energies : {&reference.energies(), &candidate.energies()}) {
            for (double energy : *energies) {
                all.low = std::min(all.low, energy);
                all.high = std::max(all.high, energy);
            }
        }
        bins.push_back(all);
    }
    const std::size_t total = reference.events() + candidate.events();
    const auto referenceBins = summarise(reference, bins, 0, total, progress);
    const auto candidateBins = summarise(candidate, bins, reference.events(), total, progress);

    ValidationResult result;
    for (std::size_t b = 0; b < bins.size(); ++b) {
        for (const auto& [summary, path] : {std::pair{&referenceBins[b], &referencePath},
                                            std::pair{&candidateBins[b], &candidatePath}}) {
            if (summary->showers == 0) {
                throw std::invalid_argument(*path + " has no shower with energy in " +
                                            std::to_string(bins[b].low) + " - " +
                                            std::to_string(bins[b].high) +
                                            " GeV (set energy_bins to energies "
                                            "both files hold)");
            }
        }
        BinResult bin{bins[b], referenceBins[b], candidateBins[b],
                      compare(referenceBins[b], candidateBins[b])};
        const double n = double(bins.size());
        result.momentError += bin.comparison.momentError / n;
        result.longitudinalError += bin.comparison.longitudinalError / n;
        result.transverseError += bin.comparison.transverseError / n;
        result.samplingFractionError += bin.comparison.samplingFractionError / n;
        result.angleError += bin.comparison.angleError / n;
        result.longitudinalMaxError =
            std::max(result.longitudinalMaxError, bin.comparison.longitudinalMaxError);
        result.samplingFractionMaxError =
            std::max(result.samplingFractionMaxError, bin.comparison.samplingFractionError);
        result.bins.push_back(std::move(bin));
    }
    result.score = result.momentError + result.longitudinalError + result.transverseError;
    return result;
}

} // namespace calo
