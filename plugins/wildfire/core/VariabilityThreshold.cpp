#include "VariabilityThreshold.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wildfire {

VariabilityThreshold variabilityThreshold(const std::vector<std::vector<double>>& annualMeans) {
    VariabilityThreshold out;
    out.years = annualMeans.size();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (out.years < 2) {
        out.threshold = nan;
        out.sigma = nan;
        return out;
    }
    const std::size_t cells = annualMeans.front().size();
    std::vector<double> sigmas;
    sigmas.reserve(cells);
    for (std::size_t i = 0; i < cells; ++i) {
        double sum = 0.0;
        bool complete = true;
        for (const std::vector<double>& year : annualMeans) {
            complete = complete && std::isfinite(year[i]);
            sum += year[i];
        }
        if (!complete) {
            continue;
        }
        const double mean = sum / static_cast<double>(out.years);
        double squares = 0.0;
        for (const std::vector<double>& year : annualMeans) {
            squares += (year[i] - mean) * (year[i] - mean);
        }
        sigmas.push_back(std::sqrt(squares / static_cast<double>(out.years - 1)));
    }
    out.cells = sigmas.size();
    if (sigmas.empty()) {
        out.threshold = nan;
        out.sigma = nan;
        return out;
    }
    const auto middle = sigmas.begin() + static_cast<std::ptrdiff_t>(sigmas.size() / 2);
    std::nth_element(sigmas.begin(), middle, sigmas.end());
    out.sigma = *middle;
    if (sigmas.size() % 2 == 0) {
        out.sigma = 0.5 * (out.sigma + *std::max_element(sigmas.begin(), middle));
    }
    out.threshold = std::sqrt(2.0) * 1.645 * out.sigma / std::sqrt(static_cast<double>(out.years));
    return out;
}

} // namespace wildfire
