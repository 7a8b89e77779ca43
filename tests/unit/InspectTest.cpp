// `twinbench-run inspect`: the JSON and text listings of a CF file (packed int16 with fill and
// missing values, a noleap time axis), statistics computed in bounded slabs, exit codes, and a
// cross-check of the CF decoding against xarray from Debian's Python.
#include "ProcessRun.h"
#include "twinbench/data/DatasetSummary.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/data/NetcdfWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace twins::data;

namespace {

using Outcome = twins::testing::ProcessOutcome;

Outcome run(const QString& program, const QStringList& arguments) {
    return twins::testing::runProcess(program, arguments);
}

bool relativelyClose(double actual, double expected, double tolerance) {
    return std::fabs(actual - expected) <= tolerance * std::max(1.0, std::fabs(expected));
}

QJsonObject variableNamed(const QJsonObject& root, const QString& name) {
    for (const QJsonValue& value : root.value("variables").toArray()) {
        if (value.toObject().value("name").toString() == name) {
            return value.toObject();
        }
    }
    return {};
}

// Writes a reference file with xarray and prints what xarray decodes from it, as JSON.
constexpr const char* xarrayScript = R"PY(
import json, sys, warnings
warnings.simplefilter("ignore")
import numpy as np
import xarray as xr

path = sys.argv[1]
rng = np.random.default_rng(20240101)
data = rng.normal(15.0, 8.0, size=(6, 5, 7))
data[0, 0, :3] = np.nan
data[3, 2, 4] = np.nan
times = xr.cftime_range("2000-02-28", periods=6, freq="12H", calendar="360_day")
ds = xr.Dataset(
    {"temp": (("time", "lat", "lon"), data, {"units": "degC", "long_name": "temperature"})},
    coords={"time": times, "lat": np.linspace(-10.0, 10.0, 5), "lon": np.arange(7.0)},
)
ds.to_netcdf(path, engine="netcdf4", format="NETCDF4", encoding={
    "temp": {"dtype": "int16", "scale_factor": 0.01, "add_offset": 15.0, "_FillValue": -32767},
    "time": {"units": "days since 2000-01-01 00:00:00", "calendar": "360_day", "dtype": "float64"},
})

decoded = xr.open_dataset(path, engine="netcdf4")
values = decoded["temp"].values.astype("float64")
valid = np.isfinite(values)
stamps = decoded["time"].values
print(json.dumps({
    "min": float(values[valid].min()),
    "max": float(values[valid].max()),
    "mean": float(values[valid].mean()),
    "masked": int((~valid).sum()),
    "first": stamps[0].strftime("%Y-%m-%d %H:%M:%S"),
    "last": stamps[-1].strftime("%Y-%m-%d %H:%M:%S"),
    "calendar": decoded["time"].encoding["calendar"],
}))
)PY";

} // namespace

class InspectTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    QString m_samplePath;
    // Expected statistics of "temp", computed here from the packed values.
    double m_minimum = std::numeric_limits<double>::infinity();
    double m_maximum = -std::numeric_limits<double>::infinity();
    double m_mean = 0.0;
    int m_masked = 0;

    // time(4, unlimited, noleap days since 2000-02-28) x lat(3) x lon(4); "temp" is int16 with
    // scale/offset, _FillValue and missing_value, chunked 1x3x4 and compressed; "empty" is a
    // float variable whose every value is the fill value.
    void writeSample(const QString& path) {
        NetcdfWriter writer(path.toStdString());
        using Type = NetcdfWriter::Type;
        writer.setGlobalTextAttribute("title", "inspect test");
        writer.addDimension("time", 0);
        writer.addDimension("lat", 3);
        writer.addDimension("lon", 4);
        writer.addVariable("time", Type::Double, {"time"});
        writer.setTextAttribute("time", "units", "days since 2000-02-28 00:00:00");
        writer.setTextAttribute("time", "calendar", "noleap");
        writer.addVariable("temp", Type::Short, {"time", "lat", "lon"}, 4, {1, 3, 4});
        writer.setTextAttribute("temp", "long_name", "packed temperature");
        writer.setTextAttribute("temp", "units", "K");
        writer.setNumberAttribute("temp", "scale_factor", Type::Double, {0.01});
        writer.setNumberAttribute("temp", "add_offset", Type::Double, {280.0});
        writer.setNumberAttribute("temp", "_FillValue", Type::Short, {-32767});
        writer.setNumberAttribute("temp", "missing_value", Type::Short, {-32000});
        writer.addVariable("empty", Type::Float, {"lat", "lon"});
        writer.setNumberAttribute("empty", "_FillValue", Type::Float, {-999.0});

        const double time[] = {0.0, 0.5, 1.0, 1.5};
        writer.write("time", {0}, {4}, time);
        std::vector<short> packed(48);
        double sum = 0.0;
        int valid = 0;
        for (int index = 0; index < 48; ++index) {
            packed[index] = static_cast<short>((index * 7919) % 4001 - 2000);
            if (index % 11 == 3) {
                packed[index] = -32767;
            } else if (index == 20) {
                packed[index] = -32000;
            }
            if (packed[index] == -32767 || packed[index] == -32000) {
                ++m_masked;
                continue;
            }
            const double value = packed[index] * 0.01 + 280.0;
            m_minimum = std::min(m_minimum, value);
            m_maximum = std::max(m_maximum, value);
            sum += value;
            ++valid;
        }
        m_mean = sum / valid;
        writer.write("temp", {0, 0, 0}, {4, 3, 4}, packed.data());
        const std::vector<float> empty(12, -999.0f);
        writer.write("empty", {0, 0}, {3, 4}, empty.data());
        writer.commit();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        m_samplePath = m_directory.filePath("sample.nc");
        writeSample(m_samplePath);
        QCOMPARE(m_masked, 6);
    }

    void jsonReportsHeaderStatisticsAndTime() {
        const Outcome outcome =
            run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", m_samplePath, "--json"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(outcome.output, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject root = document.object();
        QCOMPARE(root.value("schema").toString(), QString("twinbench-inspect/1"));
        QCOMPARE(root.value("path").toString(), m_samplePath);
        QCOMPARE(root.value("format").toString(), QString("netCDF-4"));
        QCOMPARE(root.value("global_attributes").toObject().value("title").toString(),
                 QString("inspect test"));

        const QJsonArray dimensions = root.value("dimensions").toArray();
        QCOMPARE(dimensions.size(), 3);
        QCOMPARE(dimensions[0].toObject().value("name").toString(), QString("time"));
        QCOMPARE(dimensions[0].toObject().value("length").toInt(), 4);
        QCOMPARE(dimensions[0].toObject().value("unlimited").toBool(), true);
        QCOMPARE(dimensions[2].toObject().value("length").toInt(), 4);
        QCOMPARE(dimensions[2].toObject().value("unlimited").toBool(), false);

        const QJsonObject temp = variableNamed(root, "temp");
        QCOMPARE(temp.value("dtype").toString(), QString("short"));
        QCOMPARE(temp.value("dimensions").toArray(), (QJsonArray{"time", "lat", "lon"}));
        QCOMPARE(temp.value("shape").toArray(), (QJsonArray{4, 3, 4}));
        QCOMPARE(temp.value("units").toString(), QString("K"));
        QCOMPARE(temp.value("long_name").toString(), QString("packed temperature"));
        QCOMPARE(temp.value("_FillValue").toDouble(), -32767.0);
        QCOMPARE(temp.value("missing_value").toArray(), (QJsonArray{-32000}));
        QCOMPARE(temp.value("storage").toString(), QString("chunked"));
        QCOMPARE(temp.value("chunking").toArray(), (QJsonArray{1, 3, 4}));
        QCOMPARE(temp.value("attributes").toObject().value("scale_factor").toDouble(), 0.01);
        QVERIFY(temp.value("time").isNull());

        const QJsonObject statistics = temp.value("statistics").toObject();
        QCOMPARE(statistics.value("count").toInt(), 48);
        QCOMPARE(statistics.value("masked_count").toInt(), m_masked);
        QCOMPARE(statistics.value("valid_count").toInt(), 48 - m_masked);
        QCOMPARE(statistics.value("min").toDouble(), m_minimum);
        QCOMPARE(statistics.value("max").toDouble(), m_maximum);
        QVERIFY2(relativelyClose(statistics.value("mean").toDouble(), m_mean, 1e-12),
                 qPrintable(QString("mean %1, expected %2")
                                .arg(statistics.value("mean").toDouble(), 0, 'g', 17)
                                .arg(m_mean, 0, 'g', 17)));

        const QJsonObject time = variableNamed(root, "time").value("time").toObject();
        QCOMPARE(time.value("calendar").toString(), QString("noleap"));
        QCOMPARE(time.value("units").toString(), QString("days since 2000-02-28 00:00:00"));
        // noleap: the day after 28 February is 1 March, also in 2000.
        QCOMPARE(time.value("first").toString(), QString("2000-02-28 00:00:00"));
        QCOMPARE(time.value("last").toString(), QString("2000-03-01 12:00:00"));
        QVERIFY(time.value("error").isNull());

        const QJsonObject empty = variableNamed(root, "empty");
        const QJsonObject emptyStatistics = empty.value("statistics").toObject();
        QCOMPARE(emptyStatistics.value("masked_count").toInt(), 12);
        QCOMPARE(emptyStatistics.value("valid_count").toInt(), 0);
        QVERIFY(emptyStatistics.value("min").isNull());
        QVERIFY(emptyStatistics.value("max").isNull());
        QVERIFY(emptyStatistics.value("mean").isNull());
        QVERIFY(empty.value("units").isNull());
        // A netCDF-4 variable defined without chunk sizes or compression is stored contiguously.
        QCOMPARE(empty.value("storage").toString(), QString("contiguous"));
        QVERIFY(empty.value("chunking").isNull());
    }

    void jsonIsStableAndSchemaComplete() {
        const Outcome first = run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", "--json", m_samplePath});
        const Outcome second =
            run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", m_samplePath, "--json"});
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.output, second.output);
        const QJsonObject root = QJsonDocument::fromJson(first.output).object();
        QCOMPARE(root.keys(), (QStringList{"dimensions", "format", "global_attributes", "groups",
                                           "path", "schema", "variables"}));
        QCOMPARE(root.value("groups").toArray(), QJsonArray()); // a file without subgroups
        for (const QJsonValue& value : root.value("variables").toArray()) {
            QCOMPARE(value.toObject().keys(),
                     (QStringList{"_FillValue", "attributes", "chunking", "dimensions", "dtype",
                                  "long_name", "missing_value", "name", "shape", "statistics",
                                  "storage", "time", "units"}));
        }
        // Keys are written in order, so the text itself is sorted too.
        const QByteArray text = first.output;
        QVERIFY(text.indexOf("\"dimensions\"") < text.indexOf("\"format\""));
        QVERIFY(text.indexOf("\"format\"") < text.indexOf("\"variables\""));
    }

    void slabbedStatisticsMatchWholeReads() {
        const auto file = NetcdfFile::open(m_samplePath.toStdString());
        const DatasetSummary whole = summarizeDataset(*file);
        for (std::size_t slabBytes : {std::size_t(8), std::size_t(40), std::size_t(100)}) {
            SummaryOptions options;
            options.slabBytes = slabBytes; // 1, 5 and 12 values per read
            const DatasetSummary slabbed = summarizeDataset(*file, options);
            QCOMPARE(summaryJson(slabbed), summaryJson(whole));
        }
        const auto temp = std::find_if(whole.variables.begin(), whole.variables.end(),
                                       [](const VariableSummary& v) { return v.name == "temp"; });
        QVERIFY(temp != whole.variables.end() && temp->statistics);
        QCOMPARE(temp->statistics->maskedCount, std::size_t(m_masked));
        QCOMPARE(*temp->statistics->minimum, m_minimum);
    }

    void textListingByDefault() {
        const Outcome outcome = run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", m_samplePath});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QString text = QString::fromUtf8(outcome.output);
        QVERIFY(text.startsWith(m_samplePath));
        for (const char* expected :
             {"netCDF-4", "time = 4 (unlimited)", "short temp(time, lat, lon)", "chunks 1x3x4",
              "6 of 48 masked", "time (noleap): 2000-02-28 00:00:00 .. 2000-03-01 12:00:00",
              "no valid values", "title = \"inspect test\""}) {
            QVERIFY2(text.contains(expected),
                     qPrintable(QString("%1 missing from\n%2").arg(expected, text)));
        }
        QVERIFY(!text.trimmed().startsWith('{'));
    }

    void missingFileIsADataError() {
        const QString missing = m_directory.filePath("no-such-file.nc");
        const Outcome outcome = run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", missing, "--json"});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.errors.contains(missing), qPrintable(outcome.errors));
        QVERIFY2(outcome.errors.contains("does not exist"), qPrintable(outcome.errors));
        QVERIFY(outcome.output.isEmpty());

        const QString garbage = m_directory.filePath("garbage.nc");
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a NetCDF file at all");
        file.close();
        const Outcome corrupt = run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", garbage});
        QCOMPARE(corrupt.exitCode, 1);
        QVERIFY2(corrupt.errors.contains(garbage), qPrintable(corrupt.errors));
    }

    void usageErrors() {
        QCOMPARE(run(TWINBENCH_WORKER_EXECUTABLE, {"inspect"}).exitCode, 2);
        QCOMPARE(run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", "--json"}).exitCode, 2);
        QCOMPARE(run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", m_samplePath, m_samplePath}).exitCode,
                 2);
        const Outcome unknown =
            run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", m_samplePath, "--xml"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.errors.contains("--xml"));
        const Outcome help = run(TWINBENCH_WORKER_EXECUTABLE, {"--help"});
        QVERIFY(QString::fromUtf8(help.output).contains("inspect PATH [--json]"));
    }

    void decodingMatchesXarray() {
        const QString python = QStringLiteral("/usr/bin/python3");
        const Outcome probe = run(python, {"-c", "import netCDF4, xarray, cftime"});
        if (probe.exitCode != 0) {
            QSKIP("Debian's /usr/bin/python3 with netCDF4 and xarray is not available");
        }
        const QString scriptPath = m_directory.filePath("reference.py");
        const QString referencePath = m_directory.filePath("xarray-360day.nc");
        QFile script(scriptPath);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(xarrayScript);
        script.close();
        const Outcome written = run(python, {scriptPath, referencePath});
        QVERIFY2(written.exitCode == 0, qPrintable(written.errors));
        QJsonParseError error;
        const QJsonObject expected = QJsonDocument::fromJson(written.output, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError,
                 qPrintable(error.errorString() + ": " + QString::fromUtf8(written.output)));

        const Outcome inspected =
            run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", referencePath, "--json"});
        QVERIFY2(inspected.exitCode == 0, qPrintable(inspected.errors));
        const QJsonObject root = QJsonDocument::fromJson(inspected.output).object();
        const QJsonObject temp = variableNamed(root, "temp");
        // The file really is what the check is about: int16 packed with a fill value.
        QCOMPARE(temp.value("dtype").toString(), QString("short"));
        QCOMPARE(temp.value("_FillValue").toDouble(), -32767.0);
        QVERIFY(temp.value("attributes").toObject().contains("scale_factor"));

        const QJsonObject statistics = temp.value("statistics").toObject();
        for (const char* key : {"min", "max", "mean"}) {
            const double actual = statistics.value(key).toDouble();
            const double reference = expected.value(key).toDouble();
            QVERIFY2(relativelyClose(actual, reference, 1e-6),
                     qPrintable(QString("%1: inspect %2, xarray %3")
                                    .arg(key)
                                    .arg(actual, 0, 'g', 17)
                                    .arg(reference, 0, 'g', 17)));
        }
        QCOMPARE(statistics.value("masked_count").toInt(), expected.value("masked").toInt());
        QCOMPARE(statistics.value("masked_count").toInt(), 4);

        const QJsonObject time = variableNamed(root, "time").value("time").toObject();
        QCOMPARE(time.value("calendar").toString(), expected.value("calendar").toString());
        QCOMPARE(time.value("calendar").toString(), QString("360_day"));
        QCOMPARE(time.value("first").toString(), expected.value("first").toString());
        QCOMPARE(time.value("last").toString(), expected.value("last").toString());
        QCOMPARE(time.value("last").toString(), QString("2000-02-30 12:00:00"));
    }
};

QTEST_GUILESS_MAIN(InspectTest)
#include "InspectTest.moc"
