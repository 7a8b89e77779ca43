// twinbench --export-figure, end to end through the real executable: PNG of the requested
// size with the field's colours at the projected cells, SVG with the title as <text>, PDF,
// and a clear message with a non-zero exit status for every kind of error.
#include "GuiTestSupport.h"
#include "MapTestFields.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/MapScene.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <vtkRenderWindow.h>

namespace {
struct Run {
    int exitCode = -1;
    QString standardError;
};

Run runTwinbench(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(TWINBENCH_GUI_EXECUTABLE), arguments);
    Run run;
    if (!process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished();
        run.standardError = QStringLiteral("twinbench did not finish within 90 s");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.standardError = QString::fromUtf8(process.readAllStandardError());
    return run;
}

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

// Pixel (top-left origin) where a lon/lat point lands in a figure of this size: the same
// MapScene layout, asked through a VTK window that is never rendered.
QPoint figurePixelOf(const QString& projection, QSize size, twins::viz::GeoPoint point) {
    twins::viz::MapScene scene;
    scene.setProjection(twins::viz::MapProjection::fromName(projection));
    vtkNew<vtkRenderWindow> window;
    window->SetOffScreenRendering(1);
    window->SetSize(size.width(), size.height());
    window->AddRenderer(scene.renderer());
    scene.fitCamera(size.width(), size.height());
    const auto projected = scene.projection().forward(point);
    if (!projected) {
        return {-1, -1};
    }
    scene.renderer()->SetWorldPoint(projected->x, projected->y, 0.0, 1.0);
    scene.renderer()->WorldToDisplay();
    double display[3];
    scene.renderer()->GetDisplayPoint(display);
    window->RemoveRenderer(scene.renderer());
    return {qRound(display[0]), size.height() - 1 - qRound(display[1] - 0.5)};
}
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
            << QStringList{"--export-figure", "figure.gif", "--open", "@DATA@", "--variable", "t2m"}
            << QStringLiteral(".png, .svg or .pdf");
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
