// The Dataset API over its four backends (NetCDF-C, HDF5, GDAL multidim Zarr, GDAL rasters),
// checked against files written at test time by Debian's Python stack (netCDF4, xarray, zarr,
// h5py) and by gdal_translate: decoded values equal xarray's, format detection by content,
// groups, CF calendars, and corrupt or truncated files of every format giving DataError.
#include "twinbench/data/Dataset.h"

#include "ProcessRun.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/DatasetSummary.h"
#include "twinbench/data/FormatDetection.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <functional>

using namespace twins::data;

namespace {

using Outcome = twins::testing::ProcessOutcome;

Outcome run(const QString& program, const QStringList& arguments) {
    return twins::testing::runProcess(program, arguments);
}

// Expected values from the JSON of DataReferenceFiles.py (null = NaN).
std::vector<double> numbers(const QJsonArray& array) {
    std::vector<double> values;
    for (const QJsonValue& value : array) {
        values.push_back(value.isNull() ? std::nan("") : value.toDouble());
    }
    return values;
}

// Exact equality, NaN where the reference has NaN; the message names the first difference.
QString compareExactly(const std::vector<double>& actual, const std::vector<double>& expected) {
    if (actual.size() != expected.size()) {
        return QString("size %1, expected %2").arg(actual.size()).arg(expected.size());
    }
    for (std::size_t i = 0; i < actual.size(); ++i) {
        const bool bothNan = std::isnan(actual[i]) && std::isnan(expected[i]);
        if (!bothNan && actual[i] != expected[i]) {
            return QString("index %1: %2, expected %3")
                .arg(i)
                .arg(actual[i], 0, 'g', 17)
                .arg(expected[i], 0, 'g', 17);
        }
    }
    return {};
}

void truncateFile(const QString& path, qint64 size) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(size));
}

} // namespace

class DatasetTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    QJsonObject m_expected;

    std::string file(const char* name) const { return m_directory.filePath(name).toStdString(); }

    void expectDataError(const std::string& path, const std::function<void()>& action) {
        try {
            action();
        } catch (const DataError& error) {
            QVERIFY2(error.path() == path && std::string(error.what()).find(path) == 0,
                     error.what());
            return;
        }
        QFAIL(qPrintable(QString::fromStdString("no DataError for " + path)));
    }

    // Opens and reads every numeric variable completely.
    static void readEverything(const std::string& path) {
        const auto dataset = openDataset(path);
        for (const DatasetVariable* variable : dataset->variables()) {
            if (isNumeric(variable->type)) {
                dataset->readDecoded(*variable);
            }
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        const Outcome probe =
            run("/usr/bin/python3", {"-c", "import netCDF4, xarray, zarr, h5py, numcodecs"});
        if (probe.exitCode != 0) {
            QSKIP("Debian's /usr/bin/python3 with netCDF4, xarray, zarr and h5py is missing");
        }
        const Outcome written = run("/usr/bin/python3", {QString(TWINBENCH_SOURCE_DIR) +
                                                             "/tests/unit/DataReferenceFiles.py",
                                                         m_directory.path()});
        QVERIFY2(written.exitCode == 0, qPrintable(written.errors));
        QJsonParseError error;
        m_expected = QJsonDocument::fromJson(written.output, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));

        // A GeoTIFF from an ASCII grid, through gdal_translate, named .dat on purpose.
        QFile grid(m_directory.filePath("grid.asc"));
        QVERIFY(grid.open(QIODevice::WriteOnly));
        grid.write("ncols 4\nnrows 3\nxllcorner 500000\nyllcorner 4000000\ncellsize 1000\n"
                   "NODATA_value -9999\n1 2 3 4\n5 -9999 7 8\n9 10 11 12\n");
        grid.close();
        const Outcome translated = run(
            "gdal_translate", {"-q", "-of", "GTiff", "-ot", "Float32", "-a_srs", "EPSG:32633",
                               "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16",
                               m_directory.filePath("grid.asc"), m_directory.filePath("scan.dat")});
        QVERIFY2(translated.exitCode == 0, qPrintable(translated.errors));
    }

    void packedNetcdfEqualsXarray() {
        const auto dataset = openDataset(file("packed.nc"));
        QCOMPARE(dataset->format(), DatasetFormat::NetCDF);
        QCOMPARE(dataset->formatName(), std::string("netCDF-4"));
        const DatasetVariable& temp = dataset->variable("temp");
        QCOMPARE(temp.type, DataType::Int16);
        QCOMPARE(temp.path, std::string("/temp"));
        QCOMPARE(temp.chunkSizes, (std::vector<std::size_t>{1, 2, 4}));
        const std::vector<double> decoded = dataset->readDecoded(temp);
        const std::vector<double> expected = numbers(m_expected["packed"].toArray());
        const QString difference = compareExactly(decoded, expected);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QCOMPARE(
            std::count_if(decoded.begin(), decoded.end(), [](double v) { return std::isnan(v); }),
            3L);
        // xarray's default decoding of int16 is float32: equal after rounding to float.
        const std::vector<double> float32 = numbers(m_expected["packed_float32"].toArray());
        for (std::size_t i = 0; i < decoded.size(); ++i) {
            QVERIFY(std::isnan(decoded[i]) == std::isnan(float32[i]));
            if (!std::isnan(decoded[i])) {
                QVERIFY(std::fabs(decoded[i] - float32[i]) <= 4e-7 * std::fabs(float32[i]));
            }
        }
        // The raw values are the stored int16.
        const RawArray raw = dataset->readRaw(temp, Hyperslab{{0, 0, 0}, {1, 1, 2}, {}});
        QCOMPARE(raw.type, DataType::Int16);
        QCOMPARE(raw.data<std::int16_t>()[0], std::int16_t(-32767));
    }

    void hyperslabsStridesAndCacheAgree() {
        const auto dataset = openDataset(file("packed.nc"), DatasetOptions{1 << 20});
        const DatasetVariable& temp = dataset->variable("temp");
        const std::vector<double> whole = dataset->readDecoded(temp);
        auto at = [&](std::size_t t, std::size_t y, std::size_t x) {
            return whole[(t * 4 + y) * 8 + x];
        };
        // A slab crossing chunk boundaries, read twice: the second time from the cache.
        const Hyperslab slab{{1, 1, 3}, {2, 3, 5}, {}};
        for (int pass = 0; pass < 2; ++pass) {
            const std::vector<double> part = dataset->readDecoded(temp, slab);
            for (std::size_t t = 0; t < 2; ++t)
                for (std::size_t y = 0; y < 3; ++y)
                    for (std::size_t x = 0; x < 5; ++x) {
                        const double expected = at(1 + t, 1 + y, 3 + x);
                        const double actual = part[(t * 3 + y) * 5 + x];
                        QVERIFY(actual == expected || (std::isnan(actual) && std::isnan(expected)));
                    }
        }
        const CacheStatistics statistics = dataset->cacheStatistics();
        QVERIFY2(statistics.hits > 0, "the second read must come from the cache");
        QVERIFY(statistics.bytes <= statistics.budgetBytes);
        // Strided read goes to the library and picks every other longitude.
        const std::vector<double> strided =
            dataset->readDecoded(temp, Hyperslab{{2, 0, 1}, {1, 4, 4}, {1, 1, 2}});
        for (std::size_t y = 0; y < 4; ++y)
            for (std::size_t k = 0; k < 4; ++k) {
                const double expected = at(2, y, 1 + 2 * k);
                const double actual = strided[y * 4 + k];
                QVERIFY(actual == expected || (std::isnan(actual) && std::isnan(expected)));
            }
        const Overview overview = dataset->readOverview(temp, 10);
        // 4 x 8 in at most 10 cells: stride 2 gives 2 x 4 (stride 1 would give 32).
        QCOMPARE(overview.shape, (std::vector<std::size_t>{1, 2, 4}));
        QCOMPARE(overview.slab.stride, (std::vector<std::size_t>{1, 2, 2}));
        QCOMPARE(overview.values[5], at(0, 2, 2));
        expectDataError(file("packed.nc"), [&] {
            dataset->readDecoded(temp, Hyperslab{{0, 0, 0}, {1, 5, 1}, {}});
        });
        expectDataError(file("packed.nc"), [&] { dataset->variable("no_such_variable"); });
    }

    void everyCalendarDecodesLikeXarray() {
        const auto dataset = openDataset(file("calendars.nc"));
        const DatasetSummary summary = summarizeDataset(*dataset);
        const QJsonObject calendars = m_expected["calendars"].toObject();
        QCOMPARE(calendars.size(), 9);
        for (const QString& calendar : calendars.keys()) {
            const std::string name = "t_" + calendar.toStdString();
            const auto variable =
                std::find_if(summary.variables.begin(), summary.variables.end(),
                             [&](const VariableSummary& v) { return v.name == name; });
            QVERIFY(variable != summary.variables.end() && variable->time);
            QVERIFY2(variable->time->error.empty(), variable->time->error.c_str());
            const QJsonArray range = calendars[calendar].toArray();
            QCOMPARE(QString::fromStdString(*variable->time->first), range[0].toString());
            QCOMPARE(QString::fromStdString(*variable->time->last), range[1].toString());
        }
    }

    void nestedGroups() {
        const auto dataset = openDataset(file("groups.nc"));
        QCOMPARE(dataset->root().groups.size(), std::size_t(2));
        const DatasetGroup* surface = dataset->findGroup("/forecast/surface");
        QVERIFY(surface != nullptr);
        QCOMPARE(surface->attributes.at(0).text, std::string("2 m"));
        const DatasetVariable& t2m = dataset->variable("/forecast/surface/t2m");
        QCOMPARE(t2m.dimensions, (std::vector<std::string>{"time", "lat"}));
        QCOMPARE(dataset->readDecoded(t2m), numbers(m_expected["groups_t2m"].toArray()));
        // "t2m" is in two groups: a short name is ambiguous and the error lists both paths.
        QVERIFY(dataset->findVariable("t2m") == nullptr);
        try {
            dataset->variable("t2m");
            QFAIL("ambiguous name accepted");
        } catch (const DataError& error) {
            QVERIFY2(std::string(error.what()).find("/observations/t2m") != std::string::npos,
                     error.what());
        }
        // The coordinate of "lat" is found in the parent group.
        const DatasetVariable* lat = dataset->coordinateVariable(t2m, "lat");
        QVERIFY(lat != nullptr);
        QCOMPARE(lat->path, std::string("/forecast/lat"));
        const QJsonObject root =
            QJsonDocument::fromJson(
                QByteArray::fromStdString(summaryJson(summarizeDataset(*dataset))))
                .object();
        const QJsonArray groups = root["groups"].toArray();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups[0].toObject()["path"].toString(), QString("/forecast"));
        QCOMPARE(groups[0].toObject()["groups"].toArray()[0].toObject()["path"].toString(),
                 QString("/forecast/surface"));
    }

    void compressedZarrEqualsXarray() {
        for (const char* name : {"zlib", "blosc"}) {
            const std::string path =
                file(name == std::string("zlib") ? "packed_zlib.zarr" : "packed_blosc.zarr");
            QCOMPARE(detectFormat(path), DetectedFormat::Zarr);
            const auto dataset = openDataset(path);
            QCOMPARE(dataset->format(), DatasetFormat::Zarr);
            const DatasetVariable& temp = dataset->variable("temp");
            QCOMPARE(temp.type, DataType::Int16);
            QCOMPARE(temp.chunkSizes, (std::vector<std::size_t>{1, 2, 4}));
            QCOMPARE(temp.dimensions, (std::vector<std::string>{"time", "lat", "lon"}));
            QVERIFY(temp.attribute("scale_factor") != nullptr);
            QVERIFY(temp.attribute("_FillValue") != nullptr);
            const QString difference = compareExactly(
                dataset->readDecoded(temp), numbers(m_expected[QString("zarr_") + name].toArray()));
            QVERIFY2(difference.isEmpty(), qPrintable(QString(name) + ": " + difference));
            // Dimensions listed once per group although three arrays use them.
            QCOMPARE(dataset->root().dimensions.size(), std::size_t(3));
        }
    }

    void plainHdf5WithGroupsAndAttributes() {
        const std::string path = file("plain.h5");
        QCOMPARE(detectFormat(path), DetectedFormat::HDF5);
        const auto dataset = openDataset(path);
        QCOMPARE(dataset->format(), DatasetFormat::HDF5);
        QCOMPARE(dataset->root().attributes.at(0).text, std::string("calorimeter"));
        const DatasetGroup* detector = dataset->findGroup("/run1/detector");
        QVERIFY(detector != nullptr);
        QCOMPARE(detector->attributes.at(0).numbers, (std::vector<double>{1.5, 2.5}));
        const DatasetVariable& counts = dataset->variable("/run1/detector/counts");
        QCOMPARE(counts.type, DataType::UInt16);
        QCOMPARE(counts.shape, (std::vector<std::size_t>{4, 6}));
        QCOMPARE(counts.storage, std::string("chunked"));
        QCOMPARE(counts.chunkSizes, (std::vector<std::size_t>{2, 3}));
        QCOMPARE(counts.text("units"), std::string("count"));
        QCOMPARE(counts.attribute("threshold")->numbers, (std::vector<double>{7.0}));
        QCOMPARE(dataset->readDecoded(counts), numbers(m_expected["plain_counts"].toArray()));
        QCOMPARE(dataset->variable("energy").shape, (std::vector<std::size_t>{6}));
    }

    void geotiffNamedDat() {
        const std::string path = file("scan.dat");
        QCOMPARE(detectFormat(path), DetectedFormat::Tiff);
        const auto dataset = openDataset(path);
        QCOMPARE(dataset->format(), DatasetFormat::GdalRaster);
        const DatasetVariable& data = dataset->variable("band_data");
        QCOMPARE(data.shape, (std::vector<std::size_t>{1, 3, 4}));
        QCOMPARE(data.chunkSizes, (std::vector<std::size_t>{1, 16, 16}));
        const std::vector<double> values = dataset->readDecoded(data);
        QCOMPARE(values.size(), std::size_t(12));
        QCOMPARE(values[0], 1.0);
        QVERIFY(std::isnan(values[5]));
        QCOMPARE(values[11], 12.0);
        QCOMPARE(dataset->readDecoded(dataset->variable("x")),
                 (std::vector<double>{500500, 501500, 502500, 503500}));
        QCOMPARE(dataset->readDecoded(dataset->variable("y")),
                 (std::vector<double>{4002500, 4001500, 4000500}));
        const DatasetVariable& crs = dataset->variable("spatial_ref");
        QVERIFY(crs.text("crs_wkt").find("UTM zone 33N") != std::string::npos);
        QVERIFY(crs.text("proj4").find("+proj=utm +zone=33") != std::string::npos);
    }

    void formatComesFromContentNotExtension() {
        const std::string disguised = file("store.nc");
        std::filesystem::copy(file("packed_zlib.zarr"), disguised,
                              std::filesystem::copy_options::recursive);
        QCOMPARE(openDataset(disguised)->format(), DatasetFormat::Zarr);
        std::filesystem::copy_file(file("packed.nc"), file("packed.h5"));
        QCOMPARE(openDataset(file("packed.h5"))->format(), DatasetFormat::NetCDF);
        std::filesystem::copy_file(file("plain.h5"), file("plain.nc"));
        QCOMPARE(openDataset(file("plain.nc"))->format(), DatasetFormat::HDF5);
    }

    void corruptAndTruncatedFilesAreDataErrors() {
        // NetCDF-3 classic, truncated inside the data.
        const Outcome classic =
            run("/usr/bin/python3", {"-c",
                                     "import netCDF4,sys,numpy as np\n"
                                     "d=netCDF4.Dataset(sys.argv[1],'w',format='NETCDF3_CLASSIC')\n"
                                     "d.createDimension('x',5000)\n"
                                     "d.createVariable('v','f8',('x',))[:]=np.arange(5000.)\n"
                                     "d.close()",
                                     m_directory.filePath("classic.nc")});
        QVERIFY2(classic.exitCode == 0, qPrintable(classic.errors));
        QCOMPARE(detectFormat(file("classic.nc")), DetectedFormat::NetCDF3);
        for (const char* name : {"classic.nc", "packed.nc", "plain.h5", "scan.dat"}) {
            const std::string source = file(name);
            const std::string truncated = source + ".truncated";
            std::filesystem::copy_file(source, truncated);
            truncateFile(QString::fromStdString(truncated),
                         static_cast<qint64>(std::filesystem::file_size(source) / 2));
            expectDataError(truncated, [&] { readEverything(truncated); });
            const std::string tiny = source + ".tiny";
            std::filesystem::copy_file(source, tiny);
            truncateFile(QString::fromStdString(tiny), 6);
            expectDataError(tiny, [&] { readEverything(tiny); });
        }
        // A Zarr chunk overwritten with garbage.
        const std::string store = file("corrupt.zarr");
        std::filesystem::copy(file("packed_zlib.zarr"), store,
                              std::filesystem::copy_options::recursive);
        QFile chunk(QString::fromStdString(store + "/temp/1.0.0"));
        QVERIFY(chunk.open(QIODevice::WriteOnly | QIODevice::Truncate));
        chunk.write("definitely not zlib data");
        chunk.close();
        expectDataError(store, [&] { readEverything(store); });
        // Not a dataset at all, and an empty file.
        QFile text(m_directory.filePath("notes.nc"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("plain text, no magic bytes");
        text.close();
        expectDataError(file("notes.nc"), [&] { openDataset(file("notes.nc")); });
        QFile empty(m_directory.filePath("empty.nc"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        expectDataError(file("empty.nc"), [&] { openDataset(file("empty.nc")); });
        expectDataError(file("missing.nc"), [&] { openDataset(file("missing.nc")); });
    }
};

QTEST_GUILESS_MAIN(DatasetTest)
#include "DatasetTest.moc"
