#include "DecisionThresholds.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace pulsar {

FalseAlarmDecision thresholdForExpectedFalseAlarmRate(std::vector<double> pulsarFreeScores,
                                                      double rate) {
    if (pulsarFreeScores.empty()) {
        throw std::invalid_argument("no held-out pulsar-free frames to set the pulsar "
                                    "threshold on");
    }
    if (!(rate > 0.0 && rate < 1.0)) {
        throw std::invalid_argument("the false-alarm rate must be within (0, 1)");
    }
    std::sort(pulsarFreeScores.begin(), pulsarFreeScores.end(), std::greater<>());
    const double n = double(pulsarFreeScores.size());
    const double k = std::floor(rate * (n + 1.0)) - 1.0;
    FalseAlarmDecision decision;
    decision.resolved = k >= 0.0;
    decision.allowedFalseAlarms = decision.resolved ? std::size_t(k) : 0;
    decision.allowedFalseAlarms =
        std::min(decision.allowedFalseAlarms, pulsarFreeScores.size() - 1);
    decision.expectedRate = (double(decision.allowedFalseAlarms) + 1.0) / (n + 1.0);
    // Just above the k-th largest: p >= threshold leaves at most k of the held-out frames.
    decision.threshold = std::nextafter(pulsarFreeScores[decision.allowedFalseAlarms],
                                        std::numeric_limits<double>::infinity());
    return decision;
}

double f1BestThreshold(const std::vector<double>& scores, const std::vector<bool>& truth) {
    if (scores.empty() || scores.size() != truth.size()) {
        throw std::invalid_argument("f1BestThreshold: scores and truth must have one entry per "
                                    "frame");
    }
    const auto positives = std::size_t(std::count(truth.begin(), truth.end(), true));
    if (positives == 0) {
        throw std::invalid_argument("no held-out frame with the label to set its threshold on");
    }
    // Scores from the largest down: lowering the threshold to each distinct score adds the
    // frames with that score to the predicted positives.
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    double bestF1 = -1.0, best = 0.5;
    std::size_t truePositives = 0, predicted = 0;
    for (std::size_t i = 0; i < order.size();) {
        const double threshold = scores[order[i]];
        for (; i < order.size() && scores[order[i]] == threshold; ++i) {
            truePositives += truth[order[i]] ? 1 : 0;
            ++predicted;
        }
        const double f1 = 2.0 * double(truePositives) / double(predicted + positives);
        const bool better =
            f1 > bestF1 + 1e-12 ||
            (std::abs(f1 - bestF1) <= 1e-12 && std::abs(threshold - 0.5) < std::abs(best - 0.5));
        if (better) {
            bestF1 = f1;
            best = threshold;
        }
    }
    return best;
}

} // namespace pulsar
