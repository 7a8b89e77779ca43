// The classifier two-sample test's features (plugins/calogan/core/ClassifierFeatures.h, issue
// 23 item 3): exact values on a hand-made shower, and what a simulated shower must show.
#include "CascadeShower.h"
#include "ClassifierFeatures.h"
#include "Geometry.h"
#include "ShowerSimulator.h"

#include <QTest>

#include <cmath>
#include <vector>

class CaloFeaturesTest : public QObject {
    Q_OBJECT

private slots:
    void handMadeShower() {
        // Layer 3: 1 GeV on the central pad and 1 GeV two pads further in x.
        std::vector<float> cells(calo::cellsPerShower, 0.0f);
        cells[calo::cellIndex(25, 25, 3)] = 1.0f;
        cells[calo::cellIndex(27, 25, 3)] = 1.0f;
        const calo::ClassifierFeatures features = calo::classifierFeatures(cells.data());
        QCOMPARE(features.layerEnergyGeV[3], 2.0);
        QVERIFY(std::abs(features.centroidXMm[3] - calo::cellSizeMm) < 1e-9);
        QCOMPARE(features.centroidYMm[3], 0.0);
        QVERIFY(std::abs(features.widthXMm[3] - calo::cellSizeMm) < 1e-9);
        QCOMPARE(features.widthYMm[3], 0.0);
        QCOMPARE(features.layerEnergyGeV[4], 0.0);
        QCOMPARE(features.widthXMm[4], 0.0);
        const auto row = features.row();
        QCOMPARE(int(row.size()), 125);
        QCOMPARE(row[3], 2.0);
        QCOMPARE(row[calo::layers + 3], features.centroidXMm[3]);
        QCOMPARE(row[3 * calo::layers + 3], features.widthXMm[3]);
    }

    void rocAucAndCurve() {
        // scikit-learn's roc_auc_score example: 0.75, and the curve's trapezoid area equals it.
        const std::vector<double> scores{0.1, 0.4, 0.35, 0.8};
        const std::vector<int> labels{0, 0, 1, 1};
        QCOMPARE(calo::rocAuc(scores, labels), 0.75);
        const auto curve = calo::rocCurve(scores, labels);
        const std::vector<std::pair<double, double>> expected{
            {0.0, 0.0}, {0.0, 0.5}, {0.5, 0.5}, {0.5, 1.0}, {1.0, 1.0}};
        QCOMPARE(curve.size(), expected.size());
        double area = 0.0;
        for (std::size_t i = 0; i < curve.size(); ++i) {
            QCOMPARE(curve[i].falsePositiveRate, expected[i].first);
            QCOMPARE(curve[i].truePositiveRate, expected[i].second);
            if (i > 0) {
                area += 0.5 * (curve[i].falsePositiveRate - curve[i - 1].falsePositiveRate) *
                        (curve[i].truePositiveRate + curve[i - 1].truePositiveRate);
            }
        }
        QCOMPARE(area, 0.75);
        // Ties count half; a perfect and an inverted separation; one class alone has no AUC.
        QCOMPARE(calo::rocAuc({1.0, 1.0}, {0, 1}), 0.5);
        QCOMPARE(calo::rocCurve({1.0, 1.0}, {0, 1}).size(), std::size_t(2));
        QCOMPARE(calo::rocAuc({0.0, 1.0, 2.0}, {0, 1, 1}), 1.0);
        QCOMPARE(calo::rocAuc({2.0, 1.0, 0.0}, {0, 1, 1}), 0.0);
        QVERIFY(std::isnan(calo::rocAuc({1.0, 2.0}, {1, 1})));
        QVERIFY(calo::rocCurve({1.0, 2.0}, {1, 1}).empty());
    }

    void simulatedShowerWidensWithDepth() {
        // A 10 GeV cascade shower at normal incidence: the layers hold all the visible energy,
        // the mean centroid of layers 2-10 stays within a pad of the entry (spread over the
        // central pad), and the shower is wider behind its maximum than at its start.
        const calo::cascade::CascadeShowerSimulator simulator(11);
        std::vector<float> cells;
        double early = 0.0, late = 0.0;
        std::vector<double> meanX(calo::layers, 0.0), meanY(calo::layers, 0.0);
        for (int i = 0; i < 10; ++i) {
            const calo::ShowerTruth truth = simulator.simulate({10.0, 90.0}, i, cells);
            const calo::ClassifierFeatures features = calo::classifierFeatures(cells.data());
            double sum = 0.0;
            for (double e : features.layerEnergyGeV) {
                sum += e;
            }
            QVERIFY(std::abs(sum / truth.visibleGeV - 1.0) < 1e-5);
            for (int layer = 2; layer < 11; ++layer) {
                meanX[layer] += features.centroidXMm[layer] / 10;
                meanY[layer] += features.centroidYMm[layer] / 10;
            }
            early += features.widthXMm[1] + features.widthYMm[1];
            late += features.widthXMm[12] + features.widthYMm[12];
        }
        for (int layer = 2; layer < 11; ++layer) {
            QVERIFY2(std::abs(meanX[layer]) < calo::cellSizeMm &&
                         std::abs(meanY[layer]) < calo::cellSizeMm,
                     qPrintable(QString::number(layer)));
        }
        qInfo("mean width in layer 1: %.2f mm, in layer 12: %.2f mm", early / 20, late / 20);
        QVERIFY(late > 1.5 * early);
    }
};

QTEST_GUILESS_MAIN(CaloFeaturesTest)
#include "CaloFeaturesTest.moc"
