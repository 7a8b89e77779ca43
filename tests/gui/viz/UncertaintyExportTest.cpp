// twinbench --export-figure with --uncertainty/--encoding, end to end through the real
// executable on a NetCDF file written here: VSUP colours at known cells, hatch lines over the
// non-robust band only, mean and spread side by side, captions stating each encoding (SVG
// text), and clear errors for misuse.
#include "FigureTestFiles.h"
#include "GuiTestSupport.h"
#include "TwinbenchRun.h"
#include "UncertaintyTestFields.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/MapScene.h"
#include "twinbench/viz/Vsup.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <vtkRenderWindow.h>

namespace {
using twins::testing::Run;
using twins::testing::runTwinbench;

using twins::testing::writeUncertaintyFile;

int darkPixelsAround(const QImage& image, QPoint centre, int radius) {
    int count = 0;
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = centre + QPoint(dx, dy);
            if (!image.rect().contains(p)) {
                continue;
            }
            const QColor c = image.pixelColor(p);
            count += c.red() < 70 && c.green() < 70 && c.blue() < 70 ? 1 : 0;
        }
    }
    return count;
}

void saveScreenshot(const QImage& image, const QString& name) {
    QDir().mkpath(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots"));
    image.save(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/") + name);
}
} // namespace

class UncertaintyExportTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    QString m_dataPath;

    QString output(const QString& name) const { return m_directory.filePath(name); }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        m_dataPath = m_directory.filePath(QStringLiteral("uncertainty.nc"));
        writeUncertaintyFile(m_dataPath);
    }

    void vsupPngColoursMatchPalette() {
        const QString png = output(QStringLiteral("vsup.png"));
        const Run run =
            runTwinbench({"--export-figure", png, "--open", m_dataPath, "--variable", "t2m",
                          "--uncertainty", "t2m_sd", "--encoding", "vsup", "--size", "1200x800"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 800));
        saveScreenshot(image, QStringLiteral("export-vsup.png"));
        const twins::viz::VsupPalette palette(twins::viz::ColorMap::named("viridis"), 8, 4);
        const struct {
            twins::viz::GeoPoint cell;
            int level;
            int bin;
        } samples[] = {{{-145.0, -25.0}, 0, 0},
                       {{75.0, -35.0}, 0, 2},
                       {{-35.0, 35.0}, 2, 1},
                       {{165.0, 25.0}, 3, 0}};
        for (const auto& sample : samples) {
            const QPoint pixel =
                twins::testing::figurePixelOf("plate-carree", image.size(), sample.cell);
            TB_VERIFY_COLOUR(image, pixel.x(), pixel.y(), palette.color(sample.level, sample.bin),
                             3);
        }
    }

    void vsupSvgStatesTheEncoding() {
        const QString svg = output(QStringLiteral("vsup.svg"));
        const Run run = runTwinbench({"--export-figure", svg, "--open", m_dataPath, "--variable",
                                      "t2m", "--uncertainty", "t2m_sd", "--encoding", "vsup"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY2(content.contains("Colour lightness: uncertainty (VSUP, 4 levels"),
                 "the caption is not in the SVG");
        QVERIFY2(content.contains("Uncertainty: t2m_sd [K]"), "the wedge's axis title is missing");
    }

    void hatchPngHasLinesOverNonRobustCellsOnly() {
        const QString png = output(QStringLiteral("hatch.png"));
        const Run run =
            runTwinbench({"--export-figure", png, "--open", m_dataPath, "--variable", "flat",
                          "--range", "0,3", "--uncertainty", "dt", "--encoding", "hatch",
                          "--threshold", "0.5", "--projection", "robinson", "--size", "1200x800"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 800));
        saveScreenshot(image, QStringLiteral("export-hatch.png"));
        const QPoint noSignal =
            twins::testing::figurePixelOf("robinson", image.size(), {-135.0, -45.0});
        const QPoint robust =
            twins::testing::figurePixelOf("robinson", image.size(), {-15.0, -45.0});
        const QPoint conflicting =
            twins::testing::figurePixelOf("robinson", image.size(), {135.0, -50.0});
        const int noSignalDark = darkPixelsAround(image, noSignal, 14);
        const int conflictingDark = darkPixelsAround(image, conflicting, 14);
        const QString counts = QStringLiteral("dark: no signal %1, robust %2, conflicting %3")
                                   .arg(noSignalDark)
                                   .arg(darkPixelsAround(image, robust, 14))
                                   .arg(conflictingDark);
        QVERIFY2(noSignalDark >= 40, qPrintable(counts));
        QVERIFY2(darkPixelsAround(image, robust, 14) == 0, qPrintable(counts));
        QVERIFY2(conflictingDark > 1.5 * noSignalDark, qPrintable(counts));
    }

    void hatchSvgStatesTheEncoding() {
        const QString svg = output(QStringLiteral("hatch.svg"));
        const Run run =
            runTwinbench({"--export-figure", svg, "--open", m_dataPath, "--variable", "flat",
                          "--uncertainty", "dt", "--encoding", "hatch", "--threshold", "0.5"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY2(content.contains("IPCC AR6 approach B, 5 members"), "no hatching caption");
        QVERIFY2(content.contains("conflicting signals"), "no hatching legend");
    }

    void spreadSideBySide() {
        const QString png = output(QStringLiteral("spread.png"));
        const Run run =
            runTwinbench({"--export-figure", png, "--open", m_dataPath, "--variable", "t2m",
                          "--uncertainty", "t2m_sd", "--encoding", "spread", "--size", "1600x600"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1600, 600));
        saveScreenshot(image, QStringLiteral("export-spread.png"));
        const QSize panel(800, 600);
        const auto viridis = twins::viz::ColorMap::named("viridis");
        const auto magma = twins::viz::ColorMap::named("magma");
        // Left: t2m 0..3 in viridis; right: t2m_sd 0..1 in magma, same cell same place.
        const QPoint left = twins::testing::figurePixelOf("plate-carree", panel, {-35.0, 35.0});
        TB_VERIFY_COLOUR(image, left.x(), left.y(), viridis.colorAt(2.0 / 3.0), 3);
        const QPoint rightNorthWest =
            twins::testing::figurePixelOf("plate-carree", panel, {-35.0, 35.0});
        TB_VERIFY_COLOUR(image, rightNorthWest.x() + 800, rightNorthWest.y(), magma.colorAt(0.5),
                         3);
        const QPoint rightNorthEast =
            twins::testing::figurePixelOf("plate-carree", panel, {165.0, 25.0});
        TB_VERIFY_COLOUR(image, rightNorthEast.x() + 800, rightNorthEast.y(), magma.colorAt(1.0),
                         3);
        const QString svg = output(QStringLiteral("spread.svg"));
        QCOMPARE(runTwinbench({"--export-figure", svg, "--open", m_dataPath, "--variable", "t2m",
                               "--uncertainty", "t2m_sd", "--encoding", "spread"})
                     .exitCode,
                 0);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(file.readAll().contains("Ensemble spread (standard deviation)"),
                 "the spread panel is not labelled");
    }

    void failsClearly_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString out = QDir::tempPath() + QStringLiteral("/twinbench-unc-never.png");
        const QStringList base{"--export-figure", out, "--open", "@DATA@", "--variable", "t2m"};
        QTest::newRow("encoding without variable")
            << (base + QStringList{"--encoding", "vsup"}) << QStringLiteral("--uncertainty VAR2");
        QTest::newRow("variable without encoding")
            << (base + QStringList{"--uncertainty", "t2m_sd"}) << QStringLiteral("--encoding");
        QTest::newRow("unknown encoding")
            << (base + QStringList{"--uncertainty", "t2m_sd", "--encoding", "blur"})
            << QStringLiteral("unknown encoding 'blur'");
        QTest::newRow("hatch without threshold")
            << (base + QStringList{"--uncertainty", "dt", "--encoding", "hatch"})
            << QStringLiteral("--threshold");
        QTest::newRow("hatch without ensemble dimension")
            << (base +
                QStringList{"--uncertainty", "t2m_sd", "--encoding", "hatch", "--threshold", "1"})
            << QStringLiteral("no ensemble dimension");
        QTest::newRow("unknown uncertainty variable")
            << (base + QStringList{"--uncertainty", "nope", "--encoding", "vsup"})
            << QStringLiteral("nope");
        QTest::newRow("bad threshold") << (base + QStringList{"--uncertainty", "dt", "--encoding",
                                                              "hatch", "--threshold", "lots"})
                                       << QStringLiteral("bad --threshold 'lots'");
    }

    void failsClearly() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        arguments.replaceInStrings(QStringLiteral("@DATA@"), m_dataPath);
        const QString out = QDir::tempPath() + QStringLiteral("/twinbench-unc-never.png");
        QFile::remove(out);
        const Run run = runTwinbench(arguments);
        QVERIFY2(
            run.exitCode > 0,
            qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(run.standardError)));
        QVERIFY2(run.standardError.contains(message),
                 qPrintable(QStringLiteral("stderr '%1' does not mention '%2'")
                                .arg(run.standardError.trimmed(), message)));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(UncertaintyExportTest)
#include "UncertaintyExportTest.moc"
