#pragma once

// The `validate` comparison without Qt: two showers files (reference, candidate), the same
// energy bins on both, per-bin summaries and their comparison, and a scalar summary.

#include "ShowerMetrics.h"

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

struct ValidationResult {
    std::vector<BinResult> bins;
    // Means over the bins: the scalar summary of the issue (relative moment, profile and
    // angle errors); `score` is moment + longitudinal + transverse profile error.
    double momentError = 0.0, longitudinalError = 0.0, transverseError = 0.0;
    double samplingFractionError = 0.0, angleError = 0.0, score = 0.0;
    // Largest over the bins: per-layer longitudinal and sampling-fraction differences (the
    // issue's acceptance is judged per bin, so the worst bin decides).
    double longitudinalMaxError = 0.0, samplingFractionMaxError = 0.0;
};

// progress(fraction) is called between blocks of showers and returns false to stop, upon
// which validateFiles throws SimulationCancelled (SimulationRun.h). Throws
// std::invalid_argument when a bin is empty in either file (naming the bin and the file).
ValidationResult validateFiles(const std::string& referencePath, const std::string& candidatePath,
                               const std::vector<double>& centres, double halfWidth,
                               const std::function<bool(double)>& progress);

} // namespace calo
