// Baseline image tests (issue 5 acceptance): maps in two projections with coastlines, a VSUP
// map, a hatched map, a volume, a spectrogram and a comparison chart, rendered offscreen at a
// fixed size and compared with PNGs under tests/baselines/ with a tolerance. Each test also
// renders a deliberately wrong variant (other colour map, no coastlines, no hatching, other
// transfer function, ...) and checks that it would fail, so the tolerances stay tight enough
// to matter; and renders twice to check that rendering is deterministic.
// TWINBENCH_UPDATE_BASELINES=1 rewrites the baselines.
#include "ImageBaseline.h"
#include "MapTestFields.h"
#include "UncertaintyTestFields.h"
#include "VolumeSpectrogramTestData.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/ComparisonChart.h"
#include "twinbench/viz/Hatching.h"
#include "twinbench/viz/MapScene.h"
#include "twinbench/viz/OffscreenFigure.h"
#include "twinbench/viz/SpectrogramScene.h"
#include "twinbench/viz/VolumeScene.h"
#include "twinbench/viz/Vsup.h"
#include "twinbench/viz/VtkVersion.h"

#include <QApplication>
#include <QDir>
#include <QTest>

#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkProperty.h>

#include <functional>

using namespace twins::viz;
using twins::testing::BaselineTolerance;
using twins::testing::BaselineUse;
using twins::testing::compareWithBaseline;

namespace {
const QSize mapSize(600, 390);
const QSize chartSize(480, 360);
const QSize spectrogramSize(560, 400);
const QSize volumeSize(700, 392);

// Maps have thin lines and text whose anti-aliasing differs by a level or two between Mesa
// builds; allow 0.2% of pixels. Wrong colour maps change ~30%, missing coastlines ~2%.
const BaselineTolerance tolerance{8, 0.002};

void saveScreenshot(const QImage& image, const QString& name) {
    const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
    QDir().mkpath(directory);
    image.save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

QImage renderMap(MapScene& scene, QSize size) {
    scene.fitCamera(size.width(), size.height());
    return renderOffscreen({scene.renderer()}, size, figureDpi(size, QSize(1000, 650)));
}

// MapScene has no switch for coastlines; the test finds the coastline actor by its colour
// (MapScene draws coasts in 8% grey) to render the map without them.
int hideCoastlines(MapScene& scene) {
    int hidden = 0;
    vtkActorCollection* actors = scene.renderer()->GetActors();
    actors->InitTraversal();
    while (vtkActor* actor = actors->GetNextActor()) {
        const double* rgb = actor->GetProperty()->GetColor();
        if (std::abs(rgb[0] - 0.08) < 1e-6 && std::abs(rgb[1] - 0.08) < 1e-6 &&
            std::abs(rgb[2] - 0.08) < 1e-6) {
            actor->VisibilityOff();
            ++hidden;
        }
    }
    return hidden;
}

std::unique_ptr<MapScene> quadrantMap(ProjectionKind projection) {
    auto scene = std::make_unique<MapScene>();
    scene->setProjection(MapProjection(projection));
    scene->setField(twins::testing::quadrantField());
    return scene;
}
} // namespace

class BaselineImageTest : public QObject {
    Q_OBJECT

    // Compares with the baseline, checks a second render is identical, and that the wrong
    // variant fails against the same baseline.
    void checkBaseline(const QString& name, const std::function<QImage()>& render,
                       const std::function<QImage()>& renderWrong, const char* wrongWhat) {
        const QImage image = render();
        QVERIFY(!image.isNull());
        saveScreenshot(image, QStringLiteral("baseline-") + name);
        TB_COMPARE_BASELINE(image, name, tolerance);
        const QImage again = render();
        QVERIFY2(again == image, qPrintable(name + QStringLiteral(": a second render differs")));
        if (twins::testing::updatingBaselines()) {
            return;
        }
        const QImage wrong = renderWrong();
        saveScreenshot(wrong, QStringLiteral("baseline-") + name + QStringLiteral("-wrong"));
        const auto probe = compareWithBaseline(wrong, name, tolerance, BaselineUse::Probe);
        qInfo("%s (%s): %s", wrongWhat, probe.passed ? "PASSES, wrongly" : "fails as it should",
              qPrintable(probe.message));
        QVERIFY2(!probe.passed, qPrintable(QStringLiteral("%1 still matches the baseline: %2")
                                               .arg(QLatin1String(wrongWhat), probe.message)));
    }

private slots:
    void initTestCase() { vtkOpenGLRenderWindow::SetGlobalMaximumNumberOfMultiSamples(0); }

    void robinsonMapWithCoastlines() {
        checkBaseline(
            QStringLiteral("map-robinson"),
            [] {
                auto scene = quadrantMap(ProjectionKind::Robinson);
                return renderMap(*scene, mapSize);
            },
            [] {
                auto scene = quadrantMap(ProjectionKind::Robinson);
                scene->setColorMap(QStringLiteral("magma"));
                return renderMap(*scene, mapSize);
            },
            "the Robinson map with magma instead of viridis");
        auto scene = quadrantMap(ProjectionKind::Robinson);
        QCOMPARE(hideCoastlines(*scene), 1);
        const QImage noCoast = renderMap(*scene, mapSize);
        if (!twins::testing::updatingBaselines()) {
            const auto probe = compareWithBaseline(noCoast, QStringLiteral("map-robinson"),
                                                   tolerance, BaselineUse::Probe);
            qInfo("without coastlines: %s", qPrintable(probe.message));
            QVERIFY2(!probe.passed, qPrintable(probe.message));
        }
    }

    void northPolarStereographicMapWithCoastlines() {
        checkBaseline(
            QStringLiteral("map-north-polar"),
            [] {
                auto scene = quadrantMap(ProjectionKind::NorthPolarStereographic);
                return renderMap(*scene, mapSize);
            },
            [] {
                auto scene = quadrantMap(ProjectionKind::NorthPolarStereographic);
                hideCoastlines(*scene);
                return renderMap(*scene, mapSize);
            },
            "the polar map without coastlines");
    }

    void vsupMap() {
        const auto render = [](const QString& colorMap) {
            auto scene = quadrantMap(ProjectionKind::Robinson);
            scene->setColorMap(colorMap);
            scene->setVsupUncertainty(twins::testing::quadrantUncertainty(),
                                      VsupPalette(ColorMap::named(colorMap), 8, 4));
            return renderMap(*scene, mapSize);
        };
        checkBaseline(
            QStringLiteral("map-vsup"), [&] { return render(QStringLiteral("viridis")); },
            [&] { return render(QStringLiteral("cividis")); },
            "the VSUP map built on cividis instead of viridis");
    }

    void hatchedMap() {
        const auto render = [](bool hatched) {
            auto field = twins::testing::quadrantField();
            std::fill(field->values.begin(), field->values.end(), 3.0f);
            auto scene = std::make_unique<MapScene>();
            scene->setProjection(MapProjection(ProjectionKind::Robinson));
            scene->setField(field);
            scene->setColorRange(0.0, 3.0);
            if (hatched) {
                const EnsembleField changes =
                    makeEnsemble(*field, twins::testing::robustnessBandChanges(*field));
                scene->setHatching(classifyEnsembleChanges(changes, 0.5));
            }
            return renderMap(*scene, mapSize);
        };
        checkBaseline(
            QStringLiteral("map-hatched"), [&] { return render(true); },
            [&] { return render(false); }, "the map without its hatching");
    }

    void volume() {
        const auto render = [](const QString& colorMap) {
            VolumeScene scene;
            scene.setVolume(twins::testing::syntheticShower());
            scene.setLogScale(true);
            scene.setTransferFunction(TransferFunction::fromColorMap(ColorMap::named(colorMap)));
            return scene.renderImage(volumeSize);
        };
        checkBaseline(
            QStringLiteral("volume-shower"), [&] { return render(QStringLiteral("viridis")); },
            [&] { return render(QStringLiteral("magma")); },
            "the volume with a magma transfer function instead of viridis");
    }

    void spectrogram() {
        const auto render = [](const QString& colorMap) {
            SpectrogramStyle style;
            style.colorMap = colorMap;
            const SpectrogramScene scene(twins::testing::syntheticPulsar(), style);
            return scene.renderImage(spectrogramSize);
        };
        checkBaseline(
            QStringLiteral("spectrogram-pulsar"), [&] { return render(QStringLiteral("viridis")); },
            [&] { return render(QStringLiteral("cividis")); },
            "the spectrogram with cividis instead of viridis");
    }

    void comparisonChart() {
        checkBaseline(
            QStringLiteral("comparison-histogram"),
            [] {
                const ComparisonChart chart(twins::testing::energyHistogramComparison());
                return chart.renderImage(chartSize);
            },
            [] {
                auto spec = twins::testing::energyHistogramComparison();
                spec.ratioPanel = false;
                const ComparisonChart chart(spec);
                return chart.renderImage(chartSize);
            },
            "the chart without its ratio panel");
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    BaselineImageTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "BaselineImageTest.moc"
