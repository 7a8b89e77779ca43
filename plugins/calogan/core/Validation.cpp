#include "Validation.h"

#include "ClassifierFeatures.h"
#include "ShowerFile.h"
#include "SimulationRun.h"
#include "twinbench/jobs/CpuState.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>

namespace calo {

namespace {

constexpr std::size_t blockShowers = 32;

// Summaries of the bins for one file, and its classifier sample (up to sampleShowers showers);
// `done` and `total` count showers over all files.
std::vector<BinSummary> summarise(const ShowerFileReader& file, const std::vector<EnergyBin>& bins,
                                  std::size_t sampleShowers, ClassifierSample& sample,
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
            const std::size_t event = first + i;
            const double energy = file.energies()[event];
            const double theta = file.thetas()[event];
            const float* shower = cells.data() + i * cellsPerShower;
            std::optional<ShowerObservables> observables;
            for (BinAccumulator& accumulator : accumulators) {
                if (accumulator.contains(energy)) {
                    if (!observables) {
                        observables = observe(shower, energy, theta);
                    }
                    accumulator.add(*observables, shower);
                }
            }
            const bool copy = event > 0 && file.energies()[event - 1] == energy &&
                              file.thetas()[event - 1] == theta;
            if (sample.size() < sampleShowers && !copy) {
                const auto row = classifierInput(shower, energy, theta);
                sample.rows.insert(sample.rows.end(), row.begin(), row.end());
                sample.energiesGeV.push_back(energy);
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

std::vector<ValidationResult> validateFiles(const std::string& referencePath,
                                            const std::vector<std::string>& candidatePaths,
                                            const std::vector<double>& centres, double halfWidth,
                                            std::size_t classifierShowers,
                                            const std::function<bool(double)>& progress) {
    const ShowerFileReader reference(referencePath);
    std::vector<std::unique_ptr<ShowerFileReader>> candidates;
    for (const std::string& path : candidatePaths) {
        candidates.push_back(std::make_unique<ShowerFileReader>(path));
    }
    std::vector<EnergyBin> bins;
    for (double centre : centres) {
        bins.push_back({centre - halfWidth, centre + halfWidth});
    }
    if (bins.empty()) {
        EnergyBin all{INFINITY, -INFINITY};
        std::vector<const std::vector<double>*> files{&reference.energies()};
        for (const auto& candidate : candidates) {
            files.push_back(&candidate->energies());
        }
        for (const auto* energies : files) {
            for (double energy : *energies) {
                all.low = std::min(all.low, energy);
                all.high = std::max(all.high, energy);
            }
        }
        bins.push_back(all);
    }
    std::size_t total = reference.events();
    for (const auto& candidate : candidates) {
        total += candidate->events();
    }
    ClassifierSample referenceSample;
    const auto referenceBins =
        summarise(reference, bins, classifierShowers, referenceSample, 0, total, progress);
    std::size_t done = reference.events();

    std::vector<ValidationResult> results;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        ValidationResult result;
        result.referenceSample = referenceSample;
        const auto candidateBins = summarise(*candidates[k], bins, classifierShowers,
                                             result.candidateSample, done, total, progress);
        done += candidates[k]->events();
        const std::string& candidatePath = candidatePaths[k];
        result.spreadRatioMin = INFINITY;
        result.spreadRatioMax = -INFINITY;
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
            const BinComparison& c = bin.comparison;
            const double n = double(bins.size());
            result.momentError += c.momentError / n;
            result.longitudinalError += c.longitudinalError / n;
            result.transverseError += c.transverseError / n;
            result.samplingFractionError += c.samplingFractionError / n;
            result.angleError += c.angleError / n;
            // std::max keeps a NaN out only when it comes second: a NaN bin makes the worst NaN.
            const auto worst = [](double& into, double value) {
                into = std::isnan(value) || std::isnan(into) ? NAN : std::max(into, value);
            };
            worst(result.longitudinalMaxError, c.longitudinalMaxError);
            worst(result.samplingFractionMaxError, c.samplingFractionError);
            worst(result.transverseMaxError, c.transverseError);
            worst(result.hitsMaxError, c.hitsError);
            worst(result.correlationMaxDifference, c.correlationMaxDifference);
            result.spreadRatioMax = std::isnan(c.spreadRatioMax)
                                        ? NAN
                                        : std::max(result.spreadRatioMax, c.spreadRatioMax);
            result.spreadRatioMin = std::isnan(c.spreadRatioMin)
                                        ? NAN
                                        : std::min(result.spreadRatioMin, c.spreadRatioMin);
            result.bins.push_back(std::move(bin));
        }
        result.score = result.momentError + result.longitudinalError + result.transverseError;
        results.push_back(std::move(result));
    }
    return results;
}

ValidationResult validateFiles(const std::string& referencePath, const std::string& candidatePath,
                               const std::vector<double>& centres, double halfWidth,
                               const std::function<bool(double)>& progress) {
    return validateFiles(referencePath, std::vector<std::string>{candidatePath}, centres, halfWidth,
                         0, progress)
        .front();
}

} // namespace calo
