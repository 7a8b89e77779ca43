// Uncertainty encodings without rendering: CIELAB conversions, the VSUP palette's tree
// quantisation and lightness, AR6 robustness classification of hand-made ensembles, and the
// ensemble statistics (mean, spread, exceedance probability).
#include "UncertaintyTestFields.h"
#include "twinbench/viz/Cielab.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/Ensemble.h"
#include "twinbench/viz/Hatching.h"
#include "twinbench/viz/Vsup.h"
#include "twinbench/viz/VsupLayer.h"

#include <QTest>

#include <cmath>

using namespace twins::viz;

class UncertaintyPaletteTest : public QObject {
    Q_OBJECT

private slots:
    void labRoundTripWithinOneLevel() {
        // Every 5th value per channel (52^3 colours) and the extremes.
        int worst = 0;
        for (int r = 0; r <= 255; r += 5) {
            for (int g = 0; g <= 255; g += 5) {
                for (int b = 0; b <= 255; b += 5) {
                    const QColor back = colorOfLab(labOf(QColor(r, g, b)));
                    worst = std::max({worst, std::abs(back.red() - r), std::abs(back.green() - g),
                                      std::abs(back.blue() - b)});
                }
            }
        }
        QVERIFY2(worst <= 1, qPrintable(QStringLiteral("round trip off by %1/255").arg(worst)));
    }

    void labReferenceValues() {
        // Published CIELAB (D65) values: white L*=100, black 0, sRGB red (53.24, 80.09, 67.20).
        const Lab white = labOf(QColor(255, 255, 255));
        QVERIFY(std::abs(white.L - 100.0) < 0.01 && std::abs(white.a) < 0.01 &&
                std::abs(white.b) < 0.01);
        QVERIFY(std::abs(labOf(QColor(0, 0, 0)).L) < 0.01);
        const Lab red = labOf(QColor(255, 0, 0));
        QVERIFY2(std::abs(red.L - 53.24) < 0.05 && std::abs(red.a - 80.09) < 0.05 &&
                     std::abs(red.b - 67.20) < 0.05,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(red.L).arg(red.a).arg(red.b)));
    }

    void binsHalvePerLevel() {
        const VsupPalette palette(ColorMap::named("viridis"), 16, 5);
        QCOMPARE(palette.levels(), 5);
        for (int level = 0; level < 5; ++level) {
            QCOMPARE(palette.binsAtLevel(level), 16 >> level);
        }
        QCOMPARE(palette.colorCount(), 16 + 8 + 4 + 2 + 1);
        // Tree: a bin at level l + 1 covers exactly bins 2b and 2b + 1 at level l.
        for (int level = 0; level + 1 < 5; ++level) {
            for (int bin = 0; bin < palette.binsAtLevel(level); ++bin) {
                const double t = palette.binCentre(level, bin);
                QCOMPARE(palette.binOf(t, level + 1), bin / 2);
            }
        }
        QVERIFY_THROWS_EXCEPTION(VsupError, VsupPalette(ColorMap::named("viridis"), 12, 3));
        QVERIFY_THROWS_EXCEPTION(VsupError, VsupPalette(ColorMap::named("viridis"), 4, 4));
        QVERIFY_THROWS_EXCEPTION(VsupError, VsupPalette(ColorMap::named("jet"), 8, 4));
    }

    void lightnessIncreasesWithUncertainty() {
        for (const char* name : {"viridis", "cividis", "magma"}) {
            const VsupPalette palette(ColorMap::named(name), 8, 4);
            double previousMean = -1.0;
            for (int level = 0; level < palette.levels(); ++level) {
                double sum = 0.0;
                for (int bin = 0; bin < palette.binsAtLevel(level); ++bin) {
                    const double lightness = labOf(palette.color(level, bin)).L;
                    sum += lightness;
                    // Each colour is lighter than the unsuppressed base colour it comes from.
                    const double base =
                        labOf(palette.baseMap().colorAt(palette.binCentre(level, bin))).L;
                    if (level > 0) {
                        QVERIFY2(lightness > base + 1.0,
                                 qPrintable(QStringLiteral("%1 level %2 bin %3: L* %4 vs base %5")
                                                .arg(name)
                                                .arg(level)
                                                .arg(bin)
                                                .arg(lightness)
                                                .arg(base)));
                    }
                }
                const double mean = sum / palette.binsAtLevel(level);
                QVERIFY2(mean > previousMean + 3.0,
                         qPrintable(QStringLiteral("%1: mean L* %2 at level %3 after %4")
                                        .arg(name)
                                        .arg(mean)
                                        .arg(level)
                                        .arg(previousMean)));
                previousMean = mean;
            }
        }
    }

    void lowestLevelReproducesBaseMap() {
        const ColorMap viridis = ColorMap::named("viridis");
        const VsupPalette palette(viridis, 8, 4);
        for (int bin = 0; bin < 8; ++bin) {
            const QColor expected = viridis.colorAt((bin + 0.5) / 8.0);
            const QColor actual = palette.color(0, bin);
            QVERIFY2(std::abs(actual.red() - expected.red()) <= 1 &&
                         std::abs(actual.green() - expected.green()) <= 1 &&
                         std::abs(actual.blue() - expected.blue()) <= 1,
                     qPrintable(actual.name() + " vs " + expected.name()));
        }
        // Value and uncertainty look-up: certain low value -> bin 0 of level 0; fully
        // uncertain -> the single top colour whatever the value.
        QCOMPARE(palette.colorFor(0.0, 0.0), palette.color(0, 0));
        QCOMPARE(palette.colorFor(0.1, 1.0), palette.colorFor(0.9, 1.0));
        QVERIFY(palette.colorFor(0.1, 0.0) != palette.colorFor(0.9, 0.0));
    }

    void vsupIndexFieldUsesBothArrays() {
        const auto value = twins::testing::quadrantField();
        const auto uncertainty = twins::testing::quadrantUncertainty();
        const VsupPalette palette(ColorMap::named("viridis"), 8, 4);
        const auto indices = vsupIndexField(*value, *uncertainty, palette, {0.0, 3.0, 0.0, 1.0});
        // South-west: value 0, certain -> level 0 bin 0; north-east: value 3, u = 1 -> top.
        QCOMPARE(indices->at(0, 0), float(palette.indexOf(0, 0)));
        QCOMPARE(indices->at(value->width - 1, value->height - 1), float(palette.indexOf(3, 0)));
        // North-west: value 2 (t = 2/3), u = 0.5 -> level 2 (2 bins), bin 1.
        QCOMPARE(indices->at(0, value->height - 1), float(palette.indexOf(2, 1)));
        auto other = twins::testing::quadrantField();
        other->x.pop_back();
        other->width -= 1;
        QVERIFY_THROWS_EXCEPTION(VsupError, checkSameGrid(*value, *other));
    }

    void robustnessClassesFromFractions() {
        QCOMPARE(classifyRobustness(0.8, 0.9), Robustness::Robust);
        QCOMPARE(classifyRobustness(0.66, 0.8), Robustness::Robust);
        QCOMPARE(classifyRobustness(0.6, 1.0), Robustness::NoRobustSignal);
        QCOMPARE(classifyRobustness(0.7, 0.7), Robustness::ConflictingSignals);
        QCOMPARE(classifyRobustness(std::nan(""), 0.9), Robustness::Missing);
    }

    void robustnessClassesFromHandMadeEnsemble() {
        const auto grid = twins::testing::quadrantField();
        const EnsembleField changes =
            makeEnsemble(*grid, twins::testing::robustnessBandChanges(*grid));
        const RobustnessMap map = classifyEnsembleChanges(changes, 0.5);
        QCOMPARE(map.members, 5);
        for (std::size_t column = 0; column < grid->width; ++column) {
            const Robustness expected = [&]() {
                switch (twins::testing::bandOf(grid->x[column])) {
                case twins::testing::Band::NoSignal:
                    return Robustness::NoRobustSignal;
                case twins::testing::Band::Conflicting:
                    return Robustness::ConflictingSignals;
                case twins::testing::Band::Robust:
                    break;
                }
                return Robustness::Robust;
            }();
            QCOMPARE(map.at(column, 3), expected);
        }
        QVERIFY(map.count(Robustness::Robust) > 0);
        QVERIFY(map.count(Robustness::NoRobustSignal) > 0);
        QVERIFY(map.count(Robustness::ConflictingSignals) > 0);
        // 4 of 5 members agreeing on the sign is 80%: robust. 2 of 3 exceeding: 66.7% >= 66%.
        auto members = twins::testing::robustnessBandChanges(*grid);
        members[3].assign(members[3].size(), 1.0f);
        const RobustnessMap fourOfFive = classifyEnsembleChanges(makeEnsemble(*grid, members), 0.5);
        QCOMPARE(fourOfFive.at(grid->width - 1, 0), Robustness::Robust);
        std::vector<std::vector<float>> three(3, std::vector<float>(grid->values.size(), 1.0f));
        three[2].assign(three[2].size(), 0.1f);
        QCOMPARE(classifyEnsembleChanges(makeEnsemble(*grid, three), 0.5).at(0, 0),
                 Robustness::Robust);
        // A missing member does not count; a cell with none is Missing.
        three[0][0] = three[1][0] = three[2][0] = std::nanf("");
        QCOMPARE(classifyEnsembleChanges(makeEnsemble(*grid, three), 0.5).at(0, 0),
                 Robustness::Missing);
        QVERIFY(hatchingCaption(map).contains("66%"));
        QVERIFY(hatchingCaption(map).contains("80%"));
    }

    void ensembleStatistics() {
        const auto grid = twins::testing::quadrantField();
        std::vector<std::vector<float>> members;
        for (const float offset : {1.0f, 2.0f, 3.0f, 6.0f}) {
            members.emplace_back(grid->values.size(), offset);
        }
        members[0][5] = std::nanf("");
        const EnsembleField ensemble = makeEnsemble(*grid, members);
        const auto mean = ensembleMean(ensemble);
        QCOMPARE(mean.values[0], 3.0f);
        QCOMPARE(mean.values[5], float(11.0 / 3.0));
        const auto spread = ensembleSpread(ensemble);
        // Sample standard deviation of 1, 2, 3, 6: sqrt(14 / 3).
        QVERIFY(std::abs(spread.values[0] - std::sqrt(14.0 / 3.0)) < 1e-5);
        QCOMPARE(QString::fromStdString(spread.title()),
                 QStringLiteral("Ensemble spread (standard deviation) [K]"));
        const auto probability = exceedanceProbability(ensemble, 2.5);
        QCOMPARE(probability.values[0], 0.5f);
        QCOMPARE(probability.values[5], float(2.0 / 3.0));
        QCOMPARE(QString::fromStdString(probability.title()),
                 QStringLiteral("Probability that t2m > 2.5 K"));
        QVERIFY(isEnsembleDimensionName("realization"));
        QVERIFY(isEnsembleDimensionName("ensemble_member"));
        QVERIFY(!isEnsembleDimensionName("time"));
        QVERIFY_THROWS_EXCEPTION(EnsembleError, makeEnsemble(*grid, {members[0]}));
    }
};

QTEST_GUILESS_MAIN(UncertaintyPaletteTest)
#include "UncertaintyPaletteTest.moc"
