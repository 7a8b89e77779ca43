// The colour bar never covers the field (issue 21): a field view and a map view at 300, 600 and
// 1200 pixels wide, a field with one constant value. Field view: every pixel inside the field's
// drawn rectangle has the field's colour (the bar, its labels or its title would change some).
// Map view (Plate Carree, where longitude/latitude fields open): coastlines and graticule are
// drawn over the field in greys, so no pixel inside the field's rectangle may have another hue
// of the colour map (the bar's ramp). Both: the bar is drawn (its colours appear right of the
// field).
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapProjection.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/VtkVersion.h"

#include <QApplication>
#include <QDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace twins;

namespace {

std::shared_ptr<data::FieldSlice> constantField(float value) {
    auto field = std::make_shared<data::FieldSlice>();
    field->variable = "t";
    field->longName = "constant field";
    field->units = "K";
    field->xName = "x";
    field->yName = "y";
    field->width = 40;
    field->height = 20;
    for (std::size_t i = 0; i < field->width; ++i) {
        field->x.push_back(static_cast<double>(i));
    }
    for (std::size_t j = 0; j < field->height; ++j) {
        field->y.push_back(static_cast<double>(j));
    }
    field->values.assign(field->width * field->height, value);
    // One corner lower so the colour map has a range: the rest is the top colour.
    field->values[0] = value - 10.0f;
    field->minimum = value - 10.0;
    field->maximum = value;
    field->finiteCount = field->values.size();
    return field;
}

// The whole globe in 10 degree cells, one value but the south-western corner cell.
std::shared_ptr<data::FieldSlice> constantGlobe(float value) {
    auto field = std::make_shared<data::FieldSlice>();
    field->variable = "t";
    field->longName = "constant field";
    field->units = "K";
    field->xName = "longitude";
    field->yName = "latitude";
    field->xUnits = "degrees_east";
    field->yUnits = "degrees_north";
    field->width = 36;
    field->height = 18;
    for (std::size_t i = 0; i < field->width; ++i) {
        field->x.push_back(-175.0 + 10.0 * static_cast<double>(i));
    }
    for (std::size_t j = 0; j < field->height; ++j) {
        field->y.push_back(-85.0 + 10.0 * static_cast<double>(j));
    }
    field->values.assign(field->width * field->height, value);
    field->values[0] = value - 10.0f;
    field->minimum = value - 10.0;
    field->maximum = value;
    field->finiteCount = field->values.size();
    return field;
}

bool near(const QColor& a, const QColor& b, int tolerance) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

} // namespace

class ColourBarLayoutTest : public QObject {
    Q_OBJECT

private slots:
    void fieldViewKeepsTheBarBesideTheField_data() {
        QTest::addColumn<int>("width");
        QTest::newRow("300 px") << 300;
        QTest::newRow("600 px") << 600;
        QTest::newRow("1200 px") << 1200;
    }

    void fieldViewKeepsTheBarBesideTheField() {
        QFETCH(int, width);
        viz::FieldView view;
        // Shown wide, then narrowed (a dock opened beside it), as a user would.
        view.resize(1400, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showField(constantField(300.0f));
        QTest::qWait(100);
        view.resize(width, width * 2 / 3);
        QTest::qWait(200);
        const int before = view.frameCount();
        view.update();
        QVERIFY(QTest::qWaitFor([&] { return view.frameCount() > before; }, 5000));
        const QImage image = view.grabFramebuffer();
        const QString shots = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
        QDir().mkpath(shots);
        image.save(shots + QStringLiteral("/colour-bar-field-%1.png").arg(width));
        const qreal ratio = image.devicePixelRatio();
        // The field's drawn rectangle: cell centres 0..39 x 0..19, half a cell beyond each.
        const QPointF topLeft = view.widgetPositionOf(-0.5, 19.5) * ratio;
        const QPointF bottomRight = view.widgetPositionOf(39.5, -0.5) * ratio;
        const QColor fieldColour = image.pixelColor(
            QPointF(0.5 * (topLeft.x() + bottomRight.x()), 0.5 * (topLeft.y() + bottomRight.y()))
                .toPoint());
        int covered = 0;
        for (int y = static_cast<int>(topLeft.y()) + 2; y < static_cast<int>(bottomRight.y()) - 2;
             ++y) {
            for (int x = static_cast<int>(topLeft.x()) + 2;
                 x < static_cast<int>(bottomRight.x()) - 2; ++x) {
                // The low corner cell (bottom left) is another colour on purpose.
                if (x < topLeft.x() + (bottomRight.x() - topLeft.x()) / 40.0 + 2 &&
                    y > bottomRight.y() - (bottomRight.y() - topLeft.y()) / 20.0 - 2) {
                    continue;
                }
                covered += near(image.pixelColor(x, y), fieldColour, 6) ? 0 : 1;
            }
        }
        QVERIFY2(
            covered == 0,
            qPrintable(
                QStringLiteral("%1 pixels of the field covered at %2 px").arg(covered).arg(width)));
        // The bar is there: the field's colour appears again right of the field.
        int barPixels = 0;
        for (int x = static_cast<int>(bottomRight.x()) + 4; x < image.width(); ++x) {
            for (int y = 0; y < image.height(); ++y) {
                barPixels += near(image.pixelColor(x, y), fieldColour, 10) ? 1 : 0;
            }
        }
        QVERIFY2(barPixels > 10, qPrintable(QString::number(barPixels)));
    }

    void mapViewKeepsTheBarBesideTheField_data() { fieldViewKeepsTheBarBesideTheField_data(); }

    void mapViewKeepsTheBarBesideTheField() {
        QFETCH(int, width);
        viz::MapView view;
        view.resize(1400, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setProjection(viz::MapProjection(viz::ProjectionKind::PlateCarree));
        QVERIFY(view.setColorMap(QStringLiteral("viridis")));
        QString error;
        QVERIFY2(view.setField(constantGlobe(300.0f), &error), qPrintable(error));
        view.resetCamera();
        QTest::qWait(100);
        view.resize(width, width * 2 / 3);
        QTest::qWait(200);
        view.resetCamera();
        const int before = view.frameCount();
        view.update();
        QVERIFY(QTest::qWaitFor([&] { return view.frameCount() > before; }, 5000));
        const QImage image = view.grabFramebuffer();
        const QString shots = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
        QDir().mkpath(shots);
        image.save(shots + QStringLiteral("/colour-bar-map-%1.png").arg(width));
        const qreal ratio = image.devicePixelRatio();
        const auto northWest = view.widgetPositionOf({-180.0, 90.0});
        const auto southEast = view.widgetPositionOf({180.0, -90.0});
        QVERIFY(northWest && southEast);
        const QPointF topLeft = *northWest * ratio;
        const QPointF bottomRight = *southEast * ratio;
        QVERIFY2(bottomRight.x() - topLeft.x() > width * ratio / 3,
                 qPrintable(QStringLiteral("the map is only %1 px wide in a %2 px view")
                                .arg(bottomRight.x() - topLeft.x())
                                .arg(width)));
        const QColor fieldColour =
            image.pixelColor(QPointF(topLeft.x() + 0.55 * (bottomRight.x() - topLeft.x()),
                                     topLeft.y() + 0.3 * (bottomRight.y() - topLeft.y()))
                                 .toPoint());
        // The bar's ramp: viridis below the field's (top) colour. Lines drawn over the field
        // (black coasts, grey graticule, and their blends with the field's yellow) are none of
        // these colours.
        const viz::ColorMap viridis = viz::ColorMap::named("viridis");
        std::vector<QColor> ramp;
        for (int i = 0; i <= 200; ++i) {
            ramp.push_back(viridis.colorAt(i / 256.0));
        }
        const auto onRamp = [&](const QColor& c) {
            return std::any_of(ramp.begin(), ramp.end(),
                               [&](const QColor& r) { return near(c, r, 8); });
        };
        int covered = 0;
        for (int y = static_cast<int>(topLeft.y()) + 2; y < static_cast<int>(bottomRight.y()) - 2;
             ++y) {
            for (int x = static_cast<int>(topLeft.x()) + 2;
                 x < static_cast<int>(bottomRight.x()) - 2; ++x) {
                // The low corner cell (south-west) is another colour on purpose.
                if (x < topLeft.x() + (bottomRight.x() - topLeft.x()) / 36.0 + 2 &&
                    y > bottomRight.y() - (bottomRight.y() - topLeft.y()) / 18.0 - 2) {
                    continue;
                }
                covered += onRamp(image.pixelColor(x, y)) ? 1 : 0;
            }
        }
        QVERIFY2(
            covered == 0,
            qPrintable(
                QStringLiteral("%1 pixels of the map covered at %2 px").arg(covered).arg(width)));
        int barPixels = 0;
        for (int x = static_cast<int>(bottomRight.x()) + 4; x < image.width(); ++x) {
            for (int y = 0; y < image.height(); ++y) {
                barPixels += near(image.pixelColor(x, y), fieldColour, 10) ? 1 : 0;
            }
        }
        QVERIFY2(barPixels > 10, qPrintable(QString::number(barPixels)));
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    ColourBarLayoutTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "ColourBarLayoutTest.moc"
