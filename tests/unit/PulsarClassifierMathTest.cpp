// What the pulsar networks' actions compute without LibTorch: the networks' input (area
// resampling to the grid, normalisation to noise units that keeps narrowband RFI), the masks on
// the grid, and validate's statistics (confusion counts, Wilson intervals, ROC AUC with ties,
// the ROC curve, the figures at a low prevalence, the peer's threshold for a false-alarm count)
// and the networks' side inputs (the delay graph peaking at a pulse's sweep, the zero-DM filter
// taking out a broadband impulse, a carrier in the band profile).
#include "ClassificationMetrics.h"
#include "DecisionThresholds.h"
#include "DelayGraph.h"
#include "Dispersion.h"
#include "NetworkInput.h"
#include "twinbench/sdk/Random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace pulsar;

class PulsarClassifierMathTest : public QObject {
    Q_OBJECT

private slots:
    void resampleWeightsSumToOneAndCoverEveryCell() {
        for (const auto& [n, m] :
             std::vector<std::pair<int, int>>{{600, 128}, {64, 128}, {144, 128}, {7, 3}}) {
            const ResampleWeights w = areaResampleWeights(std::size_t(n), std::size_t(m));
            QCOMPARE(w.rows.size(), std::size_t(m));
            std::vector<double> coverage(std::size_t(n), 0.0);
            for (const auto& row : w.rows) {
                double sum = 0.0;
                for (const auto& [i, weight] : row) {
                    sum += weight;
                    coverage[i] += weight * double(n) / double(m);
                }
                QVERIFY(std::abs(sum - 1.0) < 1e-12);
            }
            for (double c : coverage) {
                QVERIFY2(std::abs(c - 1.0) < 1e-9, "every input cell is used exactly once");
            }
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, areaResampleWeights(0, 4));
    }

    void resamplingKeepsTheMeanAndTheBandOrder() {
        // 60 channels x 20 bins, value = channel index: the grid's columns average 60/12 = 5
        // channels each, from the top of the band.
        const std::size_t channels = 60, bins = 20;
        std::vector<double> frame(channels * bins);
        for (std::size_t c = 0; c < channels; ++c) {
            for (std::size_t k = 0; k < bins; ++k) {
                frame[c * bins + k] = double(c);
            }
        }
        const NetworkGrid grid{8, 12};
        const std::vector<double> out = resampleFrame(frame.data(), channels, bins, grid);
        QCOMPARE(out.size(), grid.pixels());
        for (int r = 0; r < grid.phaseBins; ++r) {
            for (int j = 0; j < grid.channels; ++j) {
                QVERIFY(std::abs(out[std::size_t(r * grid.channels + j)] - (5.0 * j + 2.0)) < 1e-9);
            }
        }
    }

    void bothPlanesAreInNoiseUnitsAndPlaneOneKeepsACarrier() {
        // Gaussian noise proportional to a steep baseline (bandpass x Tsys), a carrier lifting
        // channel 30 of 128 over every phase by 8 noise units, an impulse at one phase.
        const std::size_t channels = 128, bins = 128;
        twins::sdk::Random random(twins::sdk::streamSeed(7, 0));
        std::vector<double> frame(channels * bins);
        const double eta = 0.01;
        for (std::size_t c = 0; c < channels; ++c) {
            const double level = 50.0 + 2.0 * double(c);
            for (std::size_t k = 0; k < bins; ++k) {
                double v = level * (1.0 + eta * random.normal());
                if (c == 30) {
                    v += 8.0 * eta * level;
                }
                if (k == 40) {
                    v += 6.0 * eta * level;
                }
                frame[c * bins + k] = v;
            }
        }
        const NetworkGrid grid{128, 128};
        const std::vector<float> input = networkInput(frame.data(), channels, bins, grid);
        QCOMPARE(input.size(), std::size_t(inputPlanes) * grid.pixels());
        // Plane 0: each channel standardised over phase (the carrier goes with its median);
        // plane 1: over a smooth baseline (the carrier stays).
        for (int plane = 0; plane < inputPlanes; ++plane) {
            const float* x = input.data() + std::size_t(plane) * grid.pixels();
            double sum = 0.0, squares = 0.0;
            std::size_t n = 0;
            for (std::size_t r = 0; r < bins; ++r) {
                for (std::size_t c = 0; c < channels; ++c) {
                    if (c == 30 || r == 40) {
                        continue;
                    }
                    sum += x[r * channels + c];
                    squares += double(x[r * channels + c]) * x[r * channels + c];
                    ++n;
                }
            }
            const double mean = sum / double(n);
            const double sd = std::sqrt(squares / double(n) - mean * mean);
            QVERIFY2(std::abs(mean) < 0.05, qPrintable(QString::number(mean)));
            QVERIFY2(std::abs(sd - 1.0) < 0.05, qPrintable(QString::number(sd)));
            double carrier = 0.0, impulse = 0.0;
            for (std::size_t r = 0; r < bins; ++r) {
                carrier += x[r * channels + 30] / double(bins);
            }
            for (std::size_t c = 0; c < channels; ++c) {
                impulse += x[40 * channels + c] / double(channels);
            }
            const double expectedCarrier = plane == 0 ? 0.0 : 8.0;
            QVERIFY2(std::abs(carrier - expectedCarrier) < 0.5,
                     qPrintable(QString("plane %1: %2").arg(plane).arg(carrier)));
            QVERIFY2(std::abs(impulse - 6.0) < 0.5,
                     qPrintable(QString("plane %1: %2").arg(plane).arg(impulse)));
        }
    }

    void delayGraphPeaksAtThePulsesSweepAndIgnoresAnImpulse() {
        // 64 rows x 32 columns from 0.849 down to 0.25 GHz (two rotations of 32 rows), unit
        // noise in both planes; trial sweeps 0..200 bins (one bin apart). A pulse of 3 noise
        // units per pixel dispersed with a sweep of 120 bins, in both rotations (rows 10 and
        // 42 at the top of the band), an undispersed impulse of 3 at row 30, a carrier of 4 in
        // column 7 of plane 1.
        const NetworkGrid grid{64, 32};
        std::vector<double> ghz(32);
        for (std::size_t c = 0; c < ghz.size(); ++c) {
            ghz[c] = 0.849 - (0.849 - 0.25) * double(c) / 31.0;
        }
        const DelayGraphPlan plan(grid, ghz, 200.0);
        QCOMPARE(plan.trials(), std::size_t(201));
        QCOMPARE(plan.sweepOfTrial(120), 120.0);
        const double span = dispersionDelayMs(1.0, ghz.back(), ghz.front());
        twins::sdk::Random random(twins::sdk::streamSeed(3, 0));
        std::vector<float> planes(networkInputLength(grid));
        for (std::size_t i = 0; i < 2 * grid.pixels(); ++i) {
            planes[i] = float(random.normal());
        }
        for (std::size_t c = 0; c < 32; ++c) {
            const auto shift =
                std::lround(120.0 * dispersionDelayMs(1.0, ghz[c], ghz.front()) / span);
            planes[std::size_t((10 + shift) % 64) * 32 + c] += 3.0f;
            planes[std::size_t((42 + shift) % 64) * 32 + c] += 3.0f;
            planes[30 * 32 + c] += 3.0f;
        }
        for (std::size_t r = 0; r < 64; ++r) {
            planes[grid.pixels() + r * 32 + 7] += 4.0f;
        }
        float* side = planes.data() + 2 * grid.pixels();
        sideInputs(planes.data(), plan, side);
        const float* peaks = side;
        const float* bandMean = side + 2 * delayGraphCells;
        const float* phaseMean = bandMean + 2 * 32;
        const auto best = std::size_t(std::max_element(peaks, peaks + delayGraphCells) - peaks);
        const auto expected = std::size_t(plan.cellOfTrial()[120]);
        QVERIFY2(best + 1 >= expected && best <= expected + 1,
                 qPrintable(QString("peak in cell %1, the pulse's sweep is in cell %2")
                                .arg(best)
                                .arg(expected)));
        // 32 columns of 3 summed over sqrt(32): about 17 noise units per rotation, 24 folded;
        // the boxcar over 3 bins takes 1/sqrt(3) of it; the impulse, undispersed, is removed by
        // the zero-DM filter, so sweep 0 shows noise only.
        const float* both = side + delayGraphCells;
        QVERIFY2(peaks[best] > 10.0f, qPrintable(QString::number(peaks[best])));
        QVERIFY2(both[best] > 7.0f, qPrintable(QString::number(both[best])));
        QVERIFY2(peaks[0] < 6.0f, qPrintable(QString::number(peaks[0])));
        QVERIFY2(phaseMean[30] > 2.0f, qPrintable(QString::number(phaseMean[30])));
        // The carrier, high-passed: about 4 in its column, its neighbours pulled down by the
        // cubic through it (-4/6 x 4 beside it), the band edges (8%: 3 columns) left at 0.
        QVERIFY2(bandMean[7] > 3.0f && bandMean[7] == *std::max_element(bandMean, bandMean + 32),
                 qPrintable(QString("%1 %2").arg(bandMean[7]).arg(bandMean[10])));
        QVERIFY2(std::abs(bandMean[12]) < 0.6f, qPrintable(QString::number(bandMean[12])));
        QCOMPARE(bandMean[0], 0.0f);
        QCOMPARE(bandMean[31], 0.0f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 DelayGraphPlan(grid, std::vector<double>(31, 1.0), 10.0));
        std::reverse(ghz.begin(), ghz.end());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DelayGraphPlan(grid, ghz, 10.0));
        // DM 40 at 0.5 s across 0.849..0.25 GHz on two rotations (144 bins of 5 degrees)
        // resampled to 128 rows: 4.148808 ms x 40 x (0.25^-2 - 0.849^-2) / 500 ms rotations,
        // 64 rows each.
        const double rotations = 4.148808 * 40.0 * (1.0 / 0.0625 - 1.0 / (0.849 * 0.849)) / 500.0;
        QVERIFY(std::abs(sweepBins(40.0, 0.5, 0.849, 0.25, 144, 5.0, 128) - 64.0 * rotations) <
                1e-9);
    }

    void bandProfileEdgeShareFollowsThePlan() {
        // A carrier of 4 noise units in column 2 of 32: inside the 8% edge (columns 0-2 left at
        // 0, the older models' band profile), outside the 4% one (columns 0-1) new models use.
        const NetworkGrid grid{64, 32};
        std::vector<double> ghz(32);
        for (std::size_t c = 0; c < ghz.size(); ++c) {
            ghz[c] = 0.849 - (0.849 - 0.25) * double(c) / 31.0;
        }
        twins::sdk::Random random(twins::sdk::streamSeed(5, 0));
        std::vector<float> planes(networkInputLength(grid));
        for (std::size_t i = 0; i < 2 * grid.pixels(); ++i) {
            planes[i] = float(random.normal());
        }
        for (std::size_t r = 0; r < 64; ++r) {
            planes[grid.pixels() + r * 32 + 2] += 4.0f;
        }
        float* side = planes.data() + 2 * grid.pixels();
        const float* band = side + 2 * delayGraphCells;
        sideInputs(planes.data(), DelayGraphPlan(grid, ghz, 50.0), side);
        QCOMPARE(band[2], 0.0f);
        sideInputs(planes.data(), DelayGraphPlan(grid, ghz, 50.0, 0.04), side);
        QVERIFY2(band[2] > 3.0f, qPrintable(QString::number(band[2])));
        QCOMPARE(band[1], 0.0f);
        QCOMPARE(band[30], 0.0f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DelayGraphPlan(grid, ghz, 50.0, 0.5));
    }

    void delayGraphWantsThePulseInBothRotations() {
        // A band-limited impulse (the top quarter of the band, 8 noise units, two rows) is what
        // the zero-DM filter leaves in part: its band mean is a quarter of it. It stands out in
        // the folded peak at small sweeps but not in the peak in both rotations, which a pulse
        // needs (and has: delayGraphPeaksAtThePulsesSweepAndIgnoresAnImpulse).
        const NetworkGrid grid{64, 32};
        std::vector<double> ghz(32);
        for (std::size_t c = 0; c < ghz.size(); ++c) {
            ghz[c] = 0.849 - (0.849 - 0.25) * double(c) / 31.0;
        }
        const DelayGraphPlan plan(grid, ghz, 200.0);
        twins::sdk::Random random(twins::sdk::streamSeed(4, 0));
        std::vector<float> planes(networkInputLength(grid));
        for (std::size_t i = 0; i < 2 * grid.pixels(); ++i) {
            planes[i] = float(random.normal());
        }
        for (std::size_t c = 0; c < 8; ++c) {
            planes[20 * 32 + c] += 8.0f;
            planes[21 * 32 + c] += 8.0f;
        }
        float* side = planes.data() + 2 * grid.pixels();
        sideInputs(planes.data(), plan, side);
        const float* folded = side;
        const float* both = side + delayGraphCells;
        const float foldedPeak = *std::max_element(folded, folded + 4);
        const float bothPeak = *std::max_element(both, both + delayGraphCells);
        QVERIFY2(foldedPeak > 5.0f, qPrintable(QString::number(foldedPeak)));
        QVERIFY2(bothPeak < 3.5f, qPrintable(QString::number(bothPeak)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 DelayGraphPlan(NetworkGrid{1, 32}, ghz, 10.0));
    }

    void thresholdsFromTheHeldOutSplit() {
        // 1,999 pulsar-free scores 0.0005 apart: for a rate of 0.001, k = floor(0.001 x 2000)
        // - 1 = 1, so the threshold is just above the second largest and one held-out frame
        // stays above it; expected rate 2 / 2000.
        std::vector<double> nulls;
        for (int i = 0; i < 1999; ++i) {
            nulls.push_back(0.0005 * i);
        }
        const FalseAlarmDecision decision = thresholdForExpectedFalseAlarmRate(nulls, 0.001);
        QVERIFY(decision.resolved);
        QCOMPARE(decision.allowedFalseAlarms, std::size_t(1));
        QVERIFY(decision.threshold > 0.0005 * 1997 && decision.threshold < 0.0005 * 1998);
        QCOMPARE(decision.expectedRate, 0.001);
        // 99 frames cannot resolve 0.001: above the largest, expected rate 1 / 100.
        const FalseAlarmDecision small =
            thresholdForExpectedFalseAlarmRate(std::vector<double>(99, 0.2), 0.001);
        QVERIFY(!small.resolved);
        QVERIFY(small.threshold > 0.2 && small.threshold < 0.2000001);
        QCOMPARE(small.expectedRate, 0.01);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 thresholdForExpectedFalseAlarmRate({}, 0.001));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 thresholdForExpectedFalseAlarmRate({0.1}, 0.0));
        // F1: scores 0.9 (yes), 0.8 (yes), 0.7 (no), 0.6 (yes), 0.3 (no), 0.2 (no). At 0.6:
        // 3 true of 4 predicted, F1 6/7; at 0.8: 2 of 2, F1 0.8; at 0.9: 2/4.
        const std::vector<double> scores{0.9, 0.8, 0.7, 0.6, 0.3, 0.2};
        const std::vector<bool> truth{true, true, false, true, false, false};
        QCOMPARE(f1BestThreshold(scores, truth), 0.6);
        // A tie (F1 2/3 at 0.9 and at 0.2) goes to the threshold nearer 0.5.
        QCOMPARE(f1BestThreshold({0.9, 0.8, 0.7, 0.2}, {true, false, false, true}), 0.2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 f1BestThreshold({0.5, 0.4}, {false, false}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f1BestThreshold({0.5}, {true, false}));
    }

    void masksOnTheGridMarkEveryCoveredCell() {
        // One channel of 600 (a 1-channel carrier) and one bin of 144 stay visible on 128 x 128.
        const std::size_t channels = 600, bins = 144;
        std::vector<std::uint8_t> mask(channels * bins, 0);
        for (std::size_t k = 0; k < bins; ++k) {
            mask[300 * bins + k] = 1;
        }
        const NetworkGrid grid{128, 128};
        const std::vector<float> out = networkMask(mask.data(), channels, bins, grid);
        std::size_t marked = 0;
        for (int r = 0; r < 128; ++r) {
            for (int j = 0; j < 128; ++j) {
                const bool on = out[std::size_t(r * 128 + j)] > 0.5f;
                marked += on ? 1 : 0;
                if (on) {
                    QCOMPARE(j, 64); // channel 300 of 600: column 300 * 128 / 600 = 64
                }
            }
        }
        QCOMPARE(marked, std::size_t(128));
    }

    void confusionCountsAndRates() {
        const std::vector<bool> truth{true, true, true, false, false, false, false};
        const std::vector<bool> predicted{true, true, false, true, false, false, false};
        const BinaryCounts c = countBinary(truth, predicted);
        QCOMPARE(c.truePositives, std::size_t(2));
        QCOMPARE(c.falseNegatives, std::size_t(1));
        QCOMPARE(c.falsePositives, std::size_t(1));
        QCOMPARE(c.trueNegatives, std::size_t(3));
        QVERIFY(std::abs(c.accuracy() - 5.0 / 7.0) < 1e-12);
        QVERIFY(std::abs(c.precision() - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(c.recall() - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(c.f1() - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(c.falsePositiveRate() - 0.25) < 1e-12);
        QVERIFY(std::isnan(countBinary({false}, {false}).recall()));
    }

    void wilsonIntervalsMatchTheFormula() {
        // Reference values (Newcombe 1998, table I, method 3): 0/10 -> 0 to 0.2775,
        // 81/263 -> 0.2553 to 0.3662.
        Interval i = wilsonInterval(0, 10);
        QVERIFY(std::abs(i.low) < 1e-12 && std::abs(i.high - 0.2775) < 1e-4);
        i = wilsonInterval(81, 263);
        QVERIFY2(std::abs(i.low - 0.2553) < 1e-4 && std::abs(i.high - 0.3662) < 1e-4,
                 qPrintable(QString("%1 %2").arg(i.low).arg(i.high)));
        QVERIFY(std::isnan(wilsonInterval(0, 0).low));
    }

    void rocAucCountsTiesAsHalf() {
        QCOMPARE(rocAuc({0.1, 0.4, 0.35, 0.8}, {false, false, true, true}), 0.75);
        QCOMPARE(rocAuc({0.5, 0.5}, {false, true}), 0.5);
        QCOMPARE(rocAuc({1, 2, 3}, {false, true, true}), 1.0);
        QVERIFY(std::isnan(rocAuc({1, 2}, {true, true})));
        const std::vector<RocPoint> curve =
            rocCurve({0.1, 0.4, 0.35, 0.8}, {false, false, true, true}, 0.0);
        QCOMPARE(curve.front().falsePositiveRate, 0.0);
        QCOMPARE(curve.front().truePositiveRate, 0.0);
        QCOMPARE(curve.back().falsePositiveRate, 1.0);
        QCOMPARE(curve.back().truePositiveRate, 1.0);
        QCOMPARE(curve.size(), std::size_t(5));
        QCOMPARE(curve[2].truePositiveRate, 0.5); // threshold 0.4: one positive, one negative
        QCOMPARE(curve[2].falsePositiveRate, 0.5);
    }

    void figuresAtALowPrevalenceComeFromThePerClassRates() {
        // 950 of 1000 pulsars found, 3 false alarms in 10,000 pulsar-free frames, at 0.2%.
        const PrevalenceFigures f = atPrevalence(950, 1000, 3, 10000, 0.002);
        QVERIFY(std::abs(f.recall - 0.95) < 1e-12);
        QVERIFY(std::abs(f.falseAlarmsPerThousand - 0.2994) < 1e-9);
        const Interval fpr = wilsonInterval(3, 10000);
        QVERIFY(std::abs(f.falseAlarmsPerThousandInterval.high - 998.0 * fpr.high) < 1e-9);
        QVERIFY(f.falseAlarmsPerThousandInterval.low < f.falseAlarmsPerThousand);
        QVERIFY(std::abs(f.precision - 0.002 * 0.95 / (0.002 * 0.95 + 0.998 * 3e-4)) < 1e-12);
    }

    void thePeersThresholdGivesTheFalseAlarmCount() {
        const std::vector<double> nulls{3.0, 9.0, 4.0, 7.0, 5.0};
        for (std::size_t k = 0; k < nulls.size(); ++k) {
            const double t = thresholdForFalseAlarms(nulls, k);
            const auto above =
                std::count_if(nulls.begin(), nulls.end(), [&](double s) { return s > t; });
            QCOMPARE(std::size_t(above), k);
        }
        QVERIFY(std::isinf(thresholdForFalseAlarms(nulls, 5)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, thresholdForFalseAlarms({}, 0));
    }
};

QTEST_GUILESS_MAIN(PulsarClassifierMathTest)
#include "PulsarClassifierMathTest.moc"
