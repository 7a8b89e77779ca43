// The wildfire twin's generate action through the real worker, at the smallest settings (one
// year of a 6 x 8 degree region at 2 degrees): the CF NetCDF cube and the Zarr store read back
// through the project's Dataset layer with SeasFire's names, units and coordinates, the
// statistics table is written, and bad parameters fail the run with a message naming them.
#include "WorkerRuns.h"
#include "twinbench/data/CfTime.h"
#include "twinbench/data/Dataset.h"

#include <QFile>
#include <QTest>

#include <cmath>

namespace {

const QStringList smallRegion{"generate",           "--set", "first_year=2002", "--set",
                              "last_year=2002",     "--set", "resolution=2",    "--set",
                              "bbox=16,-16,24,-10", "--set", "seed=4"};

struct Expected {
    const char* name;
    const char* units;
    std::size_t dimensions;
};

const Expected expectedVariables[] = {
    {"lai", "m2 m-2", 3}, {"lst_day", "K", 3}, {"rel_hum", "%", 3}, {"ssr", "MJ m-2 day-1", 3},
    {"sst", "K", 3},      {"t2m_min", "K", 3}, {"tp", "mm", 3},     {"fcci_ba", "ha", 3},
    {"lsm", "1", 2}};

} // namespace

class WildfireGenerateTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"wildfire"};

    // Checks the cube at `path` as the Dataset layer reads it; "" when right.
    static QString checkCube(const QString& path) {
        const auto dataset = twins::data::Dataset::open(path.toStdString());
        for (const Expected& expected : expectedVariables) {
            const twins::data::DatasetVariable* variable = dataset->findVariable(expected.name);
            if (variable == nullptr) {
                return QStringLiteral("%1 has no %2").arg(path, expected.name);
            }
            if (variable->text("units") != expected.units ||
                variable->dimensions.size() != expected.dimensions) {
                return QStringLiteral("%1: units '%2', %3 dimensions")
                    .arg(expected.name, QString::fromStdString(variable->text("units")))
                    .arg(variable->dimensions.size());
            }
            if (expected.dimensions == 3 &&
                (variable->dimensions[0] != "time" || variable->dimensions[1] != "latitude" ||
                 variable->dimensions[2] != "longitude" || variable->shape[0] != 46 ||
                 variable->shape[1] != 3 || variable->shape[2] != 4)) {
                return QStringLiteral("%1 is not (time 46, latitude 3, longitude 4)")
                    .arg(expected.name);
            }
        }
        const std::vector<double> latitudes = dataset->readDecoded(dataset->variable("latitude"));
        const std::vector<double> longitudes = dataset->readDecoded(dataset->variable("longitude"));
        if (latitudes != std::vector<double>{-11, -13, -15} ||
            longitudes != std::vector<double>{17, 19, 21, 23}) {
            return QStringLiteral("coordinates are not the cell centres, north to south");
        }
        const twins::data::DatasetVariable* time = dataset->findVariable("time");
        const auto decoder = twins::data::CfTimeDecoder::forVariable(*time, path.toStdString());
        const std::vector<double> times = dataset->readDecoded(*time);
        const twins::data::CfDateTime first = decoder.decode(times.front());
        const twins::data::CfDateTime second = decoder.decode(times[1]);
        if (first.year != 2002 || first.month != 1 || first.day != 1 || second.day != 9) {
            return QStringLiteral("time does not start on 2002-01-01 in 8-day steps");
        }
        // Angola and Zambia: all land; burned area only there, non-negative, and the sea
        // surface temperature missing over land.
        const std::vector<double> lsm = dataset->readDecoded(dataset->variable("lsm"));
        const std::vector<double> sst = dataset->readDecoded(dataset->variable("sst"));
        const std::vector<double> burned = dataset->readDecoded(dataset->variable("fcci_ba"));
        double total = 0.0;
        for (std::size_t i = 0; i < burned.size(); ++i) {
            if (!(burned[i] >= 0.0) || !std::isnan(sst[i])) {
                return QStringLiteral("fcci_ba < 0 or sst over land at %1").arg(i);
            }
            total += burned[i];
        }
        for (const double fraction : lsm) {
            if (fraction < 0.99) {
                return QStringLiteral("lsm %1 in a land-locked region").arg(fraction);
            }
        }
        if (!(total > 0.0)) {
            return QStringLiteral("no burned area in a year of the Zambezian savanna");
        }
        return {};
    }

private slots:
    void netcdfCubeReadsBackWithSeasfireNamesAndUnits() {
        QVERIFY(m_runs.isValid());
        const QString id = m_runs.run(smallRegion);
        QVERIFY(!id.isEmpty());
        const QString outputs = m_runs.outputs(id);
        const QString problem = checkCube(outputs + "/cube.nc");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QFile statistics(outputs + "/statistics.csv");
        QVERIFY(statistics.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = statistics.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 10); // the header and nine variables
        QVERIFY(lines[0].startsWith("variable,units,valid_cells,count,mean,std,published_mean"));
        QVERIFY(m_runs.lastMetric(id, "burned_ha_per_year") > 0.0);
    }

    void zarrCubeReadsBackToo() {
        const QString id = m_runs.run(smallRegion + QStringList{"--set", "format=zarr"});
        QVERIFY(!id.isEmpty());
        const QString problem = checkCube(m_runs.outputs(id) + "/cube.zarr");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void badParametersFailTheRunNamingThem() {
        twins::testing::ProcessOutcome outcome;
        QVERIFY(m_runs.run({"generate", "--set", "bbox=170,0,190,10"}, &outcome).isEmpty());
        QVERIFY2(outcome.errors.contains("'bbox'") && outcome.errors.contains("leaves the globe"),
                 qPrintable(outcome.errors));
        QVERIFY(
            m_runs
                .run({"generate", "--set", "first_year=2010", "--set", "last_year=2001"}, &outcome)
                .isEmpty());
        QVERIFY2(outcome.errors.contains("reversed"), qPrintable(outcome.errors));
        QVERIFY(
            m_runs.run({"generate", "--set", "bbox=0,0,10,10", "--set", "resolution=3"}, &outcome)
                .isEmpty());
        QVERIFY2(outcome.errors.contains("whole number of cells"), qPrintable(outcome.errors));
    }
};

QTEST_GUILESS_MAIN(WildfireGenerateTest)
#include "WildfireGenerateTest.moc"
