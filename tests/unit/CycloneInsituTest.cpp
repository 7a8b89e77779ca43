// cyclone generate publishing in situ (issue 24), through the real worker at the smallest
// settings: with insitu=extracts the run's insitu/ holds CF NetCDF snapshots whose msl and
// vo_850 match the run's own drivers.nc (read with NetCDF-C, unpacked here), status.json names
// the newest, prov.json lists them, and the retention limit holds; with insitu=catalyst and no
// adaptor the run fails at its start with a message that says so.
#include "WorkerRuns.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>

#include <netcdf.h>

#include <cmath>

namespace {

// One step of a variable: the extract's float field, or drivers.nc's packed int16 unpacked.
std::vector<double> readStep(const QString& path, const char* name, std::size_t step,
                             std::size_t rows, std::size_t columns, double* halfStep = nullptr) {
    int nc = -1;
    std::vector<double> values;
    if (nc_open(path.toUtf8().constData(), NC_NOWRITE, &nc) != NC_NOERR) {
        return values;
    }
    int variable = -1;
    nc_inq_varid(nc, name, &variable);
    nc_type type = NC_NAT;
    nc_inq_vartype(nc, variable, &type);
    const std::size_t start[3] = {step, 0, 0};
    const std::size_t count[3] = {1, rows, columns};
    values.resize(rows * columns);
    if (type == NC_SHORT) {
        std::vector<short> packed(values.size());
        double scale = 1.0;
        double offset = 0.0;
        nc_get_vara_short(nc, variable, start, count, packed.data());
        nc_get_att_double(nc, variable, "scale_factor", &scale);
        nc_get_att_double(nc, variable, "add_offset", &offset);
        for (std::size_t index = 0; index < values.size(); ++index) {
            values[index] = packed[index] * scale + offset;
        }
        if (halfStep != nullptr) {
            *halfStep = scale / 2.0;
        }
    } else {
        nc_get_vara_double(nc, variable, start, count, values.data());
    }
    nc_close(nc);
    return values;
}

std::size_t dimensionLength(const QString& path, const char* name) {
    int nc = -1;
    int dimension = -1;
    std::size_t length = 0;
    if (nc_open(path.toUtf8().constData(), NC_NOWRITE, &nc) == NC_NOERR) {
        if (nc_inq_dimid(nc, name, &dimension) == NC_NOERR) {
            nc_inq_dimlen(nc, dimension, &length);
        }
        nc_close(nc);
    }
    return length;
}

QJsonObject readJson(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

const QStringList smallest{"generate", "--set",          "period=2017-09-01/2017-09-03",
                           "--set",    "resolution=2.5", "--set",
                           "seed=5"};

} // namespace

class CycloneInsituTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"cyclone"};

private slots:
    void generatePublishesExtractsThatMatchItsOutput() {
        QVERIFY(m_runs.isValid());
        const QString id = m_runs.run(
            smallest + QStringList{"--set", "insitu=extracts", "--set", "insitu_keep=8"});
        QVERIFY(!id.isEmpty());
        const QString drivers = m_runs.outputs(id) + "/drivers.nc";
        const std::size_t steps = dimensionLength(drivers, "time");
        const std::size_t rows = dimensionLength(drivers, "latitude");
        const std::size_t columns = dimensionLength(drivers, "longitude");
        QCOMPARE(steps, std::size_t(12)); // three days, 6-hourly: every step is published
        // The retention limit: the eight newest of twelve.
        const QStringList extracts =
            QDir(m_runs.filePath(id + "/insitu")).entryList(QDir::Files, QDir::Name);
        QCOMPARE(extracts.size(), 8);
        QCOMPARE(extracts.first(), QString("drivers_00000004.nc"));
        QCOMPARE(extracts.last(), QString("drivers_00000011.nc"));

        for (const std::size_t step : {std::size_t(4), std::size_t(11)}) {
            const QString extract = m_runs.filePath(
                id + QStringLiteral("/insitu/drivers_%1.nc").arg(step, 8, 10, QChar('0')));
            QCOMPARE(dimensionLength(extract, "latitude"), rows);
            for (const char* name : {"msl", "vo_850"}) {
                double halfStep = 0.0;
                const std::vector<double> written =
                    readStep(drivers, name, step, rows, columns, &halfStep);
                const std::vector<double> published = readStep(extract, name, 0, rows, columns);
                QCOMPARE(published.size(), rows * columns);
                double worst = 0.0;
                double spread = 0.0;
                for (std::size_t index = 0; index < written.size(); ++index) {
                    worst = std::max(worst, std::abs(published[index] - written[index]));
                    spread = std::max(spread, std::abs(published[index] - published.front()));
                }
                // drivers.nc packs to int16: the two differ by at most half a packing step.
                QVERIFY2(worst <= halfStep * 1.0001,
                         qPrintable(QStringLiteral("%1 step %2: %3 > %4")
                                        .arg(name)
                                        .arg(step)
                                        .arg(worst)
                                        .arg(halfStep)));
                QVERIFY(spread > 0.0); // a real field, not a constant
            }
            // The storms alive at the step: as many points as the scalar says.
            const std::size_t storms = dimensionLength(extract, "storms");
            QCOMPARE(readStep(extract, "storms_alive", 0, 1, 1).front(), double(storms));
        }

        const QJsonObject status = readJson(m_runs.filePath(id + "/status.json"));
        const QJsonObject insitu = status.value("insitu").toObject();
        QCOMPARE(insitu.value("step").toInt(), 11);
        QCOMPARE(insitu.value("file").toString(), QString("insitu/drivers_00000011.nc"));
        QCOMPARE(insitu.value("count").toInt(), 12);
        QCOMPARE(status.value("state").toString(), QString("succeeded"));

        const QJsonObject provenance = readJson(m_runs.filePath(id + "/prov.json"));
        int listed = 0;
        for (const QJsonValue& entity : provenance.value("entity").toObject()) {
            listed +=
                entity.toObject().value("prov:label").toString().startsWith("insitu/") ? 1 : 0;
        }
        QCOMPARE(listed, 8);
    }

    void generateWithoutInsituWritesNoExtract() {
        const QString id = m_runs.run(smallest);
        QVERIFY(!id.isEmpty());
        QVERIFY(QDir(m_runs.filePath(id + "/insitu")).entryList(QDir::Files).isEmpty());
        QVERIFY(!readJson(m_runs.filePath(id + "/status.json")).contains("insitu"));
    }

    void catalystWithoutAdaptorFailsTheStart() {
        QTemporaryDir folder;
        const QString script = folder.filePath("pipeline.py");
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("from paraview.simple import *\n");
        file.close();
        QProcessEnvironment environment = m_runs.environment();
        environment.insert("TWINBENCH_CATALYST_ADAPTOR",
                           folder.filePath("libtwinbench_catalyst.so"));
        const twins::testing::ProcessOutcome outcome =
            twins::testing::runProcess(TWINBENCH_WORKER_EXECUTABLE,
                                       QStringList{"run", "cyclone"} + smallest +
                                           QStringList{"--set", "insitu=catalyst", "--set",
                                                       "insitu_script=" + script, "--wait"},
                                       120000, environment);
        QVERIFY(outcome.exitCode != 0);
        const QString id = QString::fromUtf8(outcome.output).trimmed().split('\n').first();
        const QJsonObject status = readJson(m_runs.filePath(id + "/status.json"));
        QCOMPARE(status.value("state").toString(), QString("failed"));
        const QString detail = status.value("detail").toString();
        QVERIFY2(detail.contains("no ParaView Catalyst adaptor") &&
                     detail.contains("insitu=extracts"),
                 qPrintable(detail));
        // It failed at the start: the twin never ran, so nothing was generated.
        QVERIFY(!QFile::exists(m_runs.outputs(id) + "/drivers.nc"));
    }
};

QTEST_GUILESS_MAIN(CycloneInsituTest)
#include "CycloneInsituTest.moc"
