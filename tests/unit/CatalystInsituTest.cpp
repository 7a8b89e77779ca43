// cyclone generate co-processed by ParaView Catalyst (issue 24), through the real worker at the
// smallest settings, with the example script catalyst/scripts/drivers_extracts.py:
// the run's insitu/catalyst/ holds, per published step, a .pvti of the grid, a .pvtp of the
// storms and a .png of msl; ParaView's own readers (the unpacked prefix's pvpython) read the
// data extracts back and their values match the CF NetCDF extract of the same step; the images
// are real pictures that change from step to step. An unreachable insitu_live gives one warning
// and the run goes on. Image extracts need an X server that does not reset when ParaView's
// OpenGL probe disconnects: the test starts its own Xvfb with -noreset (README.md, "measured").
#include "WorkerRuns.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <netcdf.h>

#include <cmath>

#if !defined(TWINBENCH_PVPYTHON) || !defined(TWINBENCH_PARAVIEW_PYTHON_DIR)
#error "TWINBENCH_PVPYTHON and TWINBENCH_PARAVIEW_PYTHON_DIR must be defined"
#endif

namespace {

std::vector<double> readVariable(const QString& path, const char* name) {
    std::vector<double> values;
    int nc = -1;
    if (nc_open(path.toUtf8().constData(), NC_NOWRITE, &nc) != NC_NOERR) {
        return values;
    }
    int variable = -1;
    int dimensions = 0;
    int ids[NC_MAX_VAR_DIMS] = {};
    if (nc_inq_varid(nc, name, &variable) == NC_NOERR &&
        nc_inq_var(nc, variable, nullptr, nullptr, &dimensions, ids, nullptr) == NC_NOERR) {
        std::size_t size = 1;
        for (int index = 0; index < dimensions; ++index) {
            std::size_t length = 0;
            nc_inq_dimlen(nc, ids[index], &length);
            size *= length;
        }
        values.resize(size);
        nc_get_var_double(nc, variable, values.data());
    }
    nc_close(nc);
    return values;
}

QString fileText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            colours.insert(image.pixel(x, y));
        }
    }
    return colours.size();
}

} // namespace

class CatalystInsituTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"cyclone"};
    QProcess m_xvfb;
    QString m_display;

private slots:
    void initTestCase() {
        // -displayfd 1: Xvfb picks a free display and prints its number once it accepts
        // connections.
        m_xvfb.start("Xvfb", {"-displayfd", "1", "-noreset", "-nolisten", "tcp", "-screen", "0",
                              "800x600x24"});
        QVERIFY2(m_xvfb.waitForStarted(10000), "Xvfb did not start");
        QVERIFY2(m_xvfb.waitForReadyRead(20000), "Xvfb printed no display number");
        m_display = ":" + QString::fromLatin1(m_xvfb.readAllStandardOutput()).trimmed();
        QVERIFY(m_runs.isValid());
    }

    void cleanupTestCase() {
        m_xvfb.terminate();
        m_xvfb.waitForFinished(5000);
    }

    void generateWritesCatalystExtractsThatParaViewReadsBack() {
        QProcessEnvironment environment = m_runs.environment();
        environment.insert("DISPLAY", m_display);
        const QString script =
            TWINBENCH_SOURCE_DIR "/catalyst/scripts/drivers_extracts.py";
        const twins::testing::ProcessOutcome outcome = twins::testing::runProcess(
            TWINBENCH_WORKER_EXECUTABLE,
            {"run", "cyclone", "generate", "--set", "period=2017-09-01/2017-09-03", "--set",
             "resolution=2.5", "--set", "seed=5", "--set", "insitu=catalyst", "--set",
             "insitu_every=4", "--set", "insitu_script=" + script, "--set",
             // Port 1 on the loopback: nothing listens there.
             "insitu_live=127.0.0.1:1", "--wait"},
            300000, environment);
        const QString id = QString::fromUtf8(outcome.output).trimmed().split('\n').first();
        const QString log = fileText(m_runs.filePath(id + "/log.txt"));
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors + "\n" + log));
        QVERIFY2(log.contains("ParaView Catalyst started"), qPrintable(log));
        // One warning for the unreachable Live endpoint, and the run went on.
        QCOMPARE(log.count(QRegularExpression("insitu_live 127\\.0\\.0\\.1:1 is unreachable")), 1);

        // Twelve 6-hourly steps, every fourth published: steps 3, 7 and 11, as CF NetCDF and
        // through Catalyst.
        const QString insitu = m_runs.filePath(id + "/insitu");
        QCOMPARE(
            QDir(insitu).entryList({"*.nc"}, QDir::Files, QDir::Name),
            QStringList({"drivers_00000003.nc", "drivers_00000007.nc", "drivers_00000011.nc"}));
        const QDir catalyst(insitu + "/catalyst");
        QCOMPARE(catalyst.entryList({"*.pvti"}, QDir::Files, QDir::Name),
                 QStringList(
                     {"drivers_00000003.pvti", "drivers_00000007.pvti", "drivers_00000011.pvti"}));
        QCOMPARE(catalyst.entryList({"*.pvtp"}, QDir::Files).size(), 3);
        const QStringList images = catalyst.entryList({"*.png"}, QDir::Files, QDir::Name);
        QCOMPARE(images, QStringList({"msl_00000003.png", "msl_00000007.png", "msl_00000011.png"}));

        // ParaView's own readers read step 11 back.
        QProcessEnvironment paraview = QProcessEnvironment::systemEnvironment();
        paraview.insert("PYTHONPATH", TWINBENCH_PARAVIEW_PYTHON_DIR);
        paraview.insert("DISPLAY", m_display);
        const twins::testing::ProcessOutcome read = twins::testing::runProcess(
            TWINBENCH_PVPYTHON,
            {TWINBENCH_SOURCE_DIR "/tests/unit/CatalystReadExtracts.py",
             catalyst.filePath("drivers_00000011.pvti"), catalyst.filePath("storms_00000011.pvtp")},
            120000, paraview);
        QVERIFY2(read.exitCode == 0, qPrintable(read.errors));
        const QByteArray json = read.output.mid(read.output.lastIndexOf("\n{") + 1);
        const QJsonObject back = QJsonDocument::fromJson(json).object();
        QVERIFY2(!back.isEmpty(), read.output.constData());

        // The grid: longitude x latitude, as many points as the CF extract's axes.
        const QString extract = insitu + "/drivers_00000011.nc";
        const std::vector<double> latitudes = readVariable(extract, "latitude");
        const std::vector<double> longitudes = readVariable(extract, "longitude");
        const std::vector<double> msl = readVariable(extract, "msl");
        const std::size_t nx = longitudes.size();
        const std::size_t ny = latitudes.size();
        QVERIFY(nx > 10 && ny > 10);
        QCOMPARE(back.value("class").toString(), QString("vtkImageData"));
        QCOMPARE(back.value("dimensions").toArray(), QJsonArray({double(nx), double(ny), 1.0}));
        QCOMPARE(back.value("spacing").toArray().at(0).toDouble(), 2.5);
        // Every value where the CF extract has it: VTK's point i is at x = i % nx, y = i / nx
        // with latitude ascending; the CF extract is (latitude, longitude) in its own order.
        const bool descending = latitudes.front() > latitudes.back();
        const QJsonObject at = back.value("msl_at").toObject();
        QCOMPARE(at.size(), 3);
        for (auto entry = at.begin(); entry != at.end(); ++entry) {
            const std::size_t point = entry.key().toULongLong();
            const std::size_t x = point % nx;
            const std::size_t y = descending ? ny - 1 - point / nx : point / nx;
            QCOMPARE(float(entry.value().toDouble()), float(msl[y * nx + x]));
        }
        const auto [low, high] = std::minmax_element(msl.begin(), msl.end());
        QCOMPARE(float(back.value("msl").toArray().at(0).toDouble()), float(*low));
        QCOMPARE(float(back.value("msl").toArray().at(1).toDouble()), float(*high));
        QVERIFY(*high - *low > 100.0); // a real pressure field, in Pa
        // The storms: one point per storm alive, as the scalar says.
        QCOMPARE(back.value("points").toInt(), int(readVariable(extract, "storms_alive").front()));

        // The images: msl colour-mapped over the whole view, different at each step.
        QImage first(catalyst.filePath(images.first()));
        QImage last(catalyst.filePath(images.last()));
        QCOMPARE(last.size(), QSize(480, 240));
        QVERIFY2(distinctColours(last) > 50, qPrintable(QString::number(distinctColours(last))));
        QVERIFY(first != last);
        // Kept for a look, as the GUI tests keep theirs.
        QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
        QFile::remove(TWINBENCH_BINARY_DIR "/screenshots/catalyst-insitu-msl.png");
        QFile::copy(catalyst.filePath(images.last()),
                    TWINBENCH_BINARY_DIR "/screenshots/catalyst-insitu-msl.png");
    }
};

QTEST_GUILESS_MAIN(CatalystInsituTest)
#include "CatalystInsituTest.moc"
