// Torch-free: the ROC AUC of the burned-area predictions.
#include "FireTrainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wildfire {

double rocAuc(const std::vector<float>& scores, const std::vector<float>& labels) {
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    double positives = 0.0;
    double rankSum = 0.0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && scores[order[j]] == scores[order[i]]) {
            ++j;
        }
        const double rank = 0.5 * (static_cast<double>(i + 1) + static_cast<double>(j));
        for (std::size_t k = i; k < j; ++k) {
            if (labels[order[k]] > 0.5f) {
                positives += 1.0;
                rankSum += rank;
            }
        }
        i = j;
    }
    const double negatives = static_cast<double>(scores.size()) - positives;
    if (positives == 0.0 || negatives == 0.0) {
        return std::nan("");
    }
    return (rankSum - positives * (positives + 1.0) / 2.0) / (positives * negatives);
}

} // namespace wildfire
