// VolumeView under Xvfb: the sums along each axis are right (numbers and colours at known
// cells), the log toggle changes the colours to the log mapping, dragging a point of the
// transfer-function editor changes the rendered volume, slice controls move the slices, and
// the figure exports at any size.
#include "twinbench/viz/VolumeView.h"

#include "GuiTestSupport.h"
#include "TestFiles.h"
#include "VolumeSpectrogramTestData.h"
#include "twinbench/viz/TransferFunctionEditor.h"
#include "twinbench/viz/VtkVersion.h"
#include "twinbench/viz/VtkView.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <cmath>
#include <memory>

using namespace twins::viz;

namespace {
const QSize exportSize(900, 500);

void saveScreenshot(const QImage& image, const QString& name) {
    const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
    QDir().mkpath(directory);
    image.save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// Image pixel (origin top-left) of a scene point (origin bottom-left).
QPoint imagePixel(const QImage& image, QPointF scenePoint) {
    return {qRound(scenePoint.x() - 0.5), image.height() - 1 - qRound(scenePoint.y() - 0.5)};
}

bool near(QColor a, QColor b, int tolerance) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

// Pixels in the 3-D part of the image that are neither white background nor grey (outline,
// text): the volume's and slices' coloured pixels.
int colouredPixels(const QImage& image) {
    int count = 0;
    const int right = static_cast<int>(VolumeScene::volumeViewportWidth * image.width() * 0.8);
    for (int y = image.height() / 6; y < image.height(); ++y) {
        for (int x = 0; x < right; ++x) {
            const QColor colour = image.pixelColor(x, y);
            const int spread = std::max({colour.red(), colour.green(), colour.blue()}) -
                               std::min({colour.red(), colour.green(), colour.blue()});
            if (spread > 12) {
                ++count;
            }
        }
    }
    return count;
}
} // namespace

class VolumeViewTest : public QObject {
    Q_OBJECT

    std::unique_ptr<VolumeView> m_view;

    QImage render(const QString& name) {
        const QImage image = m_view->renderToImage(exportSize);
        if (!image.isNull()) {
            saveScreenshot(image, name);
        }
        return image;
    }

    void verifySumColour(const QImage& image, int axis, int column, int row) {
        const VolumeScene& scene = m_view->scene();
        const auto point = scene.sumCellScenePoint(axis, column, row);
        QVERIFY2(point, "no position for a sum cell");
        const QPoint pixel = imagePixel(image, *point);
        const QColor expected = scene.sumColor(scene.sums(axis).at(column, row));
        const QColor actual = image.pixelColor(pixel);
        QVERIFY2(near(actual, expected, 3),
                 qPrintable(QStringLiteral("sum along %1, cell (%2,%3) at pixel (%4,%5): %6, "
                                           "expected %7")
                                .arg(axis)
                                .arg(column)
                                .arg(row)
                                .arg(pixel.x())
                                .arg(pixel.y())
                                .arg(actual.name(), expected.name())));
    }

private slots:
    void init() {
        m_view = std::make_unique<VolumeView>();
        m_view->resize(1100, 560);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QVERIFY(QTest::qWaitFor([&] { return m_view->vtkView().frameCount() > 0; }, 5000));
        QVERIFY2(m_view->vtkView().graphicsError().isEmpty(),
                 qPrintable(m_view->vtkView().graphicsError()));
    }

    void cleanup() { m_view.reset(); }

    void sumsAlongEachAxisAreExact() {
        const VolumeGrid grid = twins::testing::countingGrid(); // 1 + i + 10 j + 100 k
        const Projection2D xy = sumAlong(grid, 2);
        QCOMPARE(xy.width, 4);
        QCOMPARE(xy.height, 3);
        // Over k = 0, 1: (1 + i + 10 j) + (101 + i + 10 j).
        QCOMPARE(xy.at(3, 2), 2.0 * (1 + 3 + 20) + 100.0);
        const Projection2D xLayer = sumAlong(grid, 1);
        QCOMPARE(xLayer.width, 4);
        QCOMPARE(xLayer.height, 2);
        // Over j = 0..2 at i = 1, k = 1: 3 * (1 + 1 + 100) + 10 * (0 + 1 + 2).
        QCOMPARE(xLayer.at(1, 1), 3.0 * 102 + 30.0);
        const Projection2D layerY = sumAlong(grid, 0);
        QCOMPARE(layerY.width, 2);
        QCOMPARE(layerY.height, 3);
        // Over i = 0..3 at j = 2, k = 0: 4 * (1 + 20) + 6.
        QCOMPARE(layerY.at(0, 2), 4.0 * 21 + 6.0);
        // Every projection of the shower holds the whole energy.
        const VolumeGrid shower = twins::testing::syntheticShower();
        double total = 0.0;
        for (float value : shower.values) {
            total += value;
        }
        for (int axis = 0; axis < 3; ++axis) {
            double sum = 0.0;
            for (double value : sumAlong(shower, axis).values) {
                sum += value;
            }
            QVERIFY2(std::abs(sum - total) < 1e-6 * total,
                     qPrintable(QStringLiteral("axis %1: %2 vs %3").arg(axis).arg(sum).arg(total)));
        }
        // Bad grids are refused with the reason.
        VolumeGrid bad = grid;
        bad.values.pop_back();
        QString error;
        QVERIFY(!m_view->setVolume(bad, &error));
        QVERIFY2(error.contains("23 values") && error.contains("need 24"), qPrintable(error));
    }

    void sumImagesShowTheirColours() {
        QVERIFY(m_view->setVolume(twins::testing::countingGrid()));
        const QImage image = render("volume-counting-linear");
        QVERIFY(!image.isNull());
        verifySumColour(image, 2, 0, 0);
        verifySumColour(image, 2, 3, 2);
        verifySumColour(image, 2, 1, 1);
        verifySumColour(image, 1, 2, 1);
        verifySumColour(image, 0, 1, 2);
        // The lowest and highest sums get the ends of the transfer function's colours.
        const VolumeScene& scene = m_view->scene();
        QVERIFY(near(scene.sumColor(scene.sumRange().minimum),
                     scene.transferFunction().colorAt(0.0), 8));
        QVERIFY(near(scene.sumColor(scene.sumRange().maximum),
                     scene.transferFunction().colorAt(1.0), 8));
    }

    void logToggleChangesTheMapping() {
        QVERIFY(m_view->setVolume(twins::testing::countingGrid()));
        const QImage linear = render("volume-counting-linear");
        const VolumeScene& scene = m_view->scene();
        const QColor linearColour = scene.sumColor(scene.sums(2).at(1, 0));
        m_view->logScaleBox().click();
        QVERIFY(scene.logScale());
        QCOMPARE(scene.sumRange().scale, ColorScale::Logarithmic);
        const QImage log = render("volume-counting-log");
        QVERIFY(log != linear);
        // Sum at x-y cell (1, 0) = 2 + 2 * 1 + 100 = 104 over [104 .. 348] (x-y) and the other
        // sums: on a log scale its colour sits at the log10 position of the range.
        const double value = scene.sums(2).at(1, 0);
        const double t =
            (std::log10(value) - std::log10(scene.sumRange().minimum)) /
            (std::log10(scene.sumRange().maximum) - std::log10(scene.sumRange().minimum));
        const QColor logColour = scene.sumColor(value);
        QVERIFY(near(logColour, scene.transferFunction().colorAt(t), 6));
        QVERIFY(!near(logColour, linearColour, 6));
        verifySumColour(log, 2, 1, 0);
        verifySumColour(log, 1, 3, 1);
        // Back to linear restores the first picture.
        m_view->logScaleBox().click();
        QVERIFY(!scene.logScale());
        QVERIFY(render("volume-counting-linear-again") == linear);
    }

    void draggingAnOpacityPointChangesTheVolume() {
        QVERIFY(m_view->setVolume(twins::testing::syntheticShower()));
        QVERIFY(m_view->setLogScale(true)); // the whole shower, not only its core
        m_view->setSlicesVisible(false);
        const QImage before = render("volume-shower-before-edit");
        const int colouredBefore = colouredPixels(before);
        QVERIFY2(colouredBefore > 5000, qPrintable(QString::number(colouredBefore)));

        // Drag the top opacity point (position 1) down to opacity 0 with the mouse: with the
        // default function every point is then 0 and the volume disappears.
        TransferFunctionEditor& editor = m_view->transferFunctionEditor();
        const int last = static_cast<int>(editor.transferFunction().opacityPoints().size()) - 1;
        const QPoint start = editor.opacityPointPosition(last).toPoint();
        const QPoint end(start.x(), qRound(editor.curveArea().bottom()) + 20);
        QSignalSpy changes(&editor, &TransferFunctionEditor::transferFunctionChanged);
        QTest::mousePress(&editor, Qt::LeftButton, Qt::NoModifier, start);
        QTest::mouseMove(&editor, QPoint(start.x(), (start.y() + end.y()) / 2));
        QTest::mouseMove(&editor, end);
        QTest::mouseRelease(&editor, Qt::LeftButton, Qt::NoModifier, end);
        QVERIFY(changes.count() >= 1);
        QCOMPARE(m_view->scene().transferFunction().opacityAt(1.0), 0.0);
        const QImage after = render("volume-shower-after-edit");
        const int colouredAfter = colouredPixels(after);
        QVERIFY2(colouredAfter < colouredBefore / 20,
                 qPrintable(QStringLiteral("%1 coloured pixels before, %2 after")
                                .arg(colouredBefore)
                                .arg(colouredAfter)));

        // Clicking into the curve area adds a point there, which brings the volume back.
        const QRectF area = editor.curveArea();
        QTest::mouseClick(&editor, Qt::LeftButton, Qt::NoModifier,
                          QPoint(qRound(area.left() + 0.8 * area.width()),
                                 qRound(area.top() + 0.1 * area.height())));
        QVERIFY(m_view->scene().transferFunction().opacityAt(0.8) > 0.8);
        QVERIFY(colouredPixels(render("volume-shower-point-added")) > colouredBefore / 4);
    }

    void sliceControlsMoveTheSlices() {
        QVERIFY(m_view->setVolume(twins::testing::syntheticShower()));
        m_view->setVolumeVisible(false);
        QCOMPARE(m_view->scene().sliceIndex(2), 12);
        QCOMPARE(m_view->sliceSpinBox(2).maximum(), 24);
        const QImage middle = render("volume-slices-middle");
        m_view->sliceSpinBox(2).setValue(2);
        QCOMPARE(m_view->scene().sliceIndex(2), 2);
        const QImage moved = render("volume-slices-moved");
        QVERIFY(moved != middle);
        m_view->setSliceIndex(0, 99); // clamped
        QCOMPARE(m_view->scene().sliceIndex(0), 50);
        QCOMPARE(m_view->sliceSpinBox(0).value(), 50);
    }

    void exportsAtAnySizeAndAsVectors() {
        QVERIFY(m_view->setVolume(twins::testing::syntheticShower()));
        const QImage large = m_view->renderToImage(QSize(2400, 1300));
        QCOMPARE(large.size(), QSize(2400, 1300));
        const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
        QDir().mkpath(directory);
        const QString png = directory + QStringLiteral("/volume-export.png");
        m_view->exportFigure(png, QSize(1000, 560));
        QCOMPARE(QImage(png).size(), QSize(1000, 560));
        const QString svg = directory + QStringLiteral("/volume-export.svg");
        m_view->exportFigure(svg, QSize(1000, 560));
        const QByteArray text = twins::testing::readBytes(svg);
        QVERIFY(text.contains("<text"));
        QVERIFY(text.contains("Summed energy (MeV)"));
        QVERIFY(text.contains("layer"));
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    VolumeViewTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "VolumeViewTest.moc"
