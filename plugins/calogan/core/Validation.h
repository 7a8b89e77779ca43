#pragma once

// The `validate` comparison without Qt: two showers files (reference, candidate), the same
// energy bins on both, per-bin summaries and their comparison, and a scalar summary.

#include "ShowerMetrics.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace calo {

struct EnergyBin {
    double low = 0.0, high = 0.0;
};

// Bins centred on `centres` +- halfWidth; with no centres, one bin holding every shower of
// both files (the files' smallest to largest energy).
struct BinResult {
    EnergyBin bin;
    BinSummary reference, candidate;
    BinComparison comparison;
};

// The inputs of the classifier two-sample test drawn from one file (classifierInput rows of
// ClassifierFeatures.h, in file order) and each row's primary energy, for AUCs per bin.
struct ClassifierSample {
    std::vector<float> rows; // showers x classifierInputCount
    std::vector<double> energiesGeV;
    std::size_t size() const { return energiesGeV.size(); }
};

struct ValidationResult {
    std::vector<BinResult> bins;
    // Means over the bins: the scalar summary of the issue (relative moment, profile and
    // angle errors); `score` is moment + longitudinal + transverse profile error.
    double momentError = 0.0, longitudinalError = 0.0, transverseError = 0.0;
    double samplingFractionError = 0.0, angleError = 0.0, score = 0.0;
    // Largest over the bins: per-layer longitudinal and sampling-fraction differences (the
    // issue's acceptance is judged per bin, so the worst bin decides).
    double longitudinalMaxError = 0.0, samplingFractionMaxError = 0.0;
    // Also the worst bin's (issue 23's targets): transverse profile and hit multiplicity
    // errors, the smallest and largest spread ratio and the largest layer-correlation
    // difference over the 95% layers.
    double transverseMaxError = 0.0, hitsMaxError = 0.0;
    double spreadRatioMin = 0.0, spreadRatioMax = 0.0, correlationMaxDifference = 0.0;
    // The classifier test's showers of the reference and of this candidate.
    ClassifierSample referenceSample, candidateSample;
};

// progress(fraction) is called between blocks of showers and returns false to stop, upon
// which validateFiles throws SimulationCancelled (SimulationRun.h). Throws
// std::invalid_argument when a bin is empty in either file (naming the bin and the file).
ValidationResult validateFiles(const std::string& referencePath, const std::string& candidatePath,
                               const std::vector<double>& centres, double halfWidth,
                               const std::function<bool(double)>& progress);

// Several candidates against one reference (read once), one result each. Up to
// classifierShowers showers of every file go to the classifier samples, in file order, each
// shower with conditions of its own: a shower whose energy and angle equal the previous
// one's (generate's showers_per_condition copies) is left out, so the two samples' conditions
// are drawn alike. 0: no samples.
std::vector<ValidationResult> validateFiles(const std::string& referencePath,
                                            const std::vector<std::string>& candidatePaths,
                                            const std::vector<double>& centres, double halfWidth,
                                            std::size_t classifierShowers,
                                            const std::function<bool(double)>& progress);

} // namespace calo
