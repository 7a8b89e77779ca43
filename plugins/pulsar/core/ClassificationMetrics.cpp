#include "ClassificationMetrics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace pulsar {

namespace {

double ratio(std::size_t numerator, std::size_t denominator) {
    return denominator == 0 ? std::numeric_limits<double>::quiet_NaN()
                            : double(numerator) / double(denominator);
}

} // namespace

double BinaryCounts::accuracy() const {
    return ratio(truePositives + trueNegatives, total());
}
double BinaryCounts::precision() const {
    return ratio(truePositives, truePositives + falsePositives);
}
double BinaryCounts::recall() const {
    return ratio(truePositives, positives());
}
double BinaryCounts::f1() const {
    return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
}
double BinaryCounts::falsePositiveRate() const {
    return ratio(falsePositives, negatives());
}

BinaryCounts countBinary(const std::vector<bool>& truth, const std::vector<bool>& predicted) {
    if (truth.size() != predicted.size()) {
        throw std::invalid_argument("countBinary: truth and predictions differ in length");
    }
    BinaryCounts counts;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        if (truth[i]) {
            ++(predicted[i] ? counts.truePositives : counts.falseNegatives);
        } else {
            ++(predicted[i] ? counts.falsePositives : counts.trueNegatives);
        }
    }
    return counts;
}

Interval wilsonInterval(std::size_t successes, std::size_t trials, double z) {
    if (trials == 0) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan};
    }
    const double n = double(trials);
    const double p = double(successes) / n;
    const double z2 = z * z;
    const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    const double half = z / (1.0 + z2 / n) * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double rocAuc(const std::vector<double>& scores, const std::vector<bool>& truth) {
    if (scores.size() != truth.size()) {
        throw std::invalid_argument("rocAuc: scores and truth differ in length");
    }
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    double positiveRanks = 0.0;
    std::size_t positives = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && scores[order[j]] == scores[order[i]]) {
            ++j;
        }
        const double midRank = 0.5 * double(i + 1 + j); // ranks i+1..j
        for (std::size_t k = i; k < j; ++k) {
            if (truth[order[k]]) {
                positiveRanks += midRank;
                ++positives;
            }
        }
        i = j;
    }
    const std::size_t negatives = scores.size() - positives;
    if (positives == 0 || negatives == 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double u = positiveRanks - double(positives) * double(positives + 1) / 2.0;
    return u / (double(positives) * double(negatives));
}

std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<bool>& truth,
                               double resolution) {
    if (scores.size() != truth.size()) {
        throw std::invalid_argument("rocCurve: scores and truth differ in length");
    }
    const auto positives = std::size_t(std::count(truth.begin(), truth.end(), true));
    const std::size_t negatives = truth.size() - positives;
    if (positives == 0 || negatives == 0) {
        return {};
    }
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    std::vector<RocPoint> curve{{std::numeric_limits<double>::infinity(), 0.0, 0.0}};
    std::size_t tp = 0, fp = 0;
    for (std::size_t i = 0; i < order.size();) {
        const double threshold = scores[order[i]];
        while (i < order.size() && scores[order[i]] == threshold) {
            ++(truth[order[i]] ? tp : fp);
            ++i;
        }
        const RocPoint point{threshold, double(fp) / double(negatives),
                             double(tp) / double(positives)};
        const RocPoint& last = curve.back();
        const bool end = i == order.size();
        if (end || std::abs(point.falsePositiveRate - last.falsePositiveRate) >= resolution ||
            std::abs(point.truePositiveRate - last.truePositiveRate) >= resolution) {
            curve.push_back(point);
        }
    }
    return curve;
}

PrevalenceFigures atPrevalence(std::size_t detected, std::size_t pulsars, std::size_t falseAlarms,
                               std::size_t pulsarFree, double prevalence) {
    PrevalenceFigures f;
    f.prevalence = prevalence;
    f.recall = ratio(detected, pulsars);
    f.recallInterval = wilsonInterval(detected, pulsars);
    const double scale = 1000.0 * (1.0 - prevalence);
    const double fpr = ratio(falseAlarms, pulsarFree);
    const Interval fprInterval = wilsonInterval(falseAlarms, pulsarFree);
    f.falseAlarmsPerThousand = scale * fpr;
    f.falseAlarmsPerThousandInterval = {scale * fprInterval.low, scale * fprInterval.high};
    const double found = prevalence * f.recall;
    f.precision = found / (found + (1.0 - prevalence) * fpr);
    return f;
}

double thresholdForFalseAlarms(std::vector<double> pulsarFreeSnrs, std::size_t falseAlarms) {
    if (pulsarFreeSnrs.empty()) {
        throw std::invalid_argument("no pulsar-free frames to set the peer's threshold on");
    }
    std::sort(pulsarFreeSnrs.begin(), pulsarFreeSnrs.end(), std::greater<>());
    if (falseAlarms >= pulsarFreeSnrs.size()) {
        return -std::numeric_limits<double>::infinity();
    }
    return pulsarFreeSnrs[falseAlarms];
}

} // namespace pulsar
