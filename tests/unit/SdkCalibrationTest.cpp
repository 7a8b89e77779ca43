// The SDK's calibration check (twins/sdk/support/Calibration.h): equal-mass reliability bins
// and the expected calibration error, on a hand-computed case, on calibrated and overconfident
// predictions drawn with a fixed seed, with ties kept in one bin, and on bad input.
#include "twinbench/sdk/Calibration.h"
#include "twinbench/sdk/Random.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <stdexcept>

using twins::sdk::equalMassCalibration;

class SdkCalibrationTest : public QObject {
    Q_OBJECT

    // n predictions p ~ U(0, 1) with outcomes drawn at probability truth(p).
    template <typename Truth>
    static void draw(std::size_t n, Truth truth, std::vector<double>& p, std::vector<bool>& y) {
        twins::sdk::Random random(17);
        for (std::size_t i = 0; i < n; ++i) {
            p.push_back(random.uniform());
            y.push_back(random.bernoulli(truth(p.back())));
        }
    }

private slots:
    void handComputedCase() {
        // Bin 1: predicted 0.1, observed 0.5 (|0.4| x 1/2); bin 2: 0.9 against 1 (|0.1| x 1/2).
        const auto check = equalMassCalibration({0.9, 0.1, 0.1, 0.9}, {true, false, true, true}, 2);
        QCOMPARE(check.bins.size(), std::size_t(2));
        QCOMPARE(check.bins[0].count, std::size_t(2));
        QCOMPARE(check.bins[0].meanPredicted, 0.1);
        QCOMPARE(check.bins[0].observedFrequency, 0.5);
        QCOMPARE(check.bins[1].observedFrequency, 1.0);
        QVERIFY(std::abs(check.expectedCalibrationError - 0.25) < 1e-12);
    }

    void calibratedPredictionsScoreNearZero() {
        std::vector<double> p;
        std::vector<bool> y;
        draw(
            20000, [](double q) { return q; }, p, y);
        const auto check = equalMassCalibration(p, y);
        QCOMPARE(check.bins.size(), std::size_t(10));
        for (const auto& bin : check.bins) {
            QCOMPARE(bin.count, std::size_t(2000));
        }
        qInfo("calibrated: ECE %.4f", check.expectedCalibrationError);
        QVERIFY(check.expectedCalibrationError < 0.02);
    }

    void overconfidentPredictionsScoreTheirGap() {
        // The truth is half as far from 0.5 as the prediction: ECE = E|p - 0.5| / 2 = 0.125.
        std::vector<double> p;
        std::vector<bool> y;
        draw(
            20000, [](double q) { return 0.5 + (q - 0.5) / 2; }, p, y);
        const auto check = equalMassCalibration(p, y);
        qInfo("overconfident: ECE %.4f (0.125 expected)", check.expectedCalibrationError);
        QVERIFY(std::abs(check.expectedCalibrationError - 0.125) < 0.015);
        QVERIFY(check.bins.front().observedFrequency > check.bins.front().meanPredicted);
        QVERIFY(check.bins.back().observedFrequency < check.bins.back().meanPredicted);
    }

    void tiesStayInOneBin() {
        const auto check =
            equalMassCalibration({0.5, 0.5, 0.5, 0.5, 0.5}, {true, false, true, false, true}, 10);
        QCOMPARE(check.bins.size(), std::size_t(1));
        QCOMPARE(check.bins[0].count, std::size_t(5));
        QVERIFY(std::abs(check.expectedCalibrationError - 0.1) < 1e-12);
        QVERIFY(equalMassCalibration({}, {}).bins.empty());
    }

    void badInputIsRefused() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, equalMassCalibration({0.5}, {true, false}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, equalMassCalibration({1.5}, {true}));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            equalMassCalibration({std::numeric_limits<double>::quiet_NaN()}, {true}));
    }
};

QTEST_GUILESS_MAIN(SdkCalibrationTest)
#include "SdkCalibrationTest.moc"
