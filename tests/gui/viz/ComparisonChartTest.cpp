// Comparison charts for validation: histogram and profile numbers, refused specs, pixels of
// the bars, lines and ratio panel at known data points, the log-y option, the chart in its
// view, and SVG export with axis titles and legend as text.
#include "GuiTestSupport.h"
#include "TestFiles.h"
#include "VolumeSpectrogramTestData.h"
#include "twinbench/viz/ComparisonChartView.h"
#include "twinbench/viz/OffscreenFigure.h"
#include "twinbench/viz/VtkVersion.h"

#include <QApplication>
#include <QDir>
#include <QTest>

#include <vtkAxis.h>

#include <cmath>

using namespace twins::viz;

namespace {
const QSize size(600, 450);

void saveScreenshot(const QImage& image, const QString& name) {
    const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
    QDir().mkpath(directory);
    image.save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

QPoint imagePixel(const QImage& image, QPointF scenePoint) {
    return {qRound(scenePoint.x()), image.height() - 1 - qRound(scenePoint.y())};
}

bool near(QColor a, QColor b, int tolerance) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

// Whether a colour occurs within `radius` pixels of a point.
bool colourAround(const QImage& image, QPoint centre, QColor colour, int radius, int tolerance) {
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = centre + QPoint(dx, dy);
            if (image.rect().contains(p) && near(image.pixelColor(p), colour, tolerance)) {
                return true;
            }
        }
    }
    return false;
}
} // namespace

class ComparisonChartTest : public QObject {
    Q_OBJECT

private slots:
    void histogramAndProfileNumbers() {
        const std::vector<double> edges = uniformBinEdges(0.0, 4.0, 4);
        QCOMPARE(edges, (std::vector<double>{0.0, 1.0, 2.0, 3.0, 4.0}));
        const ComparisonSeries counts = histogramSeries(
            QStringLiteral("h"), {0.5, 1.5, 1.7, 3.9, 4.0, -1.0, 9.0, std::nan("")}, edges);
        QCOMPARE(counts.values, (std::vector<double>{1.0, 2.0, 0.0, 2.0}));
        QCOMPARE(counts.errors[1], std::sqrt(2.0));
        const ComparisonSeries density =
            histogramSeries(QStringLiteral("d"), {0.5, 1.5, 1.7, 3.9}, edges, true);
        double integral = 0.0;
        for (double value : density.values) {
            integral += value * 1.0;
        }
        QCOMPARE(integral, 1.0);
        const ComparisonSeries profile =
            profileSeries(QStringLiteral("p"), {0.5, 0.6, 2.5, 2.5}, {1.0, 3.0, 10.0, 10.0}, edges);
        QCOMPARE(profile.values[0], 2.0);
        QCOMPARE(profile.errors[0], 1.0); // population standard deviation of {1, 3}
        QVERIFY(std::isnan(profile.values[1]));
        QCOMPARE(profile.errors[2], 0.0);
        const std::vector<double> ratios = binRatios({2.0, 1.0, 3.0}, {1.0, 0.0, std::nan("")});
        QCOMPARE(ratios[0], 2.0);
        QVERIFY(std::isnan(ratios[1]) && std::isnan(ratios[2]));
        QVERIFY_THROWS_EXCEPTION(ComparisonDataError, uniformBinEdges(1.0, 1.0, 3));
        QVERIFY_THROWS_EXCEPTION(ComparisonDataError,
                                 profileSeries(QStringLiteral("p"), {1.0}, {}, edges));
    }

    void invalidSpecsAreRefusedWithTheReason() {
        ComparisonSpec spec = twins::testing::energyHistogramComparison();
        spec.generated.values.pop_back();
        ComparisonChartView view;
        QString error;
        QVERIFY(!view.setComparison(spec, &error));
        QVERIFY2(error.contains("generated series has 19 values for 20 bins"), qPrintable(error));
        spec = twins::testing::energyHistogramComparison();
        std::fill(spec.reference.values.begin(), spec.reference.values.end(), 0.0);
        std::fill(spec.generated.values.begin(), spec.generated.values.end(), 0.0);
        spec.logY = true;
        QVERIFY(!view.setComparison(spec, &error));
        QVERIFY2(error.contains("log y axis needs positive values"), qPrintable(error));
    }

    void barsLinesAndRatioPanelAtKnownPoints() {
        const ComparisonSpec spec = twins::testing::energyHistogramComparison();
        const ComparisonChart chart(spec);
        const QImage image = chart.renderImage(size);
        saveScreenshot(image, "comparison-bars");
        // Inside the fourth reference bar (7.5..10 MeV), below both heights: the bar fill.
        const double third = std::min(spec.reference.values[3], spec.generated.values[3]);
        const auto inBar = chart.scenePointOf(8.75, 0.5 * third);
        QVERIFY(inBar);
        TB_VERIFY_COLOUR(image, imagePixel(image, *inBar).x(), imagePixel(image, *inBar).y(),
                         comparisonReferenceFill(), 2);
        // Above both histograms in that bin: white.
        const auto above = chart.scenePointOf(8.75, 1.5 * spec.reference.values[3]);
        QVERIFY(above);
        TB_VERIFY_COLOUR(image, imagePixel(image, *above).x(), imagePixel(image, *above).y(),
                         QColor(255, 255, 255), 2);
        // The generated step line at its height in that bin (the reference line lies under
        // the fill's edge; both are drawn).
        const auto generatedTop = chart.scenePointOf(8.75, spec.generated.values[3]);
        QVERIFY(colourAround(image, imagePixel(image, *generatedTop), comparisonGeneratedColor(), 2,
                             40));
        const auto referenceTop = chart.scenePointOf(8.75, spec.reference.values[3]);
        QVERIFY(colourAround(image, imagePixel(image, *referenceTop), comparisonReferenceColor(), 2,
                             40));
        // Ratio panel: the line at 1 (grey, dashed) and the generated/reference ratio of the
        // fourth bin at its value.
        bool unityFound = false;
        for (double x = 1.0; x < 50.0 && !unityFound; x += 0.5) {
            const auto one = chart.scenePointOf(x, 1.0, true);
            QVERIFY(one);
            unityFound = colourAround(image, imagePixel(image, *one), QColor(110, 110, 110), 1, 30);
        }
        QVERIFY2(unityFound, "no line at ratio 1");
        const double ratio = spec.generated.values[3] / spec.reference.values[3];
        const auto ratioPoint = chart.scenePointOf(8.75, ratio, true);
        QVERIFY(ratioPoint);
        QVERIFY(
            colourAround(image, imagePixel(image, *ratioPoint), comparisonGeneratedColor(), 2, 40));
        // The ratio panel is below the main one.
        QVERIFY(chart.scenePointOf(8.75, 1.0, true)->y() < chart.scenePointOf(8.75, 0.0)->y());
    }

    void logYMovesTheHistogram() {
        ComparisonSpec spec = twins::testing::energyHistogramComparison();
        spec.style = ComparisonSpec::Style::Step;
        const QImage linear = ComparisonChart(spec).renderImage(size);
        spec.logY = true;
        const ComparisonChart logChart(spec);
        const QImage log = logChart.renderImage(size);
        saveScreenshot(log, "comparison-log-y");
        QVERIFY(log != linear);
        // The last bin (a few counts) is invisible on the linear axis but well above the
        // bottom on the log axis, where its line is drawn at log10 of its count.
        const double last = spec.reference.values.back();
        QVERIFY(last > 0.0);
        const auto point = logChart.scenePointOf(48.75, last);
        QVERIFY(point);
        const auto bottom = logChart.scenePointOf(
            48.75, logChart.mainChart()->GetAxis(vtkAxis::LEFT)->GetUnscaledMinimum());
        QVERIFY(point->y() - bottom->y() > 20.0);
        QVERIFY(colourAround(log, imagePixel(log, *point), comparisonReferenceColor(), 2, 40));
    }

    void profileWithErrorBands() {
        const ComparisonSpec spec = twins::testing::layerProfileComparison();
        const ComparisonChart chart(spec);
        const QImage image = chart.renderImage(size);
        saveScreenshot(image, "comparison-profile");
        // At layer 8.5 the generated band (+- 1.4x the reference's spread around a mean 8%
        // higher) reaches above the reference band: between the two upper edges only the
        // generated band's translucent vermillion shows; inside both, a mix; above, white.
        const double referenceTop = spec.reference.values[8] + spec.reference.errors[8];
        const double generatedTop = spec.generated.values[8] + spec.generated.errors[8];
        QVERIFY(generatedTop > referenceTop);
        const auto generatedOnly = chart.scenePointOf(8.5, 0.5 * (referenceTop + generatedTop));
        const auto bothBands =
            chart.scenePointOf(8.5, 0.5 * (spec.reference.values[8] + referenceTop));
        const auto above = chart.scenePointOf(8.5, generatedTop + 0.3 * spec.generated.errors[8]);
        QVERIFY(generatedOnly && bothBands && above);
        QVERIFY2(generatedOnly->y() - chart.scenePointOf(8.5, referenceTop)->y() > 3.0,
                 "the bands' edges are too close to sample between them");
        const QColor orange = image.pixelColor(imagePixel(image, *generatedOnly));
        QVERIFY2(orange.red() > orange.blue() + 30 && orange != QColor(Qt::white),
                 qPrintable(orange.name()));
        const QColor mixed = image.pixelColor(imagePixel(image, *bothBands));
        QVERIFY2(mixed.lightness() < orange.lightness(), qPrintable(mixed.name()));
        TB_VERIFY_COLOUR(image, imagePixel(image, *above).x(), imagePixel(image, *above).y(),
                         QColor(255, 255, 255), 2);
        // The mean's markers: the generated colour near its mean at layer 8.5.
        QVERIFY(colourAround(image,
                             imagePixel(image, *chart.scenePointOf(8.5, spec.generated.values[8])),
                             comparisonGeneratedColor(), 3, 40));
    }

    void chartViewShowsAndExports() {
        ComparisonChartView view;
        view.resize(640, 480);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QString error;
        QVERIFY2(view.setComparison(twins::testing::energyHistogramComparison(), &error),
                 qPrintable(error));
        const int before = view.frameCount();
        view.update();
        QVERIFY(QTest::qWaitFor([&] { return view.frameCount() > before; }, 5000));
        const QImage frame = view.grabFramebuffer();
        saveScreenshot(frame, "comparison-view");
        const ComparisonSpec& spec = view.chart()->spec();
        const auto inBar = view.chart()->scenePointOf(
            3.75, 0.5 * std::min(spec.reference.values[1], spec.generated.values[1]));
        QVERIFY(inBar);
        const qreal ratio = frame.devicePixelRatio();
        TB_VERIFY_COLOUR(frame, qRound(inBar->x() / ratio),
                         qRound((frame.height() - 1 - inBar->y()) / ratio),
                         comparisonReferenceFill(), 2);
        const QImage large = view.renderToImage(QSize(1800, 1350));
        QCOMPARE(large.size(), QSize(1800, 1350));

        const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
        QDir().mkpath(directory);
        const QString svg = directory + QStringLiteral("/comparison-export.svg");
        view.exportFigure(svg, QSize(600, 450));
        const QByteArray text = twins::testing::readBytes(svg);
        QVERIFY(text.contains("<text"));
        for (const char* label : {"Cell energy (MeV)", "Cells", "Gen. / ref.", "Reference",
                                  "Generated", "Cell energy: GFlash reference vs generated"}) {
            QVERIFY2(text.contains(label), label);
        }
        // Lines stay vectors: GL2PS writes polylines/paths, not one embedded picture.
        QVERIFY(text.contains("<path") || text.contains("<polyline") || text.contains("<line"));
        const QString png = directory + QStringLiteral("/comparison-export.png");
        view.exportFigure(png, QSize(1200, 900));
        QCOMPARE(QImage(png).size(), QSize(1200, 900));
        QVERIFY_THROWS_EXCEPTION(
            FigureRenderError,
            view.exportFigure(directory + QStringLiteral("/x.gif"), QSize(100, 100)));
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    ComparisonChartTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "ComparisonChartTest.moc"
