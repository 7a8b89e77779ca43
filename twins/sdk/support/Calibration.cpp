#include "twinbench/sdk/Calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace twins::sdk {

CalibrationCheck equalMassCalibration(const std::vector<double>& probabilities,
                                      const std::vector<bool>& outcomes, std::size_t binCount) {
    if (probabilities.size() != outcomes.size()) {
        throw std::invalid_argument("calibration: " + std::to_string(probabilities.size()) +
                                    " probabilities but " + std::to_string(outcomes.size()) +
                                    " outcomes");
    }
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
        if (!(probabilities[i] >= 0.0 && probabilities[i] <= 1.0)) {
            throw std::invalid_argument("calibration: probability " + std::to_string(i) + " is " +
                                        std::to_string(probabilities[i]) +
                                        ", expected a value in [0, 1]");
        }
    }
    CalibrationCheck check;
    const std::size_t n = probabilities.size();
    if (n == 0 || binCount == 0) {
        return check;
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return probabilities[a] < probabilities[b];
    });
    const std::size_t bins = std::min(binCount, n);
    std::size_t start = 0;
    for (std::size_t b = 0; b < bins && start < n; ++b) {
        std::size_t end = (b + 1 == bins) ? n : (n * (b + 1)) / bins;
        end = std::max(end, start + 1);
        // Equal predictions stay together: extend the bin over the run of its last value.
        while (end < n && probabilities[order[end]] == probabilities[order[end - 1]]) {
            ++end;
        }
        ReliabilityBin bin;
        double predicted = 0.0;
        double observed = 0.0;
        for (std::size_t k = start; k < end; ++k) {
            predicted += probabilities[order[k]];
            observed += outcomes[order[k]] ? 1.0 : 0.0;
        }
        bin.count = end - start;
        bin.meanPredicted = predicted / double(bin.count);
        bin.observedFrequency = observed / double(bin.count);
        check.expectedCalibrationError +=
            double(bin.count) / double(n) * std::abs(bin.meanPredicted - bin.observedFrequency);
        check.bins.push_back(bin);
        start = end;
    }
    return check;
}

} // namespace twins::sdk
