#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

// Scores of burned-probability forecasts against burned/not burned, kept as additive sums so a
// bootstrap can resample blocks of time by adding the blocks' sums (no per-sample storage):
// predictions are binned by their logit (0.01 wide over -12..12, so ranks inside a bin are the
// only approximation, far below the metrics' sampling error).
namespace wildfire {

constexpr int burnZoneCount = 5;
// Latitude zones standing in for biomes with their own fire season (the cube has no biome map):
// boreal north (>= 50 N), temperate north (30-50 N), tropics north (0-30 N), tropics south
// (0-30 S), temperate south (south of 30 S).
int burnZone(double latitude);
const std::array<std::string, burnZoneCount>& burnZoneNames();

struct BurnSums {
    static constexpr int bins = 2400;
    static constexpr double logitLow = -12.0;
    static constexpr double binWidth = 0.01;

    // Per logit bin of the raw probability: samples, burned samples, sums of the raw and the
    // calibrated probability.
    std::vector<double> count, positives, sumRaw, sumCalibrated;
    // Burned area: the expected (ha) against the truth, in ha and in log1p(ha).
    double squaredError = 0.0, absoluteError = 0.0;
    double logSquaredError = 0.0, logAbsoluteError = 0.0;
    // Per latitude row and per zone x month (12): samples, calibrated probability, burned.
    std::vector<double> rowCount, rowPredicted, rowObserved;
    std::vector<double> seasonCount, seasonPredicted, seasonObserved;

    explicit BurnSums(std::size_t latitudeRows = 0);
    static int binOf(double probability);
    // One sample: raw and calibrated probability, burned (0/1), expected and true burned area,
    // latitude row, zone and month (1..12).
    void add(double raw, double calibrated, bool burned, double expectedHa, double trueHa,
             std::size_t row, int zone, int month);
    void add(const BurnSums& other);
    double samples() const;
};

// Confusion counts when "burned" is predicted for raw logit bins >= thresholdBin.
struct Confusion {
    double tp = 0.0, fp = 0.0, fn = 0.0, tn = 0.0;
};
Confusion confusionAt(const BurnSums& sums, int thresholdBin);

struct BurnMetrics {
    double rocAuc = 0.0;
    double averagePrecision = 0.0;
    double precision = 0.0, recall = 0.0, f1 = 0.0, f2 = 0.0, mcc = 0.0, accuracy = 0.0;
    double eceRaw = 0.0;        // 10 equal-mass bins, raw probability
    double eceCalibrated = 0.0; // the same bins, calibrated probability
    double mseHa2 = 0.0, maeHa = 0.0;
    double mseLog = 0.0, maeLog = 0.0; // of log1p(ha)
    double zonalCorrelation = 0.0; // Pearson over latitude rows: predicted vs observed frequency
    double burnedShare = 0.0;
};

// Every metric from the sums at the threshold bin. NaN where undefined (one class absent).
BurnMetrics burnMetrics(const BurnSums& sums, int thresholdBin);

// The threshold bin that maximises F2 (recall weighted 4x precision: missing a fire costs
// more than a false alarm) on `sums` (the validation years).
int bestF2Bin(const BurnSums& sums);
// The raw probability at the lower edge of a bin.
double binProbability(int bin);

// ROC curve (false and true positive rates) at up to `points` bin edges.
void rocCurve(const BurnSums& sums, std::size_t points, std::vector<double>& falseRate,
              std::vector<double>& trueRate);

// The reliability diagram: 10 equal-mass bins (whole logit bins assigned in rank order), mean
// predicted (raw or calibrated) and observed frequency per bin, and the samples in each.
struct Reliability {
    std::vector<double> predicted, observed, count;
};
Reliability reliability(const BurnSums& sums, bool calibrated);

// Platt scaling fitted on `sums` (the validation years): p' = sigmoid(a logit(p) + b), by
// Newton's method on the binned samples (bin centres weighted by their counts).
struct Platt {
    double a = 1.0, b = 0.0;
    double apply(double probability) const;
};
Platt fitPlatt(const BurnSums& sums);

// Seasonal cycle per zone: monthly mean predicted and observed frequency, and the peak months
// (1..12; 0 when the zone has fewer than `minimumBurned` burned samples).
struct SeasonalCycle {
    std::array<std::array<double, 12>, burnZoneCount> predicted{}, observed{};
    std::array<int, burnZoneCount> predictedPeak{}, observedPeak{};
};
SeasonalCycle seasonalCycle(const BurnSums& sums, double minimumBurned);

} // namespace wildfire
