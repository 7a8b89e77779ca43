// The NetCDF path of the data layer: CF decoding of packed/filled values, orientation of the
// displayed slice, and clear errors for missing, corrupt and truncated files.
#include "TestFiles.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/data/NetcdfWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace twins::data;

class NetcdfReaderTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    QString m_samplePath;

    // time(2) x lat(3, descending) x lon(4); "packed" is int16 with scale/offset/_FillValue,
    // "pressure" float with missing_value, "station" 1-D.
    static void writeSample(const QString& path) {
        NetcdfWriter writer(path.toStdString());
        using Type = NetcdfWriter::Type;
        writer.addDimension("time", 0);
        writer.addDimension("lat", 3);
        writer.addDimension("lon", 4);
        writer.addVariable("lat", Type::Float, {"lat"});
        writer.setTextAttribute("lat", "units", "degrees_north");
        writer.addVariable("lon", Type::Float, {"lon"});
        writer.setTextAttribute("lon", "units", "degrees_east");
        writer.addVariable("packed", Type::Short, {"time", "lat", "lon"}, 4, {1, 3, 4});
        writer.setTextAttribute("packed", "long_name", "packed temperature");
        writer.setTextAttribute("packed", "units", "K");
        writer.setNumberAttribute("packed", "scale_factor", Type::Double, {0.01});
        writer.setNumberAttribute("packed", "add_offset", Type::Double, {273.15});
        writer.setNumberAttribute("packed", "_FillValue", Type::Short, {-32767});
        writer.addVariable("pressure", Type::Float, {"lat", "lon"});
        writer.setTextAttribute("pressure", "units", "Pa");
        writer.setNumberAttribute("pressure", "missing_value", Type::Float, {1e20});
        writer.setNumberAttribute("pressure", "valid_max", Type::Float, {2e5});
        writer.addVariable("station", Type::Int, {"lon"});
        const float lat[] = {10.0f, 0.0f, -10.0f};
        const float lon[] = {0.0f, 90.0f, 180.0f, 270.0f};
        writer.write("lat", {0}, {3}, lat);
        writer.write("lon", {0}, {4}, lon);
        std::vector<short> packed(24);
        for (int i = 0; i < 24; ++i) {
            packed[i] = static_cast<short>(100 * i - 1000);
        }
        packed[5] = -32767; // time 0, lat 10 (row 1 in file order), lon 90: a fill value
        writer.write("packed", {0, 0, 0}, {2, 3, 4}, packed.data());
        std::vector<float> pressure = {100000, 100100, 100200, 100300, 1e20f,  100500,
                                       100600, 100700, 3e5f,   100900, 101000, 101100};
        writer.write("pressure", {0, 0}, {3, 4}, pressure.data());
        std::vector<double> station = {1, 2, 3, 4};
        writer.write("station", {0}, {4}, station.data());
        writer.commit();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        m_samplePath = m_directory.filePath("sample.nc");
        writeSample(m_samplePath);
        QVERIFY(QFileInfo::exists(m_samplePath));
    }

    void listsDimensionsVariablesAndAttributes() {
        const auto file = NetcdfFile::open(m_samplePath.toStdString());
        QCOMPARE(file->formatName(), std::string("netCDF-4"));
        QCOMPARE(file->dimensions().size(), std::size_t(3));
        QVERIFY(file->dimensions()[0].unlimited);
        QCOMPARE(file->dimensions()[0].length, std::size_t(2));
        const VariableInfo& packed = file->variable("packed");
        QCOMPARE(packed.typeName, std::string("short"));
        QCOMPARE(packed.shape, (std::vector<std::size_t>{2, 3, 4}));
        QCOMPARE(packed.units(), std::string("K"));
        QCOMPARE(packed.longName(), std::string("packed temperature"));
        QVERIFY(file->variable("lat").isCoordinate());
        QVERIFY(!packed.isCoordinate());
    }

    void decodesPackedValuesAndMasksFillBeforeUnpacking() {
        const auto file = NetcdfFile::open(m_samplePath.toStdString());
        const std::vector<double> values = file->readDecoded("packed", {0, 0, 0}, {1, 3, 4});
        QCOMPARE(values.size(), std::size_t(12));
        for (int i = 0; i < 12; ++i) {
            if (i == 5) {
                QVERIFY2(std::isnan(values[i]), "packed _FillValue must decode to NaN");
            } else {
                QVERIFY(std::abs(values[i] - ((100 * i - 1000) * 0.01 + 273.15)) < 1e-9);
            }
        }
        const std::vector<double> second = file->readDecoded("packed", {1, 2, 3}, {1, 1, 1});
        QVERIFY(std::abs(second[0] - (1300 * 0.01 + 273.15)) < 1e-9);
    }

    void masksMissingValueAndValidMax() {
        const auto file = NetcdfFile::open(m_samplePath.toStdString());
        const std::vector<double> values = file->readDecoded("pressure", {0, 0}, {3, 4});
        QVERIFY(std::isnan(values[4])); // missing_value
        QVERIFY(std::isnan(values[8])); // above valid_max
        QCOMPARE(values[0], 100000.0);
        QCOMPARE(values[11], 101100.0);
    }

    void sliceIsOrientedSouthToNorthWithCoordinates() {
        const auto file = NetcdfFile::open(m_samplePath.toStdString());
        const FieldSlice slice = readFieldSlice(*file, "packed", {{"time", 1}});
        QCOMPARE(slice.width, std::size_t(4));
        QCOMPARE(slice.height, std::size_t(3));
        QCOMPARE(slice.y, (std::vector<double>{-10.0, 0.0, 10.0}));
        QCOMPARE(slice.x.back(), 270.0);
        QCOMPARE(slice.yUnits, std::string("degrees_north"));
        // Row 0 is the file's last latitude row (-10) of time 1: packed indices 20..23.
        QVERIFY(std::abs(slice.at(0, 0) - static_cast<float>(1000 * 0.01 + 273.15)) < 1e-4f);
        QVERIFY(std::abs(slice.at(3, 2) - static_cast<float>(500 * 0.01 + 273.15)) < 1e-4f);
        QCOMPARE(slice.fixedIndices.size(), std::size_t(1));
        QCOMPARE(slice.fixedIndices[0].second, std::size_t(1));
        QCOMPARE(slice.finiteCount, std::size_t(12));
        QCOMPARE(slice.title(), std::string("packed temperature [K]"));
    }

    void sliceStatisticsIgnoreMaskedValues() {
        const auto file = NetcdfFile::open(m_samplePath.toStdString());
        const FieldSlice slice = readFieldSlice(*file, "packed");
        QCOMPARE(slice.finiteCount, std::size_t(11));
        QVERIFY(std::abs(slice.minimum - (-1000 * 0.01 + 273.15)) < 1e-9);
        QVERIFY(std::abs(slice.maximum - (100 * 0.01 + 273.15)) < 1e-9);
    }

    void missingFileNamesPathAndReason() {
        const std::string path = m_directory.filePath("absent.nc").toStdString();
        try {
            NetcdfFile::open(path);
            QFAIL("opening a missing file must throw");
        } catch (const DataError& error) {
            QCOMPARE(error.path(), path);
            QVERIFY(QString(error.what()).contains("does not exist"));
        }
    }

    void corruptFileIsRefusedWithReason() {
        const QString path = m_directory.filePath("garbage.nc");
        std::mt19937 generator(7);
        QByteArray bytes(4096, '\0');
        for (char& byte : bytes) {
            byte = static_cast<char>(generator() & 0xff);
        }
        QVERIFY(twins::testing::writeBytes(path, bytes));
        try {
            NetcdfFile::open(path.toStdString());
            QFAIL("opening a corrupt file must throw");
        } catch (const DataError& error) {
            QVERIFY2(QString(error.what()).contains(path), error.what());
            QVERIFY2(QString(error.reason().c_str()).contains("not a NetCDF"), error.what());
        }
    }

    void truncatedFileIsRefusedOrFailsOnRead() {
        const QString path = m_directory.filePath("truncated.nc");
        const QByteArray whole = twins::testing::readBytes(m_samplePath);
        QVERIFY(twins::testing::writeBytes(path, whole.left(whole.size() / 2)));
        bool threw = false;
        try {
            const auto file = NetcdfFile::open(path.toStdString());
            readFieldSlice(*file, "packed");
        } catch (const DataError& error) {
            threw = true;
            QVERIFY2(QString(error.what()).startsWith(path), error.what());
        }
        QVERIFY2(threw, "a truncated file must give a DataError, not garbage");
    }

    void unknownVariableAndBadSlicesAreExplained() {
        const auto file = NetcdfFile::open(m_samplePath.toStdString());
        try {
            readFieldSlice(*file, "nonexistent");
            QFAIL("unknown variable must throw");
        } catch (const DataError& error) {
            QCOMPARE(error.variable(), std::string("nonexistent"));
            QVERIFY(QString(error.what()).contains("no such variable"));
        }
        try {
            readFieldSlice(*file, "station");
            QFAIL("a 1-D variable cannot be a map");
        } catch (const DataError& error) {
            QVERIFY(QString(error.what()).contains("at least 2"));
        }
        try {
            readFieldSlice(*file, "packed", {{"time", 9}});
            QFAIL("index out of range must throw");
        } catch (const DataError& error) {
            QVERIFY(QString(error.what()).contains("out of range"));
        }
    }

    void failedWriteLeavesExistingFileIntact() {
        const QString path = m_directory.filePath("keep.nc");
        writeSample(path);
        const QByteArray before = twins::testing::readBytes(path);
        {
            NetcdfWriter writer(path.toStdString());
            writer.addDimension("x", 2);
            // Abandoned without commit(), as after an exception mid-write.
        }
        QCOMPARE(twins::testing::readBytes(path), before);
        const QStringList leftovers =
            QDir(m_directory.path()).entryList({"keep.nc.partial-*"}, QDir::Files);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(',')));
    }

    void writingIntoMissingDirectoryFailsClearly() {
        const std::string path = m_directory.filePath("no/such/dir/out.nc").toStdString();
        try {
            NetcdfWriter writer(path);
            QFAIL("creating a file in a missing directory must throw");
        } catch (const DataError& error) {
            QCOMPARE(error.path(), path);
        }
    }
};

QTEST_GUILESS_MAIN(NetcdfReaderTest)
#include "NetcdfReaderTest.moc"
