#pragma once

// Scores of a binary decision against the truth, as validate reports them for each label and
// for the dedispersion peer: confusion counts, precision/recall/F1, ROC curve and its area,
// 95% intervals (Wilson score intervals for the binomial rates) and the figures a survey at a
// low prevalence would see, derived from the per-class rates (recall on pulsar frames, the
// false-positive rate on pulsar-free frames), which do not depend on the class mix of the set
// they are measured on.

#include <cstddef>
#include <utility>
#include <vector>

namespace pulsar {

struct BinaryCounts {
    std::size_t truePositives = 0;
    std::size_t falsePositives = 0;
    std::size_t falseNegatives = 0;
    std::size_t trueNegatives = 0;

    std::size_t positives() const { return truePositives + falseNegatives; }
    std::size_t negatives() const { return falsePositives + trueNegatives; }
    std::size_t total() const { return positives() + negatives(); }
    // NaN when undefined (no positives, no predicted positives, an empty set).
    double accuracy() const;
    double precision() const;
    double recall() const;
    double f1() const;
    double falsePositiveRate() const;
};

// truth[i] and predicted[i] for every item; throws std::invalid_argument on a length mismatch.
BinaryCounts countBinary(const std::vector<bool>& truth, const std::vector<bool>& predicted);

struct Interval {
    double low = 0.0;
    double high = 0.0;
};

// The Wilson score interval of a binomial proportion (successes of trials) at z (1.96: 95%).
// {NaN, NaN} for no trials.
Interval wilsonInterval(std::size_t successes, std::size_t trials, double z = 1.959963984540054);

// Area under the ROC curve: the probability that a random positive scores above a random
// negative, ties counted as one half (Mann-Whitney U with mid-ranks). NaN without both classes.
double rocAuc(const std::vector<double>& scores, const std::vector<bool>& truth);

struct RocPoint {
    double threshold = 0.0; // a score at or above it is positive
    double falsePositiveRate = 0.0;
    double truePositiveRate = 0.0;
};

// The ROC curve from (0, 0) to (1, 1): one point per distinct score, taken as the threshold
// "score >= t", from the highest down; points closer than `resolution` in both rates to the last
// kept one are dropped (the curve of 20,000 frames stays a few hundred points). Empty without
// both classes.
std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<bool>& truth,
                               double resolution = 0.002);

// What a survey in which `prevalence` of the frames hold a pulsar would see, from the recall
// (detected of pulsars) and the false-positive rate (falseAlarms of pulsarFree) measured on a
// balanced set, with 95% Wilson intervals carried over (the derived figures are monotonic in the
// rates).
struct PrevalenceFigures {
    double prevalence = 0.0;
    double recall = 0.0;
    Interval recallInterval;
    double falseAlarmsPerThousand = 0.0; // 1000 (1 - prevalence) x false-positive rate
    Interval falseAlarmsPerThousandInterval;
    double precision = 0.0; // prevalence x recall / (that + (1 - prevalence) x FPR)
};
PrevalenceFigures atPrevalence(std::size_t detected, std::size_t pulsars, std::size_t falseAlarms,
                               std::size_t pulsarFree, double prevalence);

// The peer's S/N threshold that gives exactly `falseAlarms` false alarms on pulsar-free frames
// with these best-trial S/N values (detected: S/N strictly above it), barring ties: the
// falseAlarms-th largest. With falseAlarms >= count, below every value. Throws
// std::invalid_argument for no values.
double thresholdForFalseAlarms(std::vector<double> pulsarFreeSnrs, std::size_t falseAlarms);

} // namespace pulsar
