// The writers twins use (HDF5, Zarr v2, NetCDF-4) round-trip: what they write is read back
// equal by our Dataset and by Debian's Python stack (h5py, zarr, xarray, netCDF4) at
// /usr/bin/python3, with the CF attributes, groups, chunking and compression asked for.
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/Hdf5Writer.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/data/ZarrWriter.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>

using namespace twins::data;

namespace {

constexpr const char* python = "/usr/bin/python3";

// Runs a Python snippet with the file as argv[1]; its stdout must be one JSON object.
QJsonObject runPython(const QString& script, const QString& path, QString* failure) {
    QProcess process;
    process.start(python, {"-c", script, path});
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *failure = QStringLiteral("%1 failed on %2: %3")
                       .arg(python, path, QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(process.readAllStandardOutput(), &error);
    if (!document.isObject()) {
        *failure = QStringLiteral("python output for %1 is not a JSON object: %2")
                       .arg(path, error.errorString());
    }
    return document.object();
}

bool pythonHas(const char* modules) {
    QProcess process;
    process.start(python, {"-c", QStringLiteral("import %1").arg(modules)});
    return process.waitForFinished(60000) && process.exitCode() == 0;
}

std::vector<double> numbers(const QJsonArray& array) {
    std::vector<double> values;
    for (const QJsonValue& value : array) {
        values.push_back(value.isNull() ? std::nan("") : value.toDouble());
    }
    return values;
}

// Equal element by element within tolerance; NaN only where NaN is expected.
QString compareValues(const std::vector<double>& actual, const std::vector<double>& expected,
                      double tolerance, const QString& what) {
    if (actual.size() != expected.size()) {
        return QStringLiteral("%1: %2 values, expected %3")
            .arg(what)
            .arg(actual.size())
            .arg(expected.size());
    }
    for (std::size_t i = 0; i < actual.size(); ++i) {
        const bool bothMissing = std::isnan(actual[i]) && std::isnan(expected[i]);
        if (!bothMissing && !(std::abs(actual[i] - expected[i]) <= tolerance)) {
            return QStringLiteral("%1[%2] = %3, expected %4 (tolerance %5)")
                .arg(what)
                .arg(i)
                .arg(actual[i], 0, 'g', 12)
                .arg(expected[i], 0, 'g', 12)
                .arg(tolerance);
        }
    }
    return {};
}

std::string textAttribute(const std::vector<Attribute>& attributes, const std::string& name) {
    for (const Attribute& attribute : attributes) {
        if (attribute.name == name) {
            return attribute.text;
        }
    }
    return "<missing>";
}

// A smooth field with some structure, so chunk boundaries and order errors show.
double sample(std::size_t i) {
    return 270.0 + 15.0 * std::sin(0.37 * static_cast<double>(i)) + 0.01 * static_cast<double>(i);
}

} // namespace

class WriterRoundTripTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_directory;

private slots:
    void initTestCase() { QVERIFY(m_directory.isValid()); }

    void hdf5GroupsChunksDeflateAndAttributes() {
        const QString path = m_directory.filePath("showers.h5");
        std::vector<float> energy(4 * 5 * 6);
        for (std::size_t i = 0; i < energy.size(); ++i) {
            energy[i] = static_cast<float>(sample(i));
        }
        {
            Hdf5Writer writer(path.toStdString());
            writer.createGroup("/showers/meta");
            writer.createDataset("/showers/energy", Hdf5Writer::Type::Float32, {4, 5, 6}, {2, 5, 3},
                                 6);
            writer.createDataset("/showers/meta/count", Hdf5Writer::Type::Int32, {3});
            writer.setTextAttribute("/", "title", "GAN showers");
            writer.setTextAttribute("/showers", "model", "3DGAN");
            writer.setTextAttribute("/showers/energy", "units", "GeV");
            writer.setNumberAttribute("/showers/energy", "scale_range", Hdf5Writer::Type::Float64,
                                      {0.5, 2.5});
            // Written in two hyperslabs to exercise offsets.
            writer.write("/showers/energy", {0, 0, 0}, {2, 5, 6}, energy.data());
            writer.write("/showers/energy", {2, 0, 0}, {2, 5, 6}, energy.data() + 60);
            const std::vector<double> counts{10, 20, 30};
            writer.write("/showers/meta/count", {0}, {3}, counts.data());
            QVERIFY_THROWS_EXCEPTION(DataError,
                                     writer.write("/showers/meta/count", {2}, {2}, counts.data()));
            writer.commit();
        }
        const auto dataset = openDataset(path.toStdString());
        QCOMPARE(dataset->format(), DatasetFormat::HDF5);
        const DatasetVariable& variable = dataset->variable("/showers/energy");
        QCOMPARE(variable.shape, (std::vector<std::size_t>{4, 5, 6}));
        QCOMPARE(variable.chunkSizes, (std::vector<std::size_t>{2, 5, 3}));
        QCOMPARE(variable.units(), std::string("GeV"));
        const std::vector<double> ours = dataset->readDecoded(variable);
        const std::vector<double> written(energy.begin(), energy.end());
        const QString oursDiffer = compareValues(ours, written, 0.0, "Dataset /showers/energy");
        QVERIFY2(oursDiffer.isEmpty(), qPrintable(oursDiffer));
        QVERIFY(dataset->findGroup("/showers/meta") != nullptr);
        QCOMPARE(textAttribute(dataset->root().attributes, "title"), std::string("GAN showers"));
        QCOMPARE(textAttribute(dataset->findGroup("/showers")->attributes, "model"),
                 std::string("3DGAN"));

        if (!pythonHas("h5py")) {
            QSKIP("/usr/bin/python3 has no h5py (python3-h5py)");
        }
        QString failure;
        const QJsonObject h5py = runPython(
            R"(import h5py, json, sys
f = h5py.File(sys.argv[1], "r")
d = f["showers/energy"]
def text(v): return v.decode() if isinstance(v, bytes) else str(v)
print(json.dumps({"values": d[...].astype("float64").ravel().tolist(),
  "chunks": list(d.chunks), "compression": d.compression, "shuffle": d.shuffle,
  "units": text(d.attrs["units"]), "range": [float(x) for x in d.attrs["scale_range"]],
  "title": text(f.attrs["title"]), "model": text(f["showers"].attrs["model"]),
  "count": f["showers/meta/count"][...].tolist()}))
)",
            path, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QString pythonDiffer =
            compareValues(numbers(h5py["values"].toArray()), written, 0.0, "h5py showers/energy");
        QVERIFY2(pythonDiffer.isEmpty(), qPrintable(pythonDiffer));
        QCOMPARE(h5py["chunks"].toArray(), (QJsonArray{2, 5, 3}));
        QCOMPARE(h5py["compression"].toString(), QString("gzip"));
        QCOMPARE(h5py["shuffle"].toBool(), true);
        QCOMPARE(h5py["units"].toString(), QString("GeV"));
        QCOMPARE(h5py["range"].toArray(), (QJsonArray{0.5, 2.5}));
        QCOMPARE(h5py["title"].toString(), QString("GAN showers"));
        QCOMPARE(h5py["model"].toString(), QString("3DGAN"));
        QCOMPARE(h5py["count"].toArray(), (QJsonArray{10, 20, 30}));
    }

    void hdf5RefusesDeflateWithoutChunksAndLeavesNoFile() {
        const QString path = m_directory.filePath("refused.h5");
        {
            Hdf5Writer writer(path.toStdString());
            QVERIFY_THROWS_EXCEPTION(
                DataError, writer.createDataset("/x", Hdf5Writer::Type::Float32, {4}, {}, 4));
            // Not committed: the temporary file goes away, no target appears.
        }
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(QDir(m_directory.path()).entryList({"refused.h5*"}, QDir::Files).size(), 0);
    }

    void zarrPackedCompressedWithGroups() {
        const QString path = m_directory.filePath("forecast.zarr");
        constexpr std::size_t times = 3, lats = 4, lons = 5;
        std::vector<double> temperature(times * lats * lons);
        for (std::size_t i = 0; i < temperature.size(); ++i) {
            temperature[i] = std::round(sample(i) * 100.0) / 100.0; // exactly packable
        }
        temperature[7] = std::nan("");
        std::vector<double> precipitation(lats * lons);
        for (std::size_t i = 0; i < precipitation.size(); ++i) {
            precipitation[i] = 0.25 * static_cast<double>(i);
        }
        {
            ZarrWriter writer(path.toStdString(), {"zlib", 6});
            writer.addDimension("time", times);
            writer.addDimension("lat", lats);
            writer.addDimension("lon", lons);
            writer.addVariable("/lat", ZarrWriter::Type::Float64, {"lat"}, {{}, "degrees_north"});
            writer.addVariable("/lon", ZarrWriter::Type::Float64, {"lon"}, {{}, "degrees_east"});
            ZarrWriter::VariableOptions packed;
            packed.chunkSizes = {1, 2, 5};
            packed.units = "K";
            packed.fillValue = -32767;
            packed.scaleFactor = 0.01;
            packed.addOffset = 273.15;
            writer.addVariable("/temp", ZarrWriter::Type::Int16, {"time", "lat", "lon"}, packed);
            writer.setTextAttribute("/temp", "long_name", "air temperature");
            writer.setTextAttribute("/", "Conventions", "CF-1.10");
            writer.addGroup("/forecast/surface");
            ZarrWriter::VariableOptions plain;
            plain.chunkSizes = {2, 5};
            plain.units = "mm";
            writer.addVariable("/forecast/surface/precip", ZarrWriter::Type::Float32,
                               {"lat", "lon"}, plain);
            const std::vector<double> lat{-30, -10, 10, 30};
            const std::vector<double> lon{0, 72, 144, 216, 288};
            writer.write("/lat", {0}, {lats}, lat.data());
            writer.write("/lon", {0}, {lons}, lon.data());
            writer.write("/temp", {0, 0, 0}, {times, lats, lons}, temperature.data());
            writer.write("/forecast/surface/precip", {0, 0}, {lats, lons}, precipitation.data());
            QVERIFY_THROWS_EXCEPTION(
                DataError, writer.write("/temp", {2, 0, 0}, {2, lats, lons}, temperature.data()));
            writer.commit();
        }
        QVERIFY2(QFileInfo(path + "/.zmetadata").exists(), "no consolidated metadata");
        const auto dataset = openDataset(path.toStdString());
        QCOMPARE(dataset->format(), DatasetFormat::Zarr);
        const DatasetVariable& temp = dataset->variable("/temp");
        QCOMPARE(temp.units(), std::string("K"));
        QCOMPARE(temp.chunkSizes, (std::vector<std::size_t>{1, 2, 5}));
        // Packed to 0.01 K: decoded values equal the written ones to within rounding.
        const QString oursDiffer =
            compareValues(dataset->readDecoded(temp), temperature, 1e-9, "Dataset /temp");
        QVERIFY2(oursDiffer.isEmpty(), qPrintable(oursDiffer));
        const QString precipDiffer =
            compareValues(dataset->readDecoded("/forecast/surface/precip", {{0, 0}, {lats, lons}}),
                          precipitation, 0.0, "Dataset /forecast/surface/precip");
        QVERIFY2(precipDiffer.isEmpty(), qPrintable(precipDiffer));

        if (!pythonHas("zarr, xarray, numcodecs")) {
            QSKIP("/usr/bin/python3 lacks zarr, xarray or numcodecs");
        }
        QString failure;
        const QJsonObject reference = runPython(
            R"(import json, sys, warnings
warnings.simplefilter("ignore")
import numpy as np, xarray as xr, zarr
store = zarr.open_consolidated(sys.argv[1], mode="r")
raw = store["temp"]
ds = xr.open_zarr(sys.argv[1], consolidated=True)
packed = xr.open_zarr(sys.argv[1], consolidated=True, mask_and_scale=False)["temp"]
# xarray unpacks int16 in float32; the float64 reference is its decode of int32-widened values.
wide = packed.to_dataset().copy(); wide["temp"] = wide["temp"].astype("int32")
decoded = xr.decode_cf(wide)["temp"].values.astype("float64").ravel()
sub = zarr.open_group(sys.argv[1], mode="r")["forecast/surface/precip"]
print(json.dumps({
  "raw": raw[...].astype("float64").ravel().tolist(), "compressor": raw.compressor.codec_id,
  "level": raw.compressor.level, "chunks": list(raw.chunks), "fill": float(raw.fill_value),
  "encoding_fill": float(packed.attrs.get("_FillValue", ds["temp"].encoding.get("_FillValue"))),
  "scale": float(ds["temp"].encoding["scale_factor"]),
  "offset": float(ds["temp"].encoding["add_offset"]),
  "units": ds["temp"].attrs["units"], "long_name": ds["temp"].attrs["long_name"],
  "decoded": [None if not np.isfinite(v) else float(v) for v in decoded],
  "precip": sub[...].astype("float64").ravel().tolist()}))
)",
            path, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(reference["compressor"].toString(), QString("zlib"));
        QCOMPARE(reference["level"].toInt(), 6);
        QCOMPARE(reference["chunks"].toArray(), (QJsonArray{1, 2, 5}));
        QCOMPARE(reference["fill"].toDouble(), -32767.0);
        QCOMPARE(reference["encoding_fill"].toDouble(), -32767.0);
        QCOMPARE(reference["scale"].toDouble(), 0.01);
        QCOMPARE(reference["offset"].toDouble(), 273.15);
        QCOMPARE(reference["units"].toString(), QString("K"));
        QCOMPARE(reference["long_name"].toString(), QString("air temperature"));
        // Stored integers are exactly round((value - offset) / scale); NaN became the fill.
        const std::vector<double> raw = numbers(reference["raw"].toArray());
        QCOMPARE(raw.size(), temperature.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            const double expected = std::isnan(temperature[i])
                                        ? -32767.0
                                        : std::round((temperature[i] - 273.15) / 0.01);
            QVERIFY2(raw[i] == expected,
                     qPrintable(QStringLiteral("zarr temp raw[%1] = %2, expected %3")
                                    .arg(i)
                                    .arg(raw[i])
                                    .arg(expected)));
        }
        const QString xarrayDiffer =
            compareValues(dataset->readDecoded(temp), numbers(reference["decoded"].toArray()), 1e-9,
                          "Dataset /temp vs xarray decode_cf");
        QVERIFY2(xarrayDiffer.isEmpty(), qPrintable(xarrayDiffer));
        const QString precipPython =
            compareValues(numbers(reference["precip"].toArray()), precipitation, 0.0,
                          "zarr forecast/surface/precip");
        QVERIFY2(precipPython.isEmpty(), qPrintable(precipPython));
    }

    void zarrRefusesUnknownCodec() {
        const QString path = m_directory.filePath("bad-codec.zarr");
        QVERIFY_THROWS_EXCEPTION(DataError, ZarrWriter(path.toStdString(), {"snappy", 1}));
        QVERIFY(!QFileInfo::exists(path));
    }

    void netcdfCarriesConventionsHistoryAndProvenance() {
        const QString path = m_directory.filePath("provenance.nc");
        {
            NetcdfWriter writer(path.toStdString());
            writer.addDimension("x", 3);
            writer.addVariable("v", NetcdfWriter::Type::Double, {"x"});
            writer.setConventions();
            writer.setProvenance("run-20240101-abcdef");
            writer.addHistory("cyclone generate --steps 3");
            writer.addHistory("cyclone infer");
            const std::vector<double> values{1.5, 2.5, 3.5};
            writer.write("v", {0}, {3}, values.data());
            writer.commit();
        }
        const auto dataset = openDataset(path.toStdString());
        const std::vector<Attribute>& attributes = dataset->root().attributes;
        QCOMPARE(textAttribute(attributes, "Conventions"), std::string("CF-1.10"));
        QCOMPARE(textAttribute(attributes, "twinbench_run_id"), std::string("run-20240101-abcdef"));
        const std::string version = twins::sdk::twinbenchVersion();
        QVERIFY2(textAttribute(attributes, "twinbench_version").rfind(version, 0) == 0,
                 qPrintable(QString::fromStdString(
                     "twinbench_version = " + textAttribute(attributes, "twinbench_version") +
                     ", expected to start with " + version)));
        const QString history = QString::fromStdString(textAttribute(attributes, "history"));
        const QStringList lines = history.split('\n');
        QCOMPARE(lines.size(), 2);
        // Newest first, each with an ISO 8601 UTC time stamp.
        QVERIFY2(lines[0].endsWith(": cyclone infer"), qPrintable(history));
        QVERIFY2(lines[1].endsWith(": cyclone generate --steps 3"), qPrintable(history));
        const QRegularExpression stamp("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: ");
        QVERIFY2(stamp.match(lines[0]).hasMatch() && stamp.match(lines[1]).hasMatch(),
                 qPrintable(history));

        if (!pythonHas("netCDF4")) {
            QSKIP("/usr/bin/python3 has no netCDF4 (python3-netcdf4)");
        }
        QString failure;
        const QJsonObject reference = runPython(
            R"(import json, sys, netCDF4
with netCDF4.Dataset(sys.argv[1]) as ds:
    print(json.dumps({"Conventions": ds.Conventions, "history": ds.history,
                      "run": ds.twinbench_run_id, "source": ds.source,
                      "v": [float(x) for x in ds["v"][:]]}))
)",
            path, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(reference["Conventions"].toString(), QString("CF-1.10"));
        QCOMPARE(reference["history"].toString(), history);
        QCOMPARE(reference["run"].toString(), QString("run-20240101-abcdef"));
        QCOMPARE(reference["source"].toString(), QString::fromStdString(twins::sdk::versionLine()));
        QCOMPARE(reference["v"].toArray(), (QJsonArray{1.5, 2.5, 3.5}));
    }
};

QTEST_GUILESS_MAIN(WriterRoundTripTest)
#include "WriterRoundTripTest.moc"
