// The scores and the baseline of the wildfire twin's validate, on its core library directly
// (plugins/wildfire/core): ROC AUC, F2 and MCC against hand counts, the equal-mass ECE, Platt
// calibration recovering a known miscalibration, the threshold that maximises F2, the
// Keetch-Byram drought index, the logistic baseline and its burned-area regression recovering
// a known dependence, the burned-area errors in hectares and log1p, and project's
// variability threshold (IPCC AR6 approach B).
#include "BurnScores.h"
#include "DroughtBaseline.h"
#include "VariabilityThreshold.h"
#include "twinbench/sdk/Random.h"

#include <QTest>

#include <cmath>

namespace {

using namespace wildfire;

void addSample(BurnSums& sums, double raw, double calibrated, bool burned) {
    sums.add(raw, calibrated, burned, 0.0, 0.0, 0, 2, 1);
}

} // namespace

class WildfireScoresTest : public QObject {
    Q_OBJECT

private slots:
    void rankingAndThresholdMetricsMatchHandCounts() {
        BurnSums sums(1);
        // Burned: 0.9, 0.8, 0.3; not burned: 0.7, 0.2, 0.1. Of the 9 burned/unburned pairs 8
        // are ranked right (0.3 below 0.7 is the one wrong).
        for (const double p : {0.9, 0.8, 0.3}) {
            addSample(sums, p, p, true);
        }
        for (const double p : {0.7, 0.2, 0.1}) {
            addSample(sums, p, p, false);
        }
        const BurnMetrics m = burnMetrics(sums, BurnSums::binOf(0.5));
        QVERIFY(std::abs(m.rocAuc - 8.0 / 9.0) < 1e-12);
        // At 0.5: tp 2 (0.9, 0.8), fp 1 (0.7), fn 1 (0.3), tn 2.
        QVERIFY(std::abs(m.precision - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(m.recall - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(m.f2 - 10.0 / 15.0) < 1e-12);
        QVERIFY(std::abs(m.mcc - (4.0 - 1.0) / 9.0) < 1e-12);
        // Average precision: precisions at the burned ranks 1/1, 2/2, 3/4.
        QVERIFY(std::abs(m.averagePrecision - (1.0 + 1.0 + 0.75) / 3.0) < 1e-12);
        // F2 prefers recall: the best threshold keeps all three burned cells (at 0.3).
        QVERIFY(binProbability(bestF2Bin(sums)) <= 0.3);
    }

    void calibrationFixesAKnownBiasAndEceSeesIt() {
        // Outcomes drawn from q; the forecast says p = sigmoid(2 logit(q) + 1): overconfident
        // and biased. Platt recovers a = 0.5, b = -0.5 and the calibrated ECE is small.
        twins::sdk::Random random(7);
        BurnSums fitting(1);
        std::vector<std::pair<double, bool>> held;
        for (int i = 0; i < 200000; ++i) {
            const double q = 0.02 + 0.6 * random.uniform();
            const double logitQ = std::log(q / (1.0 - q));
            const double p = 1.0 / (1.0 + std::exp(-(2.0 * logitQ + 1.0)));
            const bool burned = random.bernoulli(q);
            if (i % 2 == 0) {
                addSample(fitting, p, p, burned);
            } else {
                held.emplace_back(p, burned);
            }
        }
        const Platt platt = fitPlatt(fitting);
        QVERIFY2(std::abs(platt.a - 0.5) < 0.03 && std::abs(platt.b + 0.5) < 0.05,
                 qPrintable(QString("a %1 b %2").arg(platt.a).arg(platt.b)));
        BurnSums scored(1);
        for (const auto& [p, burned] : held) {
            addSample(scored, p, platt.apply(p), burned);
        }
        const BurnMetrics m = burnMetrics(scored, 0);
        QVERIFY2(m.eceRaw > 0.05, qPrintable(QString::number(m.eceRaw)));
        QVERIFY2(m.eceCalibrated < 0.01, qPrintable(QString::number(m.eceCalibrated)));
        const Reliability r = reliability(scored, true);
        QCOMPARE(r.count.size(), std::size_t(10));
        // Equal mass: every bin holds about a tenth of the samples.
        for (const double n : r.count) {
            QVERIFY(std::abs(n - 10000.0) < 600.0);
        }
    }

    void keetchByramDriesInTheHeatAndWetsInTheRain() {
        const double start = 50.0;
        const double hot = KeetchByram::step(start, 0.0, 35.0, 800.0, 8);
        const double mild = KeetchByram::step(start, 0.0, 15.0, 800.0, 8);
        QVERIFY(hot > mild && mild > start);
        QVERIFY(KeetchByram::step(start, 5.0, 35.0, 800.0, 8) == hot); // intercepted
        QVERIFY(KeetchByram::step(start, 60.0, 35.0, 800.0, 8) < start);
        QVERIFY(KeetchByram::step(200.0, 0.0, 45.0, 800.0, 8) <= KeetchByram::capacityMm);
        QCOMPARE(KeetchByram::step(start, 0.0, 0.0, 800.0, 8), start); // too cold to dry
    }

    void baselineLearnsThatDryFuelBurns() {
        twins::sdk::Random random(3);
        DroughtLogistic baseline;
        for (int i = 0; i < 100000; ++i) {
            const double kbdi = 203.2 * random.uniform();
            const double lai = 4.0 * random.uniform();
            const double q = 1.0 / (1.0 + std::exp(-(-4.0 + 3.0 * kbdi / 203.2 + 0.5 * lai)));
            baseline.add(kbdi, lai, random.bernoulli(q));
        }
        baseline.fit();
        QVERIFY(baseline.probability(180.0, 2.0) > 3.0 * baseline.probability(20.0, 2.0));
        QVERIFY(baseline.probability(100.0, 3.5) > baseline.probability(100.0, 0.5));
        const double q = 1.0 / (1.0 + std::exp(-(-4.0 + 3.0 * 0.5 + 0.5 * 2.0)));
        QVERIFY(std::abs(baseline.probability(101.6, 2.0) - q) < 0.02);
    }

    void baselineAreaRegressionRecoversAKnownDependence() {
        // log1p(ha) = 0.2 + 1.5 KBDI/203.2 + 0.3 LAI/3 + noise: least squares recovers it.
        twins::sdk::Random random(5);
        DroughtAreaRegression area;
        for (int i = 0; i < 20000; ++i) {
            const double kbdi = 203.2 * random.uniform();
            const double lai = 3.0 * random.uniform();
            const double y =
                0.2 + 1.5 * kbdi / 203.2 + 0.3 * lai / 3.0 + 0.1 * (random.uniform() - 0.5);
            area.add(kbdi, lai, std::expm1(y));
        }
        area.fit();
        QVERIFY(std::abs(area.coefficients()[0] - 0.2) < 0.01);
        QVERIFY(std::abs(area.coefficients()[1] - 1.5) < 0.01);
        QVERIFY(std::abs(area.logArea(101.6, 1.5) - (0.2 + 0.75 + 0.15)) < 0.005);
        QVERIFY(std::abs(area.hectares(101.6, 1.5) - std::expm1(1.1)) < 0.02);
    }

    void burnedAreaErrorsInHectaresAndLogs() {
        BurnSums sums(1);
        sums.add(0.5, 0.5, true, 3.0, 1.0, 0, 2, 1);  // off by 2 ha
        sums.add(0.5, 0.5, false, 0.0, 0.0, 0, 2, 1); // right
        const BurnMetrics m = burnMetrics(sums, BurnSums::binOf(0.5));
        QVERIFY(std::abs(m.mseHa2 - 2.0) < 1e-12);
        QVERIFY(std::abs(m.maeHa - 1.0) < 1e-12);
        const double logError = std::log(4.0) - std::log(2.0);
        QVERIFY(std::abs(m.mseLog - logError * logError / 2.0) < 1e-12);
        QVERIFY(std::abs(m.maeLog - logError / 2.0) < 1e-12);
    }

    // Three cells over 3 years: standard deviations 0.1, 0.2 and 0.4 (sample, n - 1); a cell at
    // sea (NaN) and one missing a year are left out. The median 0.2 gives
    // sqrt(2) x 1.645 x 0.2 / sqrt(3); one year cannot say how years vary.
    void variabilityThresholdIsApproachBsOfTheMedianCell() {
        const double nan = std::nan("");
        const std::vector<std::vector<double>> years{
            {0.1, 0.2, 0.4, nan, 0.5}, {0.2, 0.4, 0.8, nan, nan}, {0.3, 0.6, 1.2, nan, 0.5}};
        const VariabilityThreshold v = variabilityThreshold(years);
        QCOMPARE(v.years, std::size_t(3));
        QCOMPARE(v.cells, std::size_t(3));
        QVERIFY(std::abs(v.sigma - 0.2) < 1e-12);
        QVERIFY(std::abs(v.threshold - std::sqrt(2.0) * 1.645 * 0.2 / std::sqrt(3.0)) < 1e-12);
        // An even count takes the mean of the two middle cells.
        const VariabilityThreshold even = variabilityThreshold({{0.1, 0.2}, {0.2, 0.6}});
        QVERIFY(std::abs(even.sigma - 0.5 * (std::sqrt(0.005) + std::sqrt(0.08))) < 1e-12);
        QVERIFY(std::isnan(variabilityThreshold({{0.1, 0.2}}).threshold));
        QVERIFY(std::isnan(variabilityThreshold({{nan}, {nan}}).threshold));
    }
};

QTEST_GUILESS_MAIN(WildfireScoresTest)
#include "WildfireScoresTest.moc"
