// The ensemble aggregation of the cyclone CNN (core/EnsembleConsensus): hand-made member
// outputs for one patch with known answers for the voters, Tukey-fence outliers, the mean
// position, the spread, the confidence and the consensus count.
#include "EnsembleConsensus.h"

#include <QTest>

#include <cmath>

using namespace cyclone;

class CycloneEnsembleTest : public QObject {
    Q_OBJECT

private slots:
    void confidenceOfOutputs() {
        QCOMPARE(centreConfidence({-1.0f, -1.0f}), 0.0);
        QCOMPARE(centreConfidence({0.3f, 0.9f}), 1.0);
        QCOMPARE(centreConfidence({-0.25f, 0.5f}), 0.75);
        QCOMPARE(centreConfidence({-3.0f, 0.5f}), 0.0);
    }

    void quantilesAsNumpyLinear() {
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.75]) = [1.75, 3.25]
        QCOMPARE(sortedQuantile({1, 2, 3, 4}, 0.25), 1.75);
        QCOMPARE(sortedQuantile({1, 2, 3, 4}, 0.75), 3.25);
        QCOMPARE(sortedQuantile({5}, 0.25), 5.0);
    }

    void singleMemberIsTheCnnItself() {
        const TileConsensus verdict = tileConsensus({{0.25f, 0.5f}}, {0.5, 1});
        QVERIFY(verdict.detected);
        QCOMPARE(verdict.row, 0.25);
        QCOMPARE(verdict.column, 0.5);
        QCOMPARE(verdict.rowSpread, 0.0);
        QCOMPARE(verdict.confidence, 1.0);
        QCOMPARE(verdict.members, (std::vector<std::size_t>{0}));
        QVERIFY(!tileConsensus({{-1.0f, -1.0f}}, {0.5, 1}).detected);
        // Confidence 0.6 (output -0.4) passes 0.5 but not 0.7.
        QVERIFY(tileConsensus({{-0.4f, 0.2f}}, {0.5, 1}).detected);
        QVERIFY(!tileConsensus({{-0.4f, 0.2f}}, {0.7, 1}).detected);
    }

    // Six members: four agree, one is far off in rows, one says "none".
    void outliersBeyondTukeyFencesAreDropped() {
        const std::vector<MemberOutput> outputs{{0.48f, 0.40f}, {0.50f, 0.44f}, {0.52f, 0.48f},
                                                {0.50f, 0.42f}, {0.95f, 0.46f}, {-1.0f, -1.0f}};
        // Columns of the voters 0.40 0.44 0.48 0.42 0.46: Q1 0.42, Q3 0.46, fences [0.36, 0.52]:
        // no column outlier. Rows: fences [0.47, 0.55] drop member 4 (row 0.95).
        const TileConsensus verdict = tileConsensus(outputs, {0.5, 3});
        QVERIFY(verdict.detected);
        QCOMPARE(verdict.voters, 5);
        QCOMPARE(verdict.kept, 4);
        QCOMPARE(verdict.members, (std::vector<std::size_t>{0, 1, 2, 3}));
        QVERIFY(std::fabs(verdict.row - 0.50) < 1e-6);
        QVERIFY(std::fabs(verdict.column - 0.435) < 1e-6);
        // Sample standard deviation of rows 0.48 0.50 0.52 0.50: sqrt(0.0008 / 3).
        QVERIFY(std::fabs(verdict.rowSpread - std::sqrt(0.0008 / 3.0)) < 1e-6);
        // Columns 0.40 0.44 0.48 0.42: mean 0.435, squares 0.001225+0.000025+0.002025+0.000225.
        QVERIFY(std::fabs(verdict.columnSpread - std::sqrt(0.0035 / 3.0)) < 1e-6);
        // Four kept members of confidence 1 out of six members.
        QVERIFY(std::fabs(verdict.confidence - 4.0 / 6.0) < 1e-12);
    }

    void consensusCountsMembersAfterOutliers() {
        const std::vector<MemberOutput> outputs{{0.48f, 0.40f}, {0.50f, 0.44f}, {0.52f, 0.48f},
                                                {0.50f, 0.42f}, {0.95f, 0.46f}, {-1.0f, -1.0f}};
        QVERIFY(tileConsensus(outputs, {0.5, 4}).detected);
        // Five vote, but only four survive the fences.
        const TileConsensus five = tileConsensus(outputs, {0.5, 5});
        QVERIFY(!five.detected);
        QCOMPARE(five.voters, 5);
        QCOMPARE(five.kept, 4);
        // Two of six voting is not a consensus of three, whatever their agreement.
        QVERIFY(
            !tileConsensus({{0.5f, 0.5f}, {0.5f, 0.5f}, {-1, -1}, {-1, -1}}, {0.5, 3}).detected);
    }

    void twoMembersNeverFenceEachOtherOut() {
        // With two voters the quartiles lie between them, so both are kept and averaged.
        const TileConsensus verdict = tileConsensus({{0.2f, 0.2f}, {0.8f, 0.6f}}, {0.5, 2});
        QVERIFY(verdict.detected);
        QCOMPARE(verdict.kept, 2);
        QVERIFY(std::fabs(verdict.row - 0.5) < 1e-6);
        QVERIFY(std::fabs(verdict.column - 0.4) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(CycloneEnsembleTest)
#include "CycloneEnsembleTest.moc"
