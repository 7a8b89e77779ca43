// twinbench --export-figure, end to end through the real executable: PNG of the requested
// size with the field's colours at the projected cells, SVG with the title as <text>, PDF,
// and a clear message with a non-zero exit status for every kind of error.
#include "ExportPdfParsing.h"
#include "FigureTestFiles.h"
#include "GuiTestSupport.h"
#include "MapTestFields.h"
#include "TwinbenchRun.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/MapScene.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <vtkRenderWindow.h>

namespace {
using twins::testing::Run;
using twins::testing::runTwinbench;

// The quadrant field as a CF NetCDF file with a leading time dimension of 2 (the second step
// holds the values + 10).
void writeQuadrantFile(const QString& path) {
    const auto field = twins::testing::quadrantField();
    twins::data::NetcdfWriter writer(path.toStdString());
    using Type = twins::data::NetcdfWriter::Type;
    writer.addDimension("time", 2);
    writer.addDimension("latitude", field->height);
    writer.addDimension("longitude", field->width);
    writer.addVariable("latitude", Type::Double, {"latitude"});
    writer.setTextAttribute("latitude", "units", "degrees_north");
    writer.addVariable("longitude", Type::Double, {"longitude"});
    writer.setTextAttribute("longitude", "units", "degrees_east");
    writer.addVariable("t2m", Type::Float, {"time", "latitude", "longitude"});
    writer.setTextAttribute("t2m", "units", "K");
    writer.setTextAttribute("t2m", "long_name", "Quadrant test field");
    writer.write("latitude", {0}, {field->height}, field->y.data());
    writer.write("longitude", {0}, {field->width}, field->x.data());
    std::vector<float> later = field->values;
    for (float& value : later) {
        value += 10.0f;
    }
    writer.write("t2m", {0, 0, 0}, {1, field->height, field->width}, field->values.data());
    writer.write("t2m", {1, 0, 0}, {1, field->height, field->width}, later.data());
    writer.commit();
}

using twins::testing::figurePixelOf;
} // namespace

class FigureExportTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    QString m_dataPath;

    QString output(const QString& name) const { return m_directory.filePath(name); }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        m_dataPath = m_directory.filePath(QStringLiteral("quadrants.nc"));
        writeQuadrantFile(m_dataPath);
    }

    void writesPngOfRequestedSizeWithFieldColours() {
        const QString png = output(QStringLiteral("figure.png"));
        const Run run = runTwinbench({"--export-figure", png, "--open", m_dataPath, "--variable",
                                      "t2m", "--projection", "robinson", "--size", "1000x620"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1000, 620));
        QDir().mkpath(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots"));
        image.save(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/export-robinson.png"));
        const auto viridis = twins::viz::ColorMap::named("viridis");
        const struct {
            twins::viz::GeoPoint cell;
            int value;
        } samples[] = {
            {{-145.0, -25.0}, 0}, {{75.0, -35.0}, 1}, {{-35.0, 35.0}, 2}, {{165.0, 25.0}, 3}};
        for (const auto& sample : samples) {
            const QPoint pixel = figurePixelOf("robinson", image.size(), sample.cell);
            TB_VERIFY_COLOUR(image, pixel.x(), pixel.y(), viridis.colorAt(sample.value / 3.0), 3);
        }
        // The colour bar is drawn: the top colour of viridis appears right of the map.
        bool barFound = false;
        for (int y = 0; y < image.height() && !barFound; ++y) {
            for (int x = 820; x < image.width() && !barFound; ++x) {
                barFound = twins::testing::colourNear(image, x, y, viridis.colorAt(1.0), 6);
            }
        }
        QVERIFY2(barFound, "no colour bar right of the map");
    }

    void indexSelectsTimeStep() {
        const QString png = output(QStringLiteral("time1.png"));
        // With a fixed range 0..13 the second step (values 10..13) is all in the upper part.
        const Run run =
            runTwinbench({"--export-figure", png, "--open", m_dataPath, "--variable", "t2m",
                          "--index", "time=1", "--range", "0,13", "--size", "800x500"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(800, 500));
        const QPoint pixel = figurePixelOf("plate-carree", image.size(), {-145.0, -25.0});
        TB_VERIFY_COLOUR(image, pixel.x(), pixel.y(),
                         twins::viz::ColorMap::named("viridis").colorAt(10.0 / 13.0), 4);
    }

    void writesSvgWithTitleText() {
        const QString svg = output(QStringLiteral("figure.svg"));
        const Run run = runTwinbench({"--export-figure", svg, "--open", m_dataPath, "--variable",
                                      "t2m", "--size", "900x600"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains("<svg"));
        QVERIFY(content.contains("<text"));
        QVERIFY2(content.contains("Quadrant test field"), "the title is not in the SVG");
        QVERIFY2(content.contains("quadrants.nc"), "the data source is not in the SVG");
        QVERIFY2(content.contains("t2m [K]"), "the colour bar title with units is missing");
        QVERIFY(!QFile::exists(output(QStringLiteral(".figure.partial.svg"))));
    }

    void writesPdf() {
        const QString pdf = output(QStringLiteral("figure.pdf"));
        const Run run = runTwinbench({"--export-figure", pdf, "--open", m_dataPath, "--variable",
                                      "t2m", "--projection", "mollweide"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5).startsWith("%PDF"));
        QVERIFY(file.size() > 1000);
    }

    void writesPngAt3000x2000() {
        const QString png = output(QStringLiteral("large.png"));
        const Run run = runTwinbench({"--export-figure", png, "--open", m_dataPath, "--variable",
                                      "t2m", "--size", "3000x2000"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(3000, 2000));
        const QPoint pixel = figurePixelOf("plate-carree", image.size(), {165.0, 25.0});
        TB_VERIFY_COLOUR(image, pixel.x(), pixel.y(),
                         twins::viz::ColorMap::named("viridis").colorAt(1.0), 3);
    }

    void svgHasVectorPathsAndTitleText() {
        const QString svg = output(QStringLiteral("parsed.svg"));
        const Run run = runTwinbench({"--export-figure", svg, "--open", m_dataPath, "--variable",
                                      "t2m", "--projection", "robinson", "--size", "900x600"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int paths = 0;
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) {
                continue;
            }
            if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polygon") ||
                xml.name() == QLatin1String("polyline")) {
                ++paths;
            } else if (xml.name() == QLatin1String("text")) {
                texts << xml.readElementText(QXmlStreamReader::IncludeChildElements);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        // 36 x 18 cells, coastlines, graticule and colour bar: hundreds of vector shapes.
        QVERIFY2(paths > 600, qPrintable(QStringLiteral("%1 vector shapes").arg(paths)));
        const QString allText = texts.join(QLatin1Char('|'));
        QVERIFY2(allText.contains(QLatin1String("Quadrant test field")), qPrintable(allText));
        QVERIFY2(allText.contains(QLatin1String("t2m [K]")), qPrintable(allText));
        // GL2PS draws strings with non-ASCII characters ("Plate Carrée") as outlines and
        // leaves the text in a comment: the source line is there, but not as <text>.
        file.seek(0);
        QVERIFY(file.readAll().contains("Pathified string: Source: quadrants.nc"));
    }

    void pdfHasVectorPathsFontsAndText() {
        const QString pdf = output(QStringLiteral("parsed.pdf"));
        const Run run = runTwinbench({"--export-figure", pdf, "--open", m_dataPath, "--variable",
                                      "t2m", "--size", "900x600"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto content = twins::testing::parsePdf(file.readAll());
        QVERIFY(content.valid);
        QVERIFY2(content.fontObjects > 0, "no font object");
        QVERIFY2(content.pathOperators > 600,
                 qPrintable(QStringLiteral("%1 path operators").arg(content.pathOperators)));
        QVERIFY(content.textOperators > 5);
        QVERIFY2(content.text.contains(QLatin1String("Quadrant test field")),
                 qPrintable(content.text.left(400)));
        QVERIFY(content.text.contains(QLatin1String("t2m [K]")));
    }

    void remapsLongitudesFrom0To360AndShowsExceedance() {
        // The quadrant field stored on 5..355 E: the east half of the map must still show
        // the eastern quadrants (values 1 and 3), as the GUI shows such files.
        const auto field = twins::testing::quadrantField();
        const QString path = output(QStringLiteral("lon360.nc"));
        {
            twins::data::NetcdfWriter writer(path.toStdString());
            using Type = twins::data::NetcdfWriter::Type;
            writer.addDimension("member", 4);
            writer.addDimension("latitude", field->height);
            writer.addDimension("longitude", field->width);
            writer.addVariable("latitude", Type::Double, {"latitude"});
            writer.setTextAttribute("latitude", "units", "degrees_north");
            writer.addVariable("longitude", Type::Double, {"longitude"});
            writer.setTextAttribute("longitude", "units", "degrees_east");
            writer.addVariable("t2m", Type::Float, {"latitude", "longitude"});
            writer.setTextAttribute("t2m", "units", "K");
            writer.addVariable("ens", Type::Float, {"member", "latitude", "longitude"});
            writer.setTextAttribute("ens", "units", "K");
            std::vector<double> longitudes;
            for (std::size_t i = 0; i < field->width; ++i) {
                longitudes.push_back(5.0 + 10.0 * double(i));
            }
            // Column i of the file is at 5 + 10 i E, i.e. field column (i + 18) % 36.
            std::vector<float> values(field->values.size());
            std::vector<std::vector<float>> members(4, std::vector<float>(values.size()));
            for (std::size_t row = 0; row < field->height; ++row) {
                for (std::size_t i = 0; i < field->width; ++i) {
                    const float value = field->at((i + 18) % field->width, row);
                    values[row * field->width + i] = value;
                    for (int m = 0; m < 4; ++m) {
                        // Member m exceeds 0.5 where the value is >= m: P = (value + 1) / 4.
                        members[m][row * field->width + i] = value >= m ? 1.0f : 0.0f;
                    }
                }
            }
            writer.write("latitude", {0}, {field->height}, field->y.data());
            writer.write("longitude", {0}, {field->width}, longitudes.data());
            writer.write("t2m", {0, 0}, {field->height, field->width}, values.data());
            for (std::size_t m = 0; m < 4; ++m) {
                writer.write("ens", {m, 0, 0}, {1, field->height, field->width}, members[m].data());
            }
            writer.commit();
        }
        const QString png = output(QStringLiteral("lon360.png"));
        Run run = runTwinbench(
            {"--export-figure", png, "--open", path, "--variable", "t2m", "--size", "800x500"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QImage image(png);
        const auto viridis = twins::viz::ColorMap::named("viridis");
        QPoint pixel = figurePixelOf("plate-carree", image.size(), {-145.0, -25.0});
        TB_VERIFY_COLOUR(image, pixel.x(), pixel.y(), viridis.colorAt(0.0), 3);
        pixel = figurePixelOf("plate-carree", image.size(), {165.0, 25.0});
        TB_VERIFY_COLOUR(image, pixel.x(), pixel.y(), viridis.colorAt(1.0), 3);

        const QString exceedance = output(QStringLiteral("exceedance.png"));
        run = runTwinbench({"--export-figure", exceedance, "--open", path, "--variable", "t2m",
                            "--uncertainty", "ens", "--encoding", "exceedance", "--threshold",
                            "0.5", "--size", "800x500"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        image = QImage(exceedance);
        QDir().mkpath(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots"));
        image.save(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/export-exceedance.png"));
        pixel = figurePixelOf("plate-carree", image.size(), {-145.0, -25.0});
        TB_VERIFY_COLOUR(image, pixel.x(), pixel.y(), viridis.colorAt(0.25), 3);
        pixel = figurePixelOf("plate-carree", image.size(), {165.0, 25.0});
        TB_VERIFY_COLOUR(image, pixel.x(), pixel.y(), viridis.colorAt(1.0), 3);
    }

    void failsClearly_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString out = QDir::tempPath() + QStringLiteral("/twinbench-never-written.png");
        QTest::newRow("missing file") << QStringList{"--export-figure",  out,          "--open",
                                                     "/no/such/file.nc", "--variable", "t2m"}
                                      << QStringLiteral("/no/such/file.nc");
        QTest::newRow("unknown variable")
            << QStringList{"--export-figure", out, "--open", "@DATA@", "--variable", "nope"}
            << QStringLiteral("nope");
        QTest::newRow("bad projection")
            << QStringList{"--export-figure", out,   "--open",       "@DATA@",
                           "--variable",      "t2m", "--projection", "mercator"}
            << QStringLiteral("unknown projection 'mercator'");
        QTest::newRow("unwritable output")
            << QStringList{"--export-figure", "/no/such/directory/figure.png",
                           "--open",          "@DATA@",
                           "--variable",      "t2m"}
            << QStringLiteral("does not exist");
        QTest::newRow("unknown format")
            << QStringList{"--export-figure", "figure.bmp", "--open", "@DATA@", "--variable", "t2m"}
            << QStringLiteral(".png, .svg or .pdf");
        QTest::newRow("animation without --animate")
            << QStringList{"--export-figure", "figure.gif", "--open", "@DATA@", "--variable", "t2m"}
            << QStringLiteral("--animate DIM");
        QTest::newRow("index of a dimension the variable lacks")
            << QStringList{"--export-figure", out,   "--open",  "@DATA@",
                           "--variable",      "t2m", "--index", "depth=1"}
            << QStringLiteral("no dimension 'depth'");
        QTest::newRow("bad size") << QStringList{"--export-figure", out,   "--open", "@DATA@",
                                                 "--variable",      "t2m", "--size", "big"}
                                  << QStringLiteral("bad --size");
        QTest::newRow("bad index") << QStringList{"--export-figure", out,   "--open",  "@DATA@",
                                                  "--variable",      "t2m", "--index", "time=9"}
                                   << QStringLiteral("time");
        QTest::newRow("bad colour map")
            << QStringList{"--export-figure", out,   "--open",     "@DATA@",
                           "--variable",      "t2m", "--colormap", "jet"}
            << QStringLiteral("unknown colour map 'jet'");
        QTest::newRow("no variable") << QStringList{"--export-figure", out, "--open", "@DATA@"}
                                     << QStringLiteral("--variable");
    }

    void failsClearly() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        arguments.replaceInStrings(QStringLiteral("@DATA@"), m_dataPath);
        QFile::remove(QDir::tempPath() + QStringLiteral("/twinbench-never-written.png"));
        const Run run = runTwinbench(arguments);
        QVERIFY2(run.exitCode != 0, "twinbench exited with status 0");
        QVERIFY2(run.exitCode > 0, qPrintable("twinbench crashed: " + run.standardError));
        QVERIFY2(run.standardError.contains(message),
                 qPrintable(QStringLiteral("stderr '%1' does not mention '%2'")
                                .arg(run.standardError.trimmed(), message)));
        QVERIFY(!QFile::exists(QDir::tempPath() + QStringLiteral("/twinbench-never-written.png")));
    }
};

QTEST_GUILESS_MAIN(FigureExportTest)
#include "FigureExportTest.moc"
