#pragma once

#include <cstddef>
#include <vector>

namespace twins::sdk {

// The calibration check of a probabilistic output (issue 17, item 5): a reliability diagram
// over equal-mass bins (each holds about the same number of predictions, so no bin is a
// handful of outliers) and its expected calibration error, ECE = sum over bins of
// (bin count / N) x |mean predicted probability - observed frequency|. Shared by every twin
// whose outputs are probabilities, so their cards compare like with like. (The wildfire twin
// bins its billions of cell-steps by logit ranks instead, with the same definition.)
struct ReliabilityBin {
    double meanPredicted = 0.0;
    double observedFrequency = 0.0;
    std::size_t count = 0;
};

struct CalibrationCheck {
    std::vector<ReliabilityBin> bins; // in increasing predicted probability
    double expectedCalibrationError = 0.0;
};

// Predictions and outcomes of equal length; ties in probability are kept in one bin so the
// binning does not depend on the order of equal predictions. Fewer bins when there are fewer
// predictions than `binCount`; no predictions give no bins and an ECE of 0. Throws
// std::invalid_argument when the lengths differ or a probability lies outside [0, 1] (NaN too).
CalibrationCheck equalMassCalibration(const std::vector<double>& probabilities,
                                      const std::vector<bool>& outcomes, std::size_t binCount = 10);

} // namespace twins::sdk
