// MapView: a known field drawn in Plate Carree and Robinson has the expected colours at the
// projected positions of known cells; coastlines are drawn where the coast is and not over
// open ocean; orthographic hides the far side; the value under the cursor. Runs under Xvfb.
#include "twinbench/viz/MapView.h"

#include "GuiTestSupport.h"
#include "MapTestFields.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/VtkVersion.h"

#include <QApplication>
#include <QDir>
#include <QScreen>
#include <QTest>

#include <cstdlib>
#include <limits>
#include <memory>

using twins::viz::GeoPoint;
using twins::viz::MapProjection;
using twins::viz::MapView;
using twins::viz::ProjectionKind;

namespace {
const QColor coastColour(20, 20, 20);

QColor quadrantColour(int value) {
    return twins::viz::ColorMap::named("viridis").colorAt(value / 3.0);
}

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

bool near(QColor a, QColor b, int tolerance) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

// Whether a colour near `colour` occurs within `radius` pixels of a point (logical pixels).
bool colourAround(const QImage& image, QPointF centre, QColor colour, int radius, int tolerance) {
    const qreal ratio = image.devicePixelRatio();
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const int x = qRound((centre.x() + dx) * ratio);
            const int y = qRound((centre.y() + dy) * ratio);
            if (image.rect().contains(x, y) && near(image.pixelColor(x, y), colour, tolerance)) {
                return true;
            }
        }
    }
    return false;
}
} // namespace

class MapViewTest : public QObject {
    Q_OBJECT

    std::unique_ptr<MapView> m_view;

    QImage showAndGrab(const QString& screenshotName) {
        m_view->resetCamera();
        if (!waitForFrame(*m_view)) {
            return {};
        }
        const QImage frame = m_view->grabFramebuffer();
        saveScreenshot(frame, screenshotName);
        // Every pixel opaque, text and colour bar included: Qt composites the view with the
        // window by alpha (VtkView::makeBackgroundsOpaque).
        int translucent = 0;
        for (int y = 0; y < frame.height(); ++y) {
            for (int x = 0; x < frame.width(); ++x) {
                translucent += qAlpha(frame.pixel(x, y)) != 255 ? 1 : 0;
            }
        }
        if (translucent != 0) {
            qWarning("%s: %d pixels with alpha below 255", qPrintable(screenshotName), translucent);
            return {};
        }
        return frame;
    }

    void verifyQuadrantColours(const QImage& frame) {
        // Cell centres over open ocean, away from graticule lines (multiples of 30 degrees).
        const struct {
            GeoPoint cell;
            int value;
        } samples[] = {
            {{-145.0, -25.0}, 0}, {{75.0, -35.0}, 1}, {{-35.0, 35.0}, 2}, {{165.0, 25.0}, 3}};
        for (const auto& sample : samples) {
            const auto position = m_view->widgetPositionOf(sample.cell);
            QVERIFY2(position, "a cell centre is not on the map");
            TB_VERIFY_COLOUR(frame, qRound(position->x()), qRound(position->y()),
                             quadrantColour(sample.value), 3);
        }
    }

private slots:
    void init() {
        m_view = std::make_unique<MapView>();
        m_view->resize(900, 560);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QVERIFY(waitForFrame(*m_view));
        QVERIFY2(m_view->graphicsError().isEmpty(), qPrintable(m_view->graphicsError()));
    }

    void cleanup() { m_view.reset(); }

    void plateCarreeFieldColoursAtProjectedCells() {
        QString error;
        QVERIFY2(m_view->setField(twins::testing::quadrantField(), &error), qPrintable(error));
        const QImage frame = showAndGrab("map-plate-carree");
        QVERIFY(!frame.isNull());
        verifyQuadrantColours(frame);
        // Plate Carree is linear: 0E 0N is halfway between 180W and 180E.
        const auto west = m_view->widgetPositionOf({-179.0, 0.0});
        const auto east = m_view->widgetPositionOf({179.0, 0.0});
        const auto middle = m_view->widgetPositionOf({0.0, 0.0});
        QVERIFY(west && east && middle);
        QVERIFY(std::abs(middle->x() - 0.5 * (west->x() + east->x())) < 1.0);
        // Outside the map (top-left corner of the view, above the title area) is background.
        TB_VERIFY_COLOUR(frame, 3, qRound(middle->y()), QColor(255, 255, 255), 2);
        QVERIFY(m_view->scene().titleText().contains("Quadrant test field"));
        QVERIFY(m_view->scene().titleText().contains("quadrants.nc"));
    }

    void robinsonFieldColoursAtProjectedCells() {
        QVERIFY(m_view->setField(twins::testing::quadrantField()));
        m_view->setProjection(MapProjection(ProjectionKind::Robinson));
        const QImage frame = showAndGrab("map-robinson");
        QVERIFY(!frame.isNull());
        verifyQuadrantColours(frame);
        // Robinson's corners are cut: just inside the Plate Carree corner at 179E 89N there
        // is no field, only background.
        const auto top = m_view->widgetPositionOf({0.0, 89.0});
        const auto right = m_view->widgetPositionOf({179.0, 0.0});
        QVERIFY(top && right);
        TB_VERIFY_COLOUR(frame, qRound(right->x()) - 3, qRound(top->y()) + 3, QColor(255, 255, 255),
                         2);
    }

    void crowdedGraticuleLabelsAreThinnedNotOverlapped() {
        QVERIFY(m_view->setField(twins::testing::quadrantField()));
        QVERIFY(!showAndGrab("map-labels-wide").isNull());
        const QStringList wide = m_view->scene().shownGraticuleLabels();
        // 900 px: every meridian (12, 180 once) and parallel (5) label of 30 degrees.
        QCOMPARE(wide.size(), 17);
        m_view->resize(300, 190);
        QVERIFY(!showAndGrab("map-labels-narrow").isNull());
        const QStringList narrow = m_view->scene().shownGraticuleLabels();
        qInfo("labels at 300 px: %s", qPrintable(narrow.join(QStringLiteral(", "))));
        // Thinned, keeping the multiples of 90 degrees first: the equator and the prime
        // meridian are both "0°".
        QVERIFY2(narrow.size() < wide.size() && narrow.size() >= 4, qPrintable(narrow.join(' ')));
        QCOMPARE(narrow.count(QStringLiteral("0°")), 2);
        QVERIFY(narrow.contains(QStringLiteral("180°")));
        // Back to the wide view: all labels again.
        m_view->resize(900, 560);
        QVERIFY(!showAndGrab("map-labels-wide-again").isNull());
        QCOMPARE(m_view->scene().shownGraticuleLabels().size(), 17);
    }

    void animationFramesDrawThinLinesThenSettleAtFullWidth() {
        QVERIFY(m_view->setField(twins::testing::quadrantField()));
        const QImage still = showAndGrab("map-lines-still");
        QVERIFY(!still.isNull());
        QVERIFY(!m_view->drewThinLines());
        // Steps of an animation: values replaced, frames back to back.
        for (int step = 0; step < 4; ++step) {
            QVERIFY(m_view->scene().replaceFieldValues(twins::testing::quadrantField()));
            m_view->update();
            QVERIFY(waitForFrame(*m_view));
        }
        QVERIFY(m_view->drewThinLines());
        // What is on screen (grabFramebuffer would draw a new frame, a still one).
        const auto onScreen = [this] {
            return m_view->screen()
                ->grabWindow(m_view->winId())
                .toImage()
                .convertToFormat(QImage::Format_RGB32);
        };
        const QImage animated = onScreen();
        saveScreenshot(animated, "map-lines-animating");
        // Still again: one more frame at full width after MapView::settleDelay.
        QTest::qWait(int(3 * MapView::settleDelay.count()));
        QVERIFY(!m_view->drewThinLines());
        const QImage settled = onScreen();
        saveScreenshot(settled, "map-lines-settled");
        const auto differing = [](const QImage& a, const QImage& b) {
            if (a.size() != b.size()) {
                return -1;
            }
            int count = 0;
            for (int y = 0; y < a.height(); ++y) {
                for (int x = 0; x < a.width(); ++x) {
                    count += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
                }
            }
            return count;
        };
        const QImage stillOnScreen = still.convertToFormat(QImage::Format_RGB32);
        const int thinned = differing(stillOnScreen, animated);
        qInfo("pixels changed by thin lines: %d of %lld; after settling: %d", thinned,
              qint64(animated.width()) * animated.height(), differing(stillOnScreen, settled));
        // Coastlines, borders and the outline lose part of their width.
        QVERIFY2(thinned > 2000, qPrintable(QString::number(thinned)));
        QCOMPARE(differing(stillOnScreen, settled), 0);
        // An export in the middle of an animation draws full widths, like one of a still map.
        const QImage exportedStill = m_view->renderToImage(QSize(900, 560));
        for (int step = 0; step < 3; ++step) {
            QVERIFY(m_view->scene().replaceFieldValues(twins::testing::quadrantField()));
            m_view->update();
            QVERIFY(waitForFrame(*m_view));
        }
        QVERIFY(m_view->drewThinLines());
        QCOMPARE(differing(m_view->renderToImage(QSize(900, 560)), exportedStill), 0);
    }

    void coastlinesAlongAfricasWestCoastNotOverOpenOcean() {
        const QImage frame = showAndGrab("map-coastlines");
        QVERIFY(!frame.isNull());
        // Scan eastwards along 20N from 25W to 10W: West Africa's coast (about 17W) is crossed.
        bool coastFound = false;
        for (double lon = -25.0; lon <= -10.0 && !coastFound; lon += 0.25) {
            const auto position = m_view->widgetPositionOf({lon, 20.0});
            QVERIFY(position);
            coastFound = colourAround(frame, *position, coastColour, 1, 40);
        }
        QVERIFY2(coastFound, "no coastline pixel between 25W and 10W along 20N");
        // The Strait of Gibraltar: coast within a few pixels of 5.6W 36N.
        const auto gibraltar = m_view->widgetPositionOf({-5.6, 36.0});
        QVERIFY(gibraltar);
        QVERIFY2(colourAround(frame, *gibraltar, coastColour, 3, 40), "no coast at Gibraltar");
        // The South Pacific at 130W 40S is open ocean: no coastline pixel nearby.
        const auto ocean = m_view->widgetPositionOf({-130.0, -40.0});
        QVERIFY(ocean);
        QVERIFY2(!colourAround(frame, *ocean, coastColour, 6, 40), "coastline over open ocean");
        TB_VERIFY_COLOUR(frame, qRound(ocean->x()), qRound(ocean->y()), QColor(255, 255, 255), 2);
    }

    void orthographicHidesFarSide() {
        QVERIFY(m_view->setField(twins::testing::quadrantField()));
        // Centred on 90W: the eastern hemisphere (values 1 and 3) is behind the globe.
        m_view->setProjection(MapProjection(ProjectionKind::Orthographic, -90.0, 0.0));
        const QImage frame = showAndGrab("map-orthographic");
        QVERIFY(!frame.isNull());
        QVERIFY(!m_view->widgetPositionOf({90.0, 0.0}));
        const auto nearSide = m_view->widgetPositionOf({-95.0, 35.0});
        QVERIFY(nearSide);
        TB_VERIFY_COLOUR(frame, qRound(nearSide->x()), qRound(nearSide->y()), quadrantColour(2), 3);
        // No pixel of the map area (left of the colour bar) has the colour of values 1 or 3.
        const qreal ratio = frame.devicePixelRatio();
        const int mapAreaWidth = qRound(0.8 * m_view->width() * ratio);
        int farSidePixels = 0;
        for (int y = 0; y < frame.height(); y += 2) {
            for (int x = 0; x < mapAreaWidth; x += 2) {
                const QColor colour = frame.pixelColor(x, y);
                if (near(colour, quadrantColour(1), 3) || near(colour, quadrantColour(3), 3)) {
                    ++farSidePixels;
                }
            }
        }
        QCOMPARE(farSidePixels, 0);
        // Off the globe is background, inside it the field.
        const auto centre = m_view->widgetPositionOf({-90.0, 0.0});
        QVERIFY(centre);
        QVERIFY(!m_view->geoPointAt({3.0, centre->y()}));
    }

    void valueUnderCursor() {
        QVERIFY(m_view->setField(twins::testing::quadrantField()));
        m_view->setProjection(MapProjection(ProjectionKind::Robinson));
        QVERIFY(!showAndGrab("map-cursor").isNull());
        const auto position = m_view->widgetPositionOf({-35.0, 35.0});
        QVERIFY(position);
        const auto geo = m_view->geoPointAt(*position);
        QVERIFY(geo);
        QVERIFY2(std::abs(geo->lon + 35.0) < 0.5 && std::abs(geo->lat - 35.0) < 0.5,
                 qPrintable(QStringLiteral("%1 %2").arg(geo->lon).arg(geo->lat)));
        const QString text = m_view->describePosition(*position);
        QVERIFY2(text.endsWith(QStringLiteral(": 2 K")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("N")) && text.contains(QStringLiteral("W")),
                 qPrintable(text));
        QVERIFY(m_view->describePosition({2.0, 2.0}).isEmpty());
    }

    // Large regular fields are drawn as a texture on a coarse mesh (MapFieldTexture.h), small
    // ones as one quad per cell: both must give the same picture, in every projection, for a
    // 0..360 grid (cut at the dateline) with sharp 10-degree blocks and a gradient. Then a new
    // time step recolours the texture.
    void textureFieldDrawsLikeQuadsInEveryProjection() {
        auto field = twins::testing::blockGradientField(1.0);
        QVERIFY(m_view->setField(field));
        QVERIFY(m_view->setColorRange(0.0, 3.0));
        const struct {
            MapProjection projection;
            const char* name;
        } projections[] = {{MapProjection(ProjectionKind::PlateCarree), "plate-carree"},
                           {MapProjection(ProjectionKind::Robinson, 150.0), "robinson-150e"},
                           {MapProjection(ProjectionKind::Mollweide), "mollweide"},
                           {MapProjection(ProjectionKind::Orthographic, -60.0, 30.0), "ortho"},
                           {MapProjection(ProjectionKind::NorthPolarStereographic), "north"}};
        for (const auto& [projection, name] : projections) {
            m_view->setProjection(projection);
            m_view->scene().setTextureFieldMinimumCells(std::numeric_limits<std::size_t>::max());
            QVERIFY(!m_view->scene().fieldIsTexture());
            const QImage quads = showAndGrab(QStringLiteral("map-quads-%1").arg(name));
            m_view->scene().setTextureFieldMinimumCells(0);
            QVERIFY(m_view->scene().fieldIsTexture());
            const QImage texture = showAndGrab(QStringLiteral("map-texture-%1").arg(name));
            QVERIFY(!quads.isNull() && quads.size() == texture.size());
            // Cells on both sides of an edge may swap a pixel column; anything more is wrong.
            int differ = 0, field = 0;
            for (int y = 0; y < quads.height(); ++y) {
                for (int x = 0; x < quads.width(); ++x) {
                    const QColor a = quads.pixelColor(x, y), b = texture.pixelColor(x, y);
                    field += a != QColor(Qt::white);
                    differ += !near(a, b, 24);
                }
            }
            qInfo("%s: %d of %d drawn pixels differ between quads and texture", name, differ,
                  field);
            QVERIFY2(field > quads.width() * quads.height() / 5, name);
            QVERIFY2(
                differ < field / 100,
                qPrintable(QStringLiteral("%1: %2 of %3 pixels").arg(name).arg(differ).arg(field)));
        }
        // The next time step: every value +1 block colour; the texture recolours in place.
        m_view->setProjection(MapProjection(ProjectionKind::PlateCarree));
        auto next = std::make_shared<twins::data::FieldSlice>(*field);
        for (float& value : next->values) {
            value = 3.0f - value;
        }
        QVERIFY(m_view->scene().replaceFieldValues(next));
        QVERIFY(m_view->scene().fieldIsTexture());
        const QImage swapped = showAndGrab("map-texture-next-step");
        // 149.5W 25.5S: value 0.01 before, 2.99 after.
        const auto cell = m_view->widgetPositionOf({-149.5, -25.5});
        QVERIFY(cell);
        TB_VERIFY_COLOUR(swapped, qRound(cell->x()), qRound(cell->y()), quadrantColour(3), 3);
    }

    void colourRangesFromData() {
        QVERIFY(m_view->setField(twins::testing::quadrantField()));
        QCOMPARE(m_view->scene().colorRange().minimum, 0.0);
        QCOMPARE(m_view->scene().colorRange().maximum, 3.0);
        QString error;
        QVERIFY(m_view->setColorScale(twins::viz::ColorScale::SymmetricAroundZero, &error));
        QCOMPARE(m_view->scene().colorRange().minimum, -3.0);
        QCOMPARE(m_view->scene().colorRange().maximum, 3.0);
        QVERIFY(m_view->setColorScale(twins::viz::ColorScale::Logarithmic, &error));
        QCOMPARE(m_view->scene().colorRange().minimum, 1.0); // smallest positive value
        QVERIFY(!m_view->setColorRange(0.0, 3.0, &error));   // log needs low > 0
        QVERIFY2(error.contains("above zero"), qPrintable(error));
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    MapViewTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "MapViewTest.moc"
