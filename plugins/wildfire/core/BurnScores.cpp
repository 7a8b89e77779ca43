#include "BurnScores.h"

#include <algorithm>
#include <cmath>

namespace wildfire {

namespace {

constexpr int eceBins = 10;

double logit(double p) {
    const double clamped = std::clamp(p, 1e-7, 1.0 - 1e-7);
    return std::log(clamped / (1.0 - clamped));
}

double sigmoid(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}

double binCentreLogit(int bin) {
    return BurnSums::logitLow + (bin + 0.5) * BurnSums::binWidth;
}

void addInto(std::vector<double>& into, const std::vector<double>& from) {
    for (std::size_t i = 0; i < into.size(); ++i) {
        into[i] += from[i];
    }
}

double safeRatio(double a, double b) {
    return b > 0.0 ? a / b : std::nan("");
}

// Equal-mass groups of whole logit bins: group[bin], in rank order.
std::vector<int> equalMassGroups(const BurnSums& sums) {
    const double total = sums.samples();
    std::vector<int> group(BurnSums::bins, 0);
    double seen = 0.0;
    for (int bin = 0; bin < BurnSums::bins; ++bin) {
        // A bin joins the group its middle sample falls in.
        const double middle = seen + 0.5 * sums.count[bin];
        group[bin] =
            total > 0.0 ? std::min(eceBins - 1, static_cast<int>(eceBins * middle / total)) : 0;
        seen += sums.count[bin];
    }
    return group;
}

double expectedCalibrationError(const BurnSums& sums, const std::vector<double>& predictedSums) {
    const std::vector<int> group = equalMassGroups(sums);
    std::array<double, eceBins> count{}, predicted{}, observed{};
    for (int bin = 0; bin < BurnSums::bins; ++bin) {
        count[group[bin]] += sums.count[bin];
        predicted[group[bin]] += predictedSums[bin];
        observed[group[bin]] += sums.positives[bin];
    }
    double error = 0.0;
    for (int g = 0; g < eceBins; ++g) {
        error += std::abs(predicted[g] - observed[g]);
    }
    return safeRatio(error, sums.samples());
}

} // namespace

int burnZone(double latitude) {
    if (latitude >= 50.0) {
        return 0;
    }
    if (latitude >= 30.0) {
        return 1;
    }
    if (latitude >= 0.0) {
        return 2;
    }
    return latitude > -30.0 ? 3 : 4;
}

const std::array<std::string, burnZoneCount>& burnZoneNames() {
    static const std::array<std::string, burnZoneCount> names{
        "boreal north (>= 50N)", "temperate north (30-50N)", "tropics north (0-30N)",
        "tropics south (0-30S)", "temperate south (south of 30S)"};
    return names;
}

BurnSums::BurnSums(std::size_t latitudeRows)
    : count(bins), positives(bins), sumRaw(bins), sumCalibrated(bins), rowCount(latitudeRows),
      rowPredicted(latitudeRows), rowObserved(latitudeRows), seasonCount(burnZoneCount * 12),
      seasonPredicted(burnZoneCount * 12), seasonObserved(burnZoneCount * 12) {}

int BurnSums::binOf(double probability) {
    const int bin = static_cast<int>(std::floor((logit(probability) - logitLow) / binWidth));
    return std::clamp(bin, 0, bins - 1);
}

double binProbability(int bin) {
    return sigmoid(BurnSums::logitLow + bin * BurnSums::binWidth);
}

void BurnSums::add(double raw, double calibrated, bool burned, double expectedHa, double trueHa,
                   std::size_t row, int zone, int month) {
    const int bin = binOf(raw);
    const double y = burned ? 1.0 : 0.0;
    count[bin] += 1.0;
    positives[bin] += y;
    sumRaw[bin] += raw;
    sumCalibrated[bin] += calibrated;
    squaredError += (expectedHa - trueHa) * (expectedHa - trueHa);
    absoluteError += std::abs(expectedHa - trueHa);
    const double logError =
        std::log1p(std::max(0.0, expectedHa)) - std::log1p(std::max(0.0, trueHa));
    logSquaredError += logError * logError;
    logAbsoluteError += std::abs(logError);
    rowCount[row] += 1.0;
    rowPredicted[row] += calibrated;
    rowObserved[row] += y;
    const std::size_t season = static_cast<std::size_t>(zone) * 12 + (month - 1);
    seasonCount[season] += 1.0;
    seasonPredicted[season] += calibrated;
    seasonObserved[season] += y;
}

void BurnSums::add(const BurnSums& other) {
    addInto(count, other.count);
    addInto(positives, other.positives);
    addInto(sumRaw, other.sumRaw);
    addInto(sumCalibrated, other.sumCalibrated);
    squaredError += other.squaredError;
    absoluteError += other.absoluteError;
    logSquaredError += other.logSquaredError;
    logAbsoluteError += other.logAbsoluteError;
    addInto(rowCount, other.rowCount);
    addInto(rowPredicted, other.rowPredicted);
    addInto(rowObserved, other.rowObserved);
    addInto(seasonCount, other.seasonCount);
    addInto(seasonPredicted, other.seasonPredicted);
    addInto(seasonObserved, other.seasonObserved);
}

double BurnSums::samples() const {
    double total = 0.0;
    for (const double n : count) {
        total += n;
    }
    return total;
}

Confusion confusionAt(const BurnSums& sums, int thresholdBin) {
    Confusion confusion;
    for (int bin = 0; bin < BurnSums::bins; ++bin) {
        const double negatives = sums.count[bin] - sums.positives[bin];
        if (bin >= thresholdBin) {
            confusion.tp += sums.positives[bin];
            confusion.fp += negatives;
        } else {
            confusion.fn += sums.positives[bin];
            confusion.tn += negatives;
        }
    }
    return confusion;
}

BurnMetrics burnMetrics(const BurnSums& sums, int thresholdBin) {
    BurnMetrics metrics;
    double positives = 0.0;
    double negatives = 0.0;
    for (int bin = 0; bin < BurnSums::bins; ++bin) {
        positives += sums.positives[bin];
        negatives += sums.count[bin] - sums.positives[bin];
    }
    // ROC AUC (ties inside a bin count half) and average precision, from the top bin down.
    double auc = 0.0;
    double ap = 0.0;
    double tp = 0.0;
    double fp = 0.0;
    for (int bin = BurnSums::bins - 1; bin >= 0; --bin) {
        const double p = sums.positives[bin];
        const double n = sums.count[bin] - p;
        auc += n * (tp + 0.5 * p);
        tp += p;
        fp += n;
        if (p > 0.0) {
            ap += (p / positives) * (tp / (tp + fp));
        }
    }
    const double nan = std::nan("");
    metrics.rocAuc = positives > 0.0 && negatives > 0.0 ? auc / (positives * negatives) : nan;
    metrics.averagePrecision = positives > 0.0 ? ap : nan;
    metrics.burnedShare = safeRatio(positives, positives + negatives);

    const Confusion c = confusionAt(sums, thresholdBin);
    metrics.precision = safeRatio(c.tp, c.tp + c.fp);
    metrics.recall = safeRatio(c.tp, c.tp + c.fn);
    metrics.f1 = safeRatio(2.0 * c.tp, 2.0 * c.tp + c.fp + c.fn);
    metrics.f2 = safeRatio(5.0 * c.tp, 5.0 * c.tp + 4.0 * c.fn + c.fp);
    const double denominator = (c.tp + c.fp) * (c.tp + c.fn) * (c.tn + c.fp) * (c.tn + c.fn);
    metrics.mcc = denominator > 0.0 ? (c.tp * c.tn - c.fp * c.fn) / std::sqrt(denominator) : nan;
    metrics.accuracy = safeRatio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn);

    metrics.eceRaw = expectedCalibrationError(sums, sums.sumRaw);
    metrics.eceCalibrated = expectedCalibrationError(sums, sums.sumCalibrated);
    const double n = positives + negatives;
    metrics.mseHa2 = safeRatio(sums.squaredError, n);
    metrics.maeHa = safeRatio(sums.absoluteError, n);
    metrics.mseLog = safeRatio(sums.logSquaredError, n);
    metrics.maeLog = safeRatio(sums.logAbsoluteError, n);

    // Pearson correlation over the latitude rows that hold samples.
    double sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0, rows = 0.0;
    for (std::size_t r = 0; r < sums.rowCount.size(); ++r) {
        if (sums.rowCount[r] <= 0.0) {
            continue;
        }
        const double x = sums.rowPredicted[r] / sums.rowCount[r];
        const double y = sums.rowObserved[r] / sums.rowCount[r];
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
        rows += 1.0;
    }
    const double cov = sxy - sx * sy / rows;
    const double vx = sxx - sx * sx / rows;
    const double vy = syy - sy * sy / rows;
    metrics.zonalCorrelation = rows > 2.0 && vx > 0.0 && vy > 0.0 ? cov / std::sqrt(vx * vy) : nan;
    return metrics;
}

int bestF2Bin(const BurnSums& sums) {
    double positives = 0.0;
    for (const double p : sums.positives) {
        positives += p;
    }
    double tp = 0.0;
    double fp = 0.0;
    double best = -1.0;
    int bestBin = 0;
    for (int bin = BurnSums::bins - 1; bin >= 0; --bin) {
        tp += sums.positives[bin];
        fp += sums.count[bin] - sums.positives[bin];
        const double fn = positives - tp;
        const double f2 = safeRatio(5.0 * tp, 5.0 * tp + 4.0 * fn + fp);
        if (f2 > best) {
            best = f2;
            bestBin = bin;
        }
    }
    return bestBin;
}

void rocCurve(const BurnSums& sums, std::size_t points, std::vector<double>& falseRate,
              std::vector<double>& trueRate) {
    double positives = 0.0;
    double total = 0.0;
    for (int bin = 0; bin < BurnSums::bins; ++bin) {
        positives += sums.positives[bin];
        total += sums.count[bin];
    }
    const double negatives = total - positives;
    falseRate.assign(1, 0.0);
    trueRate.assign(1, 0.0);
    double tp = 0.0;
    double fp = 0.0;
    double lastFalse = 0.0;
    double lastTrue = 0.0;
    const double step = 1.0 / static_cast<double>(std::max<std::size_t>(points, 2));
    for (int bin = BurnSums::bins - 1; bin >= 0; --bin) {
        tp += sums.positives[bin];
        fp += sums.count[bin] - sums.positives[bin];
        const double f = safeRatio(fp, negatives);
        const double t = safeRatio(tp, positives);
        // A point where the curve has moved a step along either axis, and the last one.
        if (bin == 0 || f - lastFalse >= step || t - lastTrue >= step) {
            falseRate.push_back(f);
            trueRate.push_back(t);
            lastFalse = f;
            lastTrue = t;
        }
    }
}

Reliability reliability(const BurnSums& sums, bool calibrated) {
    const std::vector<int> group = equalMassGroups(sums);
    Reliability result;
    result.predicted.assign(eceBins, 0.0);
    result.observed.assign(eceBins, 0.0);
    result.count.assign(eceBins, 0.0);
    for (int bin = 0; bin < BurnSums::bins; ++bin) {
        result.count[group[bin]] += sums.count[bin];
        result.predicted[group[bin]] += calibrated ? sums.sumCalibrated[bin] : sums.sumRaw[bin];
        result.observed[group[bin]] += sums.positives[bin];
    }
    for (int g = 0; g < eceBins; ++g) {
        result.predicted[g] = safeRatio(result.predicted[g], result.count[g]);
        result.observed[g] = safeRatio(result.observed[g], result.count[g]);
    }
    return result;
}

double Platt::apply(double probability) const {
    return sigmoid(a * logit(probability) + b);
}

Platt fitPlatt(const BurnSums& sums) {
    Platt platt;
    // Newton-Raphson on the log-likelihood of sigmoid(a x + b), x the bin's centre logit.
    for (int iteration = 0; iteration < 50; ++iteration) {
        double ga = 0.0, gb = 0.0, haa = 0.0, hab = 0.0, hbb = 0.0;
        for (int bin = 0; bin < BurnSums::bins; ++bin) {
            const double n = sums.count[bin];
            if (n <= 0.0) {
                continue;
            }
            const double x = binCentreLogit(bin);
            const double p = sigmoid(platt.a * x + platt.b);
            const double residual = sums.positives[bin] - n * p;
            const double w = n * p * (1.0 - p);
            ga += residual * x;
            gb += residual;
            haa += w * x * x;
            hab += w * x;
            hbb += w;
        }
        const double determinant = haa * hbb - hab * hab;
        if (!(determinant > 0.0)) {
            break;
        }
        const double da = (hbb * ga - hab * gb) / determinant;
        const double db = (haa * gb - hab * ga) / determinant;
        platt.a += da;
        platt.b += db;
        if (std::abs(da) + std::abs(db) < 1e-10) {
            break;
        }
    }
    return platt;
}

SeasonalCycle seasonalCycle(const BurnSums& sums, double minimumBurned) {
    SeasonalCycle cycle;
    for (int zone = 0; zone < burnZoneCount; ++zone) {
        double burned = 0.0;
        int predictedPeak = 0;
        int observedPeak = 0;
        double predictedMax = -1.0;
        double observedMax = -1.0;
        for (int month = 0; month < 12; ++month) {
            const std::size_t s = static_cast<std::size_t>(zone) * 12 + month;
            cycle.predicted[zone][month] = safeRatio(sums.seasonPredicted[s], sums.seasonCount[s]);
            cycle.observed[zone][month] = safeRatio(sums.seasonObserved[s], sums.seasonCount[s]);
            burned += sums.seasonObserved[s];
            // NaN (a month without samples) never wins.
            if (cycle.predicted[zone][month] > predictedMax) {
                predictedMax = cycle.predicted[zone][month];
                predictedPeak = month;
            }
            if (cycle.observed[zone][month] > observedMax) {
                observedMax = cycle.observed[zone][month];
                observedPeak = month;
            }
        }
        cycle.predictedPeak[zone] = burned >= minimumBurned ? predictedPeak + 1 : 0;
        cycle.observedPeak[zone] = burned >= minimumBurned ? observedPeak + 1 : 0;
    }
    return cycle;
}

} // namespace wildfire
