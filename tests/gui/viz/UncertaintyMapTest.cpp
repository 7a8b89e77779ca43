// Uncertainty encodings rendered in MapView under Xvfb: VSUP colours at known cells match the
// palette and the wedge replaces the colour bar; hatch line pixels appear over non-robust
// cells (twice as dense where cross-hatched) and not over robust ones; the caption states the
// encoding; linked mean/spread views follow each other's camera.
#include "GuiTestSupport.h"
#include "UncertaintyTestFields.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/Hatching.h"
#include "twinbench/viz/LinkedMapViews.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/Vsup.h"
#include "twinbench/viz/VtkVersion.h"

#include <QApplication>
#include <QDir>
#include <QTest>
#include <QWheelEvent>

#include <vtkCamera.h>

#include <memory>

using namespace twins::viz;

namespace {
bool waitForFrame(MapView& view) {
    const int before = view.frameCount();
    view.update();
    return QTest::qWaitFor([&]() { return view.frameCount() > before; }, 5000);
}

void saveScreenshot(const QImage& image, const QString& name) {
    const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
    QDir().mkpath(directory);
    image.save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// Pixels darker than every field colour used here (hatch lines are 12% grey; viridis' darkest
// entry is (68, 1, 84), excluded by requiring all channels low).
bool isHatchPixel(QColor colour) {
    return colour.red() < 70 && colour.green() < 70 && colour.blue() < 70;
}

// Hatch-dark pixels in a square of `radius` logical pixels around a point.
int darkPixelsAround(const QImage& image, QPointF centre, int radius) {
    const qreal ratio = image.devicePixelRatio();
    int count = 0;
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const int x = qRound((centre.x() + dx) * ratio);
            const int y = qRound((centre.y() + dy) * ratio);
            if (image.rect().contains(x, y) && isHatchPixel(image.pixelColor(x, y))) {
                ++count;
            }
        }
    }
    return count;
}
} // namespace

class UncertaintyMapTest : public QObject {
    Q_OBJECT

    std::unique_ptr<MapView> m_view;

    QImage grab(const QString& name) {
        m_view->resetCamera();
        if (!waitForFrame(*m_view)) {
            return {};
        }
        const QImage frame = m_view->grabFramebuffer();
        saveScreenshot(frame, name);
        return frame;
    }

private slots:
    void init() {
        m_view = std::make_unique<MapView>();
        m_view->resize(1000, 620);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QVERIFY(waitForFrame(*m_view));
        QVERIFY2(m_view->graphicsError().isEmpty(), qPrintable(m_view->graphicsError()));
    }

    void cleanup() { m_view.reset(); }

    void vsupColoursAtKnownCellsMatchPalette() {
        QVERIFY(m_view->setField(twins::testing::quadrantField()));
        const VsupPalette palette(ColorMap::named("viridis"), 8, 4);
        m_view->scene().setVsupUncertainty(twins::testing::quadrantUncertainty(), palette);
        QVERIFY(m_view->scene().hasVsup());
        const QImage frame = grab("uncertainty-vsup");
        QVERIFY(!frame.isNull());
        // Values 0..3 over range 0..3, uncertainty 0 (south), 0.5 (NW), 1 (NE) over 0..1.
        const struct {
            GeoPoint cell;
            int level;
            int bin;
        } samples[] = {{{-145.0, -25.0}, 0, 0}, // value 0, certain
                       {{75.0, -35.0}, 0, 2},   // value 1 (t = 1/3), certain: 8 bins
                       {{-35.0, 35.0}, 2, 1},   // value 2 (t = 2/3), u = 0.5: 2 bins
                       {{165.0, 25.0}, 3, 0}};  // value 3, u = 1: the single top colour
        for (const auto& sample : samples) {
            const auto position = m_view->widgetPositionOf(sample.cell);
            QVERIFY(position);
            TB_VERIFY_COLOUR(frame, qRound(position->x()), qRound(position->y()),
                             palette.color(sample.level, sample.bin), 3);
        }
        // The wedge legend, right of the map, shows the top-level (single, lightest) colour
        // and a certain level-0 colour; there is no ordinary colour bar.
        const auto inRightColumn = [&](QColor colour) {
            const qreal ratio = frame.devicePixelRatio();
            for (int y = 0; y < frame.height(); ++y) {
                for (int x = qRound(0.81 * frame.width()); x < frame.width(); ++x) {
                    if (twins::testing::colourNear(frame, qRound(x / ratio), qRound(y / ratio),
                                                   colour, 2)) {
                        return true;
                    }
                }
            }
            return false;
        };
        QVERIFY2(inRightColumn(palette.color(3, 0)), "no wedge tip colour right of the map");
        QVERIFY2(inRightColumn(palette.color(0, 7)), "no wedge outer ring colour");
        QVERIFY2(!inRightColumn(ColorMap::named("viridis").colorAt(1.0)),
                 "the plain colour bar is still drawn");
        QVERIFY2(m_view->scene().captionText().contains("uncertainty (VSUP, 4 levels"),
                 qPrintable(m_view->scene().captionText()));
        QVERIFY(m_view->scene().legendTexts().join(' ').contains("Uncertainty: t2m_sd"));
        // Clearing restores the plain field colours.
        m_view->scene().clearVsup();
        const QImage plain = grab("uncertainty-vsup-cleared");
        const auto position = m_view->widgetPositionOf({165.0, 25.0});
        TB_VERIFY_COLOUR(plain, qRound(position->x()), qRound(position->y()),
                         ColorMap::named("viridis").colorAt(1.0), 3);
        QVERIFY(m_view->scene().captionText().isEmpty());
    }

    void hatchingOverNonRobustCellsOnly() {
        // A constant light field (top of viridis) so only hatch lines are dark.
        auto field = twins::testing::quadrantField();
        std::fill(field->values.begin(), field->values.end(), 3.0f);
        QVERIFY(m_view->setField(field));
        QVERIFY(m_view->setColorRange(0.0, 3.0));
        const EnsembleField changes =
            makeEnsemble(*field, twins::testing::robustnessBandChanges(*field));
        m_view->scene().setHatching(classifyEnsembleChanges(changes, 0.5));
        m_view->setProjection(MapProjection(ProjectionKind::Robinson));
        const QImage frame = grab("uncertainty-hatch-robinson");
        QVERIFY(!frame.isNull());
        QVERIFY(m_view->scene().hatchSegmentCount() > 0);
        // Open ocean, away from coasts and the 30-degree graticule: South Pacific (no robust
        // signal), South Atlantic (robust), south of Australia (conflicting).
        const auto noSignal = m_view->widgetPositionOf({-135.0, -45.0});
        const auto robust = m_view->widgetPositionOf({-15.0, -45.0});
        const auto conflicting = m_view->widgetPositionOf({135.0, -50.0});
        QVERIFY(noSignal && robust && conflicting);
        const int radius = 12;
        const int noSignalDark = darkPixelsAround(frame, *noSignal, radius);
        const int robustDark = darkPixelsAround(frame, *robust, radius);
        const int conflictingDark = darkPixelsAround(frame, *conflicting, radius);
        const QString counts =
            QStringLiteral("dark pixels: no signal %1, robust %2, conflicting %3")
                .arg(noSignalDark)
                .arg(robustDark)
                .arg(conflictingDark);
        QVERIFY2(noSignalDark >= 40, qPrintable(counts));
        QCOMPARE(robustDark, 0);
        QVERIFY2(conflictingDark > 1.5 * noSignalDark, qPrintable(counts));
        // Between hatch lines the field colour shows through.
        const QColor top = ColorMap::named("viridis").colorAt(1.0);
        TB_VERIFY_COLOUR(frame, qRound(robust->x()), qRound(robust->y()), top, 3);
        QVERIFY(m_view->scene().captionText().contains("IPCC AR6"));
        QVERIFY(m_view->scene().legendTexts().join(' ').contains("conflicting signals"));

        // Zooming in (x2, centred on the no-signal sample) keeps the hatch spacing in pixels:
        // the dark share of a box stays similar instead of halving.
        vtkCamera* camera = m_view->scene().renderer()->GetActiveCamera();
        const auto centre = m_view->scene().projection().forward({-135.0, -45.0});
        QVERIFY(centre);
        camera->SetFocalPoint(centre->x, centre->y, 0.0);
        camera->SetPosition(centre->x, centre->y, 1.0e8);
        camera->SetParallelScale(camera->GetParallelScale() / 2.0);
        m_view->scene().updateForCamera();
        QVERIFY(waitForFrame(*m_view));
        const QImage zoomed = m_view->grabFramebuffer();
        saveScreenshot(zoomed, "uncertainty-hatch-zoomed");
        const auto zoomedNoSignal = m_view->widgetPositionOf({-135.0, -45.0});
        QVERIFY(zoomedNoSignal);
        const int zoomedDark = darkPixelsAround(zoomed, *zoomedNoSignal, radius);
        QVERIFY2(std::abs(zoomedDark - noSignalDark) < 0.3 * noSignalDark,
                 qPrintable(QStringLiteral("%1 dark pixels zoomed, %2 before")
                                .arg(zoomedDark)
                                .arg(noSignalDark)));
    }

    void exceedanceProbabilityMap() {
        const auto grid = twins::testing::quadrantField();
        std::vector<std::vector<float>> members;
        for (int m = 0; m < 4; ++m) {
            // Member m exceeds 0.5 where the quadrant value is >= m: P = (value + 1) / 4.
            std::vector<float> values(grid->values.size());
            for (std::size_t i = 0; i < values.size(); ++i) {
                values[i] = grid->values[i] >= m ? 1.0f : 0.0f;
            }
            members.push_back(values);
        }
        auto probability = std::make_shared<twins::data::FieldSlice>(
            exceedanceProbability(makeEnsemble(*grid, members), 0.5));
        QVERIFY(m_view->setField(probability));
        QVERIFY(m_view->setColorRange(0.0, 1.0));
        const QImage frame = grab("uncertainty-exceedance");
        QVERIFY(m_view->scene().titleText().startsWith("Probability that t2m > 0.5 K"));
        const auto southWest = m_view->widgetPositionOf({-145.0, -25.0});
        const auto northEast = m_view->widgetPositionOf({165.0, 25.0});
        QVERIFY(southWest && northEast);
        TB_VERIFY_COLOUR(frame, qRound(southWest->x()), qRound(southWest->y()),
                         ColorMap::named("viridis").colorAt(0.25), 3);
        TB_VERIFY_COLOUR(frame, qRound(northEast->x()), qRound(northEast->y()),
                         ColorMap::named("viridis").colorAt(1.0), 3);
    }

    void linkedMeanAndSpreadCamerasFollow() {
        m_view.reset();
        LinkedMapViews views;
        views.resize(1400, 500);
        views.show();
        QVERIFY(QTest::qWaitForWindowExposed(&views));
        const auto grid = twins::testing::quadrantField();
        const EnsembleField ensemble =
            makeEnsemble(*grid, twins::testing::robustnessBandChanges(*grid));
        QString error;
        QVERIFY2(views.setMeanAndSpread(
                     std::make_shared<twins::data::FieldSlice>(ensembleMean(ensemble)),
                     std::make_shared<twins::data::FieldSlice>(ensembleSpread(ensemble)), &error),
                 qPrintable(error));
        QVERIFY(waitForFrame(views.left()) && waitForFrame(views.right()));
        QVERIFY(views.right().scene().titleText().contains("Ensemble spread (standard deviation)"));
        vtkCamera* left = views.left().scene().renderer()->GetActiveCamera();
        vtkCamera* right = views.right().scene().renderer()->GetActiveCamera();
        const double before = right->GetParallelScale();
        // Zoom the left view with the wheel (a real Qt event through the interactor).
        const QPointF centre(views.left().width() / 2.0, views.left().height() / 2.0);
        for (int i = 0; i < 3; ++i) {
            QWheelEvent wheel(centre, views.left().mapToGlobal(centre), QPoint(), QPoint(0, 120),
                              Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(&views.left(), &wheel);
        }
        QVERIFY2(left->GetParallelScale() < 0.9 * before, "the wheel did not zoom the left view");
        QCOMPARE(right->GetParallelScale(), left->GetParallelScale());
        // Pan the right view by a drag: the left one follows.
        const QPoint start(views.right().width() / 2, views.right().height() / 2);
        QTest::mousePress(&views.right(), Qt::LeftButton, Qt::NoModifier, start);
        QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(80, 30)),
                         views.right().mapToGlobal(QPointF(start + QPoint(80, 30))), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&views.right(), &move);
        QTest::mouseRelease(&views.right(), Qt::LeftButton, Qt::NoModifier, start + QPoint(80, 30));
        QVERIFY2(std::abs(right->GetFocalPoint()[0]) > 1.0, "the drag did not pan the right view");
        QCOMPARE(left->GetFocalPoint()[0], right->GetFocalPoint()[0]);
        QCOMPARE(left->GetFocalPoint()[1], right->GetFocalPoint()[1]);
        QVERIFY(waitForFrame(views.left()) && waitForFrame(views.right()));
        // The same lon/lat lands on the same widget position in both maps, with each map's
        // own colour there (mean 0.2..1.4 in viridis, spread in magma).
        const auto inLeft = views.left().widgetPositionOf({-35.0, 20.0});
        const auto inRight = views.right().widgetPositionOf({-35.0, 20.0});
        QVERIFY(inLeft && inRight);
        QVERIFY(std::abs(inLeft->x() - inRight->x()) < 0.5 &&
                std::abs(inLeft->y() - inRight->y()) < 0.5);
        const QImage leftFrame = views.left().grabFramebuffer();
        const QImage rightFrame = views.right().grabFramebuffer();
        saveScreenshot(leftFrame, "uncertainty-linked-mean");
        saveScreenshot(rightFrame, "uncertainty-linked-spread");
        QVERIFY(leftFrame.pixelColor(qRound(inLeft->x()), qRound(inLeft->y())) !=
                rightFrame.pixelColor(qRound(inRight->x()), qRound(inRight->y())));
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    UncertaintyMapTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "UncertaintyMapTest.moc"
