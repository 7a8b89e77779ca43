// SpectrogramView under Xvfb: waterfall colours at known (time, frequency) cells, descending
// channels drawn the right way up with a flagged channel in grey, band and profile means,
// the log scale, export at any size and SVG with the axis titles as text.
#include "twinbench/viz/SpectrogramView.h"

#include "GuiTestSupport.h"
#include "TestFiles.h"
#include "VolumeSpectrogramTestData.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/VtkVersion.h"

#include <QApplication>
#include <QDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace twins::viz;
using Panel = SpectrogramScene::Panel;

namespace {
void saveScreenshot(const QImage& image, const QString& name) {
    const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
    QDir().mkpath(directory);
    image.save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}
} // namespace

class SpectrogramViewTest : public QObject {
    Q_OBJECT

    std::unique_ptr<SpectrogramView> m_view;

    bool waitForFrame() {
        const int before = m_view->frameCount();
        m_view->update();
        return QTest::qWaitFor([&] { return m_view->frameCount() > before; }, 5000);
    }

    QImage grab(const QString& name) {
        if (!waitForFrame()) {
            return {};
        }
        const QImage frame = m_view->grabFramebuffer();
        saveScreenshot(frame, name);
        return frame;
    }

    void verifyWaterfall(const QImage& frame, double x, double frequency, QColor expected) {
        const auto position = m_view->widgetPositionOf(Panel::Waterfall, x, frequency);
        QVERIFY2(position, "no position for a waterfall cell");
        TB_VERIFY_COLOUR(frame, qRound(position->x()), qRound(position->y()), expected, 3);
    }

private slots:
    void init() {
        m_view = std::make_unique<SpectrogramView>();
        m_view->resize(800, 560);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QVERIFY(waitForFrame());
        QVERIFY2(m_view->graphicsError().isEmpty(), qPrintable(m_view->graphicsError()));
    }

    void cleanup() { m_view.reset(); }

    void waterfallColoursAtKnownCells() {
        QString error;
        QVERIFY2(m_view->setSpectrogram(twins::testing::channelRamp(), {}, &error),
                 qPrintable(error));
        const QImage frame = grab("spectrogram-channel-ramp");
        QVERIFY(!frame.isNull());
        const ColorMap viridis = ColorMap::named(QStringLiteral("viridis"));
        // Channel c covers 100 + 10c .. 110 + 10c MHz and has value c over the range 0..3.
        for (int channel = 0; channel < 4; ++channel) {
            for (double time : {0.5, 3.5, 7.5}) {
                verifyWaterfall(frame, time, 105.0 + 10.0 * channel,
                                viridis.colorAt(channel / 3.0));
            }
        }
        // The band panel's line sits at the channel means (0..3) and the profile at 1.5.
        const auto bandPoint = m_view->widgetPositionOf(Panel::Band, 2.0, 125.0);
        QVERIFY(bandPoint);
        bool lineFound = false;
        for (int dy = -2; dy <= 2 && !lineFound; ++dy) {
            for (int dx = -2; dx <= 2 && !lineFound; ++dx) {
                lineFound =
                    twins::testing::colourNear(frame, qRound(bandPoint->x()) + dx,
                                               qRound(bandPoint->y()) + dy, QColor(30, 30, 30), 40);
            }
        }
        QVERIFY2(lineFound, "no band line where channel 2's mean is");
    }

    void bandAndProfileMeansIgnoreFlaggedSamples() {
        const SpectrogramData pulsar = twins::testing::syntheticPulsar();
        const std::vector<double> band = bandMeans(pulsar);
        const std::vector<double> profile = binMeans(pulsar);
        QCOMPARE(band.size(), std::size_t(64));
        QCOMPARE(profile.size(), std::size_t(128));
        QVERIFY(std::isnan(band[40]));
        double sum = 0.0;
        for (int bin = 0; bin < 128; ++bin) {
            sum += pulsar.values[3 * 128 + bin];
        }
        QVERIFY(std::abs(band[3] - sum / 128.0) < 1e-9);
        double column = 0.0;
        for (int channel = 0; channel < 64; ++channel) {
            if (channel != 40) {
                column += pulsar.values[static_cast<std::size_t>(channel) * 128 + 38];
            }
        }
        QVERIFY(std::abs(profile[38] - column / 63.0) < 1e-9);
        // The pulse (phase 0.3 at the top of the band) is the profile's peak region.
        const auto peak = std::max_element(profile.begin(), profile.end()) - profile.begin();
        QVERIFY2(peak >= 38 && peak <= 60, qPrintable(QString::number(peak)));
    }

    void descendingChannelsAndFlaggedChannel() {
        QVERIFY(m_view->setSpectrogram(twins::testing::syntheticPulsar()));
        const QImage frame = grab("spectrogram-pulsar");
        QVERIFY(!frame.isNull());
        // Channel 40 (1346.875 MHz, the descending order's 41st) is flagged: neutral grey.
        verifyWaterfall(frame, 0.9, 1600.0 - 40.5 * 6.25, QColor(158, 158, 158));
        // The pulse arrives at phase 0.3 at the top of the band and later lower down: at
        // 1596.9 MHz (channel 0) the pulse peak is at phase ~0.30, at 1203 MHz (channel 63)
        // at ~0.3 + 0.25 (1400/1203)^2 - 0.25 (1400/1600)^2 = 0.447.
        const SpectrogramScene& scene = *m_view->scene();
        const auto brightness = [&](double phase, double frequency) {
            const auto position = m_view->widgetPositionOf(Panel::Waterfall, phase, frequency);
            return position ? QColor(frame.pixel(qRound(position->x()), qRound(position->y())))
                                  .lightness()
                            : -1;
        };
        QVERIFY(brightness(0.30, 1596.9) > brightness(0.447, 1596.9) + 60);
        QVERIFY(brightness(0.447, 1203.1) > brightness(0.30, 1203.1) + 60);
        QCOMPARE(scene.colorRange().scale, ColorScale::Linear);
    }

    void logScaleChangesColours() {
        QVERIFY(m_view->setSpectrogram(twins::testing::channelRamp()));
        const QImage linear = grab("spectrogram-ramp-linear");
        QString error;
        QVERIFY2(m_view->setColorScale(ColorScale::Logarithmic, &error), qPrintable(error));
        const QImage log = grab("spectrogram-ramp-log");
        QVERIFY(log != linear);
        // Log range: smallest positive value 1 to 3; channel 2 sits at log10(2)/log10(3), and
        // channel 0 (value 0, below the range) takes the lowest colour.
        const ColorMap viridis = ColorMap::named(QStringLiteral("viridis"));
        verifyWaterfall(log, 3.5, 125.0, viridis.colorAt(std::log10(2.0) / std::log10(3.0)));
        verifyWaterfall(log, 3.5, 105.0, viridis.colorAt(0.0));
        verifyWaterfall(log, 3.5, 135.0, viridis.colorAt(1.0));
        // Wrong requests are refused with the reason and keep the picture.
        QVERIFY(!m_view->setColorMap(QStringLiteral("rainbow"), &error));
        QVERIFY2(error.contains("rainbow") && error.contains("viridis"), qPrintable(error));
        auto bad = twins::testing::channelRamp();
        bad.values.resize(5);
        QVERIFY(!m_view->setSpectrogram(bad, {}, &error));
        QVERIFY2(error.contains("8 bins x 4 channels need 32"), qPrintable(error));
    }

    void exportsPngAtAnySizeAndSvgWithAxisText() {
        QVERIFY(m_view->setSpectrogram(twins::testing::syntheticPulsar()));
        QVERIFY(waitForFrame());
        const QImage large = m_view->renderToImage(QSize(2100, 1500));
        QCOMPARE(large.size(), QSize(2100, 1500));
        saveScreenshot(large, "spectrogram-export-large");
        const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
        const QString svg = directory + QStringLiteral("/spectrogram-export.svg");
        m_view->exportFigure(svg, QSize(700, 500));
        const QByteArray text = twins::testing::readBytes(svg);
        QVERIFY(text.contains("<text"));
        for (const char* label : {"Frequency (MHz)", "Phase", "Flux density (mJy)",
                                  "Band mean (mJy)", "PSR synthetic, folded"}) {
            QVERIFY2(text.contains(label), label);
        }
        const QString pdf = directory + QStringLiteral("/spectrogram-export.pdf");
        m_view->exportFigure(pdf, QSize(700, 500));
        QVERIFY(twins::testing::readBytes(pdf).startsWith("%PDF"));
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    SpectrogramViewTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "SpectrogramViewTest.moc"
