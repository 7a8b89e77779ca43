// Corrupt and hostile inputs, one test per case: truncated NetCDF-3 and NetCDF-4 files, bad
// magic bytes, a Zarr .zarray that is not JSON, a Zarr chunk that does not decompress, and
// headers claiming dimensions far larger than any file, a GeoTIFF claiming blocks far larger
// than its raster. Each must end in a DataError that
// names the file and the problem; never a crash, never a huge allocation, never a write to
// the input. Inputs are made here: NetCDF-3 headers byte by byte (so a field can be patched
// precisely), NetCDF-4 and Zarr through our own writers.
#include "TestFiles.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/data/ZarrWriter.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <new>
#include <sys/resource.h>

// The largest single operator new request since the last reset. Replacing the global
// operator new is how this test sees that a read refused a huge claim *before* allocating
// for it (a vector resized to 2^40 floats would otherwise only show up as bad_alloc, or as
// the machine swapping). The C libraries' own mallocs are bounded by RLIMIT_AS below.
namespace {
std::atomic<std::size_t> largestAllocation{0};
} // namespace

void* operator new(std::size_t size) {
    std::size_t seen = largestAllocation.load(std::memory_order_relaxed);
    while (size > seen && !largestAllocation.compare_exchange_weak(seen, size)) {
    }
    if (void* memory = std::malloc(size == 0 ? 1 : size)) {
        return memory;
    }
    throw std::bad_alloc();
}
void operator delete(void* memory) noexcept {
    std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
    std::free(memory);
}

namespace {

using twins::data::DataError;
using twins::data::Dataset;
using twins::data::Hyperslab;

// Far more than any read of these small inputs needs, far less than a huge claim would take.
constexpr std::size_t allocationLimit = std::size_t(64) << 20;

// Big-endian writers for the netCDF classic header (netCDF "File Format Specification").
void putU32(QByteArray& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.append(static_cast<char>((value >> shift) & 0xff));
    }
}
void putU64(QByteArray& out, std::uint64_t value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
        out.append(static_cast<char>((value >> shift) & 0xff));
    }
}

// A netCDF-3 file with one dimension x of `claimedLength`, one float variable v(x), and
// `storedValues` floats of data after the header. version 1 is classic (32-bit sizes), 5 is
// CDF-5 (64-bit sizes, which can claim 2^40 elements).
QByteArray classicNetcdf(int version, std::uint64_t claimedLength, std::size_t storedValues) {
    const bool wide = version == 5;
    const auto putSize = [&](QByteArray& out, std::uint64_t value) {
        wide ? putU64(out, value) : putU32(out, static_cast<std::uint32_t>(value));
    };
    const auto putName = [&](QByteArray& out, const char* name) {
        putSize(out, 1);
        out.append(name, 1);
        out.append(3, '\0'); // names are padded to 4 bytes
    };
    QByteArray header("CDF");
    header.append(static_cast<char>(version));
    putSize(header, 0);   // numrecs
    putU32(header, 0x0A); // NC_DIMENSION
    putSize(header, 1);
    putName(header, "x");
    putSize(header, claimedLength);
    putU32(header, 0); // no global attributes (ABSENT)
    putSize(header, 0);
    putU32(header, 0x0B); // NC_VARIABLE
    putSize(header, 1);
    putName(header, "v");
    putSize(header, 1); // rank
    putSize(header, 0); // dimid of x
    putU32(header, 0);  // no variable attributes (ABSENT)
    putSize(header, 0);
    putU32(header, 5);                  // NC_FLOAT
    putSize(header, claimedLength * 4); // vsize
    // begin: the header size so far plus this field itself (4 bytes in classic, 8 otherwise).
    const std::uint64_t begin = static_cast<std::uint64_t>(header.size()) + (version == 1 ? 4 : 8);
    version == 1 ? putU32(header, static_cast<std::uint32_t>(begin)) : putU64(header, begin);
    for (std::size_t i = 0; i < storedValues; ++i) {
        const float value = static_cast<float>(i);
        std::uint32_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        putU32(header, bits);
    }
    return header;
}

// Every file under `path` (or the file itself) with its SHA-256, to prove nothing was written.
QByteArray fingerprint(const QString& path) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList files;
    if (QFileInfo(path).isDir()) {
        QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            files << it.next();
        }
        files.sort();
    } else {
        files << path;
    }
    for (const QString& file : files) {
        hash.addData(file.toUtf8());
        hash.addData(twins::testing::readBytes(file));
        hash.addData(QByteArray::number(QFileInfo(file).lastModified().toMSecsSinceEpoch()));
    }
    return hash.result();
}

// What a viewer does with a file: open it, then read a small block and the whole of every
// numeric variable. The whole read is where a huge claim must be refused.
void openAndReadEverything(const std::string& path) {
    const auto dataset = twins::data::openDataset(path);
    for (const auto* variable : dataset->variables()) {
        if (!twins::data::isNumeric(variable->type)) {
            continue;
        }
        Hyperslab small;
        small.start.assign(variable->rank(), 0);
        for (std::size_t length : variable->shape) {
            small.count.push_back(std::min<std::size_t>(length, 4));
        }
        dataset->readDecoded(*variable, small);
        dataset->readDecoded(*variable);
    }
}

} // namespace

class CorruptInputTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;

    std::string file(const char* name) const { return m_directory.filePath(name).toStdString(); }

    QString write(const char* name, const QByteArray& bytes) {
        const QString path = m_directory.filePath(name);
        if (!twins::testing::writeBytes(path, bytes)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        return path;
    }

    // A NetCDF-4 file with a chunked, deflated 3-D variable (several chunks, so a truncation
    // cuts through data the header points at).
    std::string netcdf4File(const char* name) {
        const std::string path = file(name);
        twins::data::NetcdfWriter writer(path);
        writer.addDimension("time", 6);
        writer.addDimension("y", 90);
        writer.addDimension("x", 120);
        writer.addVariable("field", twins::data::NetcdfWriter::Type::Float, {"time", "y", "x"}, 1,
                           {1, 90, 120});
        std::vector<float> values(6 * 90 * 120);
        for (std::size_t i = 0; i < values.size(); ++i) {
            values[i] = static_cast<float>(std::sin(0.001 * static_cast<double>(i * i % 7919)));
        }
        writer.write("field", {0, 0, 0}, {6, 90, 120}, values.data());
        writer.commit();
        return path;
    }

    // A non-consolidated Zarr store (so .zarray is what GDAL reads) with one float array v(x)
    // of 100 values in chunks of 10.
    std::string zarrStore(const char* name) {
        const std::string path = file(name);
        twins::data::ZarrWriter writer(path);
        writer.addDimension("x", 100);
        twins::data::ZarrWriter::VariableOptions options;
        options.chunkSizes = {10};
        writer.addVariable("/v", twins::data::ZarrWriter::Type::Float32, {"x"}, options);
        std::vector<double> values(100);
        for (std::size_t i = 0; i < values.size(); ++i) {
            values[i] = 0.5 * static_cast<double>(i);
        }
        writer.write("/v", {0}, {100}, values.data());
        writer.commit();
        std::filesystem::remove(path + "/.zmetadata");
        return path;
    }

    // Runs `action` on `path`: it must throw a DataError for that path whose reason contains
    // one of `problems` (the words a user needs to see), allocate at most allocationLimit in
    // one piece, and leave the input byte-for-byte as it was.
    void expectRefused(const std::string& path, const QStringList& problems,
                       const std::function<void()>& action) {
        const QString input = QString::fromStdString(path);
        const QByteArray before = fingerprint(input);
        largestAllocation = 0;
        try {
            action();
            QFAIL(qPrintable("no error for " + input));
        } catch (const DataError& error) {
            qInfo("%s", error.what());
            QCOMPARE(QString::fromStdString(error.path()), input);
            QVERIFY2(QString(error.what()).contains(input), error.what());
            bool named = false;
            for (const QString& problem : problems) {
                named =
                    named ||
                    QString::fromStdString(error.reason()).contains(problem, Qt::CaseInsensitive);
            }
            QVERIFY2(named, qPrintable("reason does not say " + problems.join(" or ") + ": " +
                                       error.what()));
        } catch (const std::exception& other) {
            QFAIL(qPrintable(QString("not a DataError: ") + other.what()));
        }
        QVERIFY2(
            largestAllocation.load() <= allocationLimit,
            qPrintable(QString("allocated %1 bytes in one piece").arg(largestAllocation.load())));
        QCOMPARE(fingerprint(input), before);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        // A safety net, not the check: should a C library try to allocate for a huge claim,
        // it fails inside 8 GiB of address space instead of swapping the machine to death.
        const rlimit limit{std::size_t(8) << 30, std::size_t(8) << 30};
        QCOMPARE(setrlimit(RLIMIT_AS, &limit), 0);
        // The hand-built header is right: untouched, it opens and reads back.
        const QString good = write("good3.nc", classicNetcdf(1, 1000, 1000));
        const auto dataset = twins::data::openDataset(good.toStdString());
        const std::vector<double> values = dataset->readDecoded("v", Hyperslab{{998}, {2}, {}});
        QCOMPARE(values, (std::vector<double>{998.0, 999.0}));
    }

    void truncatedNetcdf3InsideData() {
        const QByteArray whole = classicNetcdf(1, 5000, 5000);
        const QString path = write("truncated_data3.nc", whole.left(whole.size() / 2));
        expectRefused(path.toStdString(), {"truncated"},
                      [&] { openAndReadEverything(path.toStdString()); });
    }

    void truncatedNetcdf3InsideHeader() {
        const QString path = write("truncated_header3.nc", classicNetcdf(1, 5000, 5000).left(30));
        expectRefused(path.toStdString(), {"truncated"},
                      [&] { openAndReadEverything(path.toStdString()); });
    }

    void truncatedNetcdf4() {
        const std::string source = netcdf4File("whole4.nc");
        const QByteArray whole = twins::testing::readBytes(QString::fromStdString(source));
        QVERIFY(whole.size() > 10000);
        for (const double fraction : {0.3, 0.6, 0.95}) {
            const QString path =
                write("truncated4.nc", whole.left(static_cast<int>(whole.size() * fraction)));
            expectRefused(path.toStdString(), {"truncated", "corrupt"},
                          [&] { openAndReadEverything(path.toStdString()); });
        }
    }

    void badMagicNetcdf3() {
        QByteArray bytes = classicNetcdf(1, 100, 100);
        bytes[2] = 'X'; // "CDX\1"
        const QString path = write("badmagic3.nc", bytes);
        expectRefused(path.toStdString(), {"unknown format"},
                      [&] { openAndReadEverything(path.toStdString()); });
    }

    void badMagicNetcdf4() {
        const std::string source = netcdf4File("magic4.nc");
        QByteArray bytes = twins::testing::readBytes(QString::fromStdString(source));
        bytes[1] = 'X'; // "\x89XDF\r\n\x1a\n": the HDF5 superblock signature is gone
        const QString path = write("badmagic4.nc", bytes);
        expectRefused(path.toStdString(), {"unknown format"},
                      [&] { openAndReadEverything(path.toStdString()); });
    }

    void zarrArrayWithNonsenseJson() {
        const std::string store = zarrStore("nonsense.zarr");
        QVERIFY(twins::testing::writeBytes(QString::fromStdString(store + "/v/.zarray"),
                                           "{\"zarr_format\": 2, \"shape\": [oops, ]]] not json"));
        expectRefused(store, {"zarr", "json"}, [&] { openAndReadEverything(store); });
    }

    void zarrChunkThatFailsToDecompress() {
        const std::string store = zarrStore("badchunk.zarr");
        const QString chunk = QString::fromStdString(store + "/v/3");
        QVERIFY(QFileInfo::exists(chunk));
        QVERIFY(twins::testing::writeBytes(chunk, "these bytes are not a zlib stream at all"));
        const auto dataset = twins::data::openDataset(store);
        // Chunks before the bad one still read; the bad one is an error, not garbage.
        QCOMPARE(dataset->readDecoded("v", Hyperslab{{0}, {2}, {}}),
                 (std::vector<double>{0.0, 0.5}));
        expectRefused(store, {"corrupt chunk"}, [&] {
            dataset->readDecoded("v", Hyperslab{{30}, {5}, {}});
        });
    }

    void netcdf3HugeDimensionClaim() {
        // CDF-5 header claiming x = 2^40 floats (4 TiB) in a file of a few hundred bytes.
        const QString path = write("huge3.nc", classicNetcdf(5, std::uint64_t(1) << 40, 100));
        expectRefused(path.toStdString(), {"truncated", "read limit"},
                      [&] { openAndReadEverything(path.toStdString()); });
    }

    void netcdf3HugeAttributeCountClaim() {
        // Found by fuzz_dataset_open: a classic header claiming 0x87000001 global attributes
        // made nc_open itself try to allocate 18 GB. The global attribute list starts at byte
        // 28 of this header (magic, numrecs, one dimension "x").
        QByteArray bytes = classicNetcdf(1, 100, 100);
        QByteArray claim;
        putU32(claim, 0x0C); // NC_ATTRIBUTE
        putU32(claim, 0x87000001);
        bytes.replace(28, 8, claim);
        const QString path = write("huge_attributes3.nc", bytes);
        expectRefused(path.toStdString(), {"claims 2264924161 global attribute"},
                      [&] { openAndReadEverything(path.toStdString()); });
    }

    void netcdf3OverlongName() {
        // Found by fuzz_dataset_open: NetCDF-C accepts a 300-byte dimension name and then
        // nc_inq_dim copies it into the caller's NC_MAX_NAME + 1 buffer (a stack overflow).
        // The dimension name of this header is at byte 16 (magic, numrecs, tag, count).
        QByteArray bytes = classicNetcdf(1, 4, 4);
        QByteArray longName;
        putU32(longName, 300);
        longName.append(300, 'a');
        bytes.replace(16, 8, longName);
        const QString path = write("overlong_name3.nc", bytes);
        expectRefused(path.toStdString(), {"a dimension name is 300 bytes long"},
                      [&] { openAndReadEverything(path.toStdString()); });
    }

    void netcdf3TypeTheFormatDoesNotHave() {
        // Found by fuzz_dataset_open: a classic-format variable of type NC_STRING (12) made
        // NetCDF-C divide by its zero type size inside nc_open. The variable's type is at byte
        // 68 of this header (after the dimension, the absent global attributes, the variable's
        // name, rank, dimension id and absent attributes).
        QByteArray bytes = classicNetcdf(1, 4, 4);
        QByteArray stringType;
        putU32(stringType, 12);
        bytes.replace(68, 4, stringType);
        const QString path = write("string_type3.nc", bytes);
        expectRefused(path.toStdString(),
                      {"a variable has the type 12, which netCDF-3 format version 1 does not have"},
                      [&] { openAndReadEverything(path.toStdString()); });
    }

    void zarrHugeShapeClaim() {
        const std::string store = zarrStore("huge.zarr");
        const QString zarray = QString::fromStdString(store + "/v/.zarray");
        QJsonObject json = QJsonDocument::fromJson(twins::testing::readBytes(zarray)).object();
        QCOMPARE(json["shape"].toArray(), QJsonArray{100});
        json["shape"] = QJsonArray{1e15};
        QVERIFY(twins::testing::writeBytes(zarray, QJsonDocument(json).toJson()));
        // Opening is fine (the shape is only metadata) and a small read works: chunks past the
        // written ones are absent, so they read as the fill value.
        const auto dataset = twins::data::openDataset(store);
        QCOMPARE(dataset->variable("v").shape, (std::vector<std::size_t>{1000000000000000}));
        QCOMPARE(dataset->readDecoded("v", Hyperslab{{1}, {1}, {}}), std::vector<double>{0.5});
        // Reading the whole claimed array is refused before anything is allocated for it.
        expectRefused(store, {"read limit"}, [&] { openAndReadEverything(store); });
    }

    // Found by fuzz_hdf5: a deflated chunk that inflates to 20 of its 24 bytes. HDF5 1.10's
    // H5Dread copies the missing 4 from beyond its buffer (garbage values, no error); the read
    // is refused instead, naming the chunk (netCDF-4 reads through NetCDF-C are checked alike).
    void hdf5ChunkThatInflatesShort() {
        const std::string path = file("short-chunk.h5");
        QVERIFY(std::filesystem::copy_file(
            TWINBENCH_SOURCE_DIR "/tests/fixtures/corrupt/hdf5-short-chunk.h5", path));
        expectRefused(path, {"the chunk at (2, 3) inflates to 20 bytes, but a chunk holds 24"},
                      [&] { openAndReadEverything(path); });
    }

    // Found by fuzz_geotiff: a 367-byte 16 x 16 GeoTIFF whose header claims 28176 x 5120
    // blocks; GDAL allocated 1.1 GB to read one row. Refused when the file is opened.
    void geotiffBlocksLargerThanTheRaster() {
        const std::string path = file("huge-blocks.tif");
        QVERIFY(std::filesystem::copy_file(
            TWINBENCH_SOURCE_DIR "/tests/fixtures/corrupt/geotiff-huge-blocks.tif", path));
        expectRefused(path, {"claims blocks of 28176 x 5120"},
                      [&] { openAndReadEverything(path); });
    }
};

QTEST_GUILESS_MAIN(CorruptInputTest)
#include "CorruptInputTest.moc"
