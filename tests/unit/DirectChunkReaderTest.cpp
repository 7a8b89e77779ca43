// DirectChunkReader (whole netCDF-4 chunks inflated by libdeflate) against NetCDF-C's own reads
// of the same files, written by Debian's python3-netcdf4: the pipelines it takes (deflate with
// and without shuffle, none) give NetCDF-C's bytes; the ones it must leave to HDF5 (big-endian,
// fletcher32, a chunk never written, an edge chunk) are refused, and Dataset still reads them
// right; a corrupted chunk is refused and Dataset reports NetCDF-C's error, never garbage.
#include "twinbench/data/DirectChunkReader.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <netcdf.h>

#include <algorithm>

using namespace twins::data;

namespace {

constexpr const char* writeScript = R"PY(
import sys, json, numpy as np, netCDF4, h5py
path, corrupt = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(4)
with netCDF4.Dataset(path, "w") as ds:
    ds.createDimension("time", 3); ds.createDimension("y", 10); ds.createDimension("x", 14)
    dims = ("time", "y", "x")
    def field(dtype):
        return (rng.normal(280, 15, size=(3, 10, 14)) * (100 if dtype == "i2" else 1)).astype(dtype)
    v = ds.createVariable("shuffled", "f4", dims, zlib=True, shuffle=True, chunksizes=(1, 10, 14))
    v[:] = field("f4")
    v = ds.createVariable("deflated", "i2", dims, zlib=True, shuffle=False,
                          chunksizes=(1, 10, 14))
    v.set_auto_maskandscale(False); v[:] = field("f8").astype("i2")
    v = ds.createVariable("plain", "f8", dims, contiguous=False, chunksizes=(1, 5, 7))
    v[:] = field("f8")
    v = ds.createVariable("bigendian", "f4", dims, zlib=True, endian="big",
                          chunksizes=(1, 10, 14))
    v[:] = field("f4")
    v = ds.createVariable("checksummed", "f4", dims, zlib=True, fletcher32=True,
                          chunksizes=(1, 10, 14))
    v[:] = field("f4")
    v = ds.createVariable("edges", "f4", dims, zlib=True, chunksizes=(1, 4, 6))
    v[:] = field("f4")
    v = ds.createVariable("partly", "f4", dims, zlib=True, chunksizes=(1, 10, 14),
                          fill_value=-1.0)
    v[0] = field("f4")[0]  # steps 1 and 2 are never written
    v = ds.createVariable("damaged", "f4", dims, zlib=True, chunksizes=(1, 10, 14))
    v[:] = field("f4")
import shutil
shutil.copy(path, corrupt)
with h5py.File(corrupt, "r") as f:
    info = f["damaged"].id.get_chunk_info_by_coord((1, 0, 0))
with open(corrupt, "r+b") as out:
    out.seek(info.byte_offset + info.size // 2)
    out.write(b"\xff" * 16)
)PY";

// NetCDF-C's values of `name` in [start, start + count), as stored.
std::vector<std::byte> netcdfRead(const QString& path, const char* name,
                                  const std::vector<std::size_t>& start,
                                  const std::vector<std::size_t>& count, std::size_t bytes) {
    int file = 0, variable = 0;
    std::vector<std::byte> values(bytes);
    if (nc_open(path.toLocal8Bit().constData(), NC_NOWRITE, &file) != NC_NOERR) {
        return {};
    }
    const bool ok =
        nc_inq_varid(file, name, &variable) == NC_NOERR &&
        nc_get_vara(file, variable, start.data(), count.data(), values.data()) == NC_NOERR;
    nc_close(file);
    return ok ? values : std::vector<std::byte>{};
}

} // namespace

class DirectChunkReaderTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    QString m_path, m_corrupt;

private slots:
    void initTestCase() {
        m_path = m_directory.filePath("pipelines.nc");
        m_corrupt = m_directory.filePath("corrupt.nc");
        QProcess writer;
        writer.start("/usr/bin/python3", {"-c", writeScript, m_path, m_corrupt});
        QVERIFY(writer.waitForFinished(120000));
        if (writer.exitCode() != 0) {
            QSKIP(qPrintable("Debian's python3 with netCDF4 and h5py is missing: " +
                             writer.readAllStandardError()));
        }
    }

    void decodesDeflateShuffleAndPlainChunksAsNetcdfDoes() {
        const auto reader = DirectChunkReader::open(m_path.toStdString());
        QVERIFY(reader != nullptr);
        const std::vector<std::size_t> shape{3, 10, 14};
        struct Case {
            const char* name;
            std::size_t elementBytes;
            std::vector<std::size_t> chunk;
        };
        for (const Case& c : {Case{"shuffled", 4, {1, 10, 14}}, Case{"deflated", 2, {1, 10, 14}},
                              Case{"plain", 8, {1, 5, 7}}}) {
            const std::size_t bytes = c.chunk[0] * c.chunk[1] * c.chunk[2] * c.elementBytes;
            // The last step; for the small chunks the second chunk along y and x.
            const std::vector<std::size_t> at{2, c.chunk[1] % 10, c.chunk[2] % 14};
            std::vector<std::byte> direct(bytes);
            QVERIFY2(reader->read(std::string("/") + c.name, c.elementBytes, shape, c.chunk, at,
                                  direct.data(), bytes),
                     c.name);
            const std::vector<std::byte> expected = netcdfRead(m_path, c.name, at, c.chunk, bytes);
            QVERIFY(!expected.empty());
            QVERIFY2(direct == expected, c.name);
        }
    }

    void leavesOtherPipelinesAndChunksToNetcdf() {
        const auto reader = DirectChunkReader::open(m_path.toStdString());
        QVERIFY(reader != nullptr);
        const std::vector<std::size_t> shape{3, 10, 14}, chunk{1, 10, 14};
        std::vector<std::byte> out(10 * 14 * 4);
        const auto take = [&](const char* name, std::vector<std::size_t> start,
                              std::vector<std::size_t> chunkShape = {1, 10, 14}) {
            return reader->read(name, 4, shape, chunkShape, start, out.data(),
                                chunkShape[0] * chunkShape[1] * chunkShape[2] * 4);
        };
        QVERIFY(!take("/bigendian", {0, 0, 0}));
        QVERIFY(!take("/checksummed", {0, 0, 0}));
        QVERIFY(take("/partly", {0, 0, 0}));
        QVERIFY(!take("/partly", {1, 0, 0}));            // never written: HDF5 gives the fill value
        QVERIFY(!take("/edges", {0, 8, 12}, {1, 4, 6})); // past the shape
        QVERIFY(take("/edges", {0, 4, 6}, {1, 4, 6}));
        QVERIFY(!take("/edges", {0, 2, 0}, {1, 4, 6}));    // not a chunk boundary
        QVERIFY(!take("/shuffled", {0, 0, 0}, {1, 5, 7})); // not its chunking
        QVERIFY(!take("/nosuchvariable", {0, 0, 0}));
        QVERIFY(!reader->read("/shuffled", 8, shape, chunk, {0, 0, 0}, out.data(), out.size()));
    }

    void datasetReadsEveryVariableAsNetcdfDoes() {
        const auto dataset = openDataset(m_path.toStdString());
        for (const char* name : {"shuffled", "deflated", "plain", "bigendian", "checksummed",
                                 "edges", "partly", "damaged"}) {
            const DatasetVariable& variable = dataset->variable(name);
            const Hyperslab all{{0, 0, 0}, {3, 10, 14}, {}};
            const RawArray raw = dataset->readRaw(variable, all);
            const std::vector<std::byte> expected =
                netcdfRead(m_path, name, all.start, all.count, raw.bytes.size());
            QVERIFY2(!expected.empty() && raw.bytes.size() == expected.size() &&
                         std::equal(raw.bytes.begin(), raw.bytes.end(), expected.begin()),
                     name);
            // One chunk at a time too (the animation's read).
            dataset->clearCache();
            const RawArray step = dataset->readRaw(variable, Hyperslab{{1, 0, 0}, {1, 10, 14}, {}});
            QVERIFY2(std::equal(step.bytes.begin(), step.bytes.end(),
                                expected.begin() + std::ptrdiff_t(step.bytes.size())),
                     name);
        }
    }

    void aDamagedChunkIsAnErrorNotGarbage() {
        const auto reader = DirectChunkReader::open(m_corrupt.toStdString());
        QVERIFY(reader != nullptr);
        std::vector<std::byte> out(10 * 14 * 4);
        const std::vector<std::size_t> shape{3, 10, 14}, chunk{1, 10, 14};
        QVERIFY(reader->read("/damaged", 4, shape, chunk, {0, 0, 0}, out.data(), out.size()));
        QVERIFY(!reader->read("/damaged", 4, shape, chunk, {1, 0, 0}, out.data(), out.size()));

        const auto dataset = openDataset(m_corrupt.toStdString());
        try {
            dataset->readRaw(dataset->variable("damaged"), Hyperslab{{1, 0, 0}, {1, 10, 14}, {}});
            QFAIL("a damaged chunk was read without an error");
        } catch (const DataError& error) {
            const QString message = QString::fromStdString(error.what());
            QVERIFY2(message.contains("corrupt.nc") && message.contains("damaged"),
                     qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(DirectChunkReaderTest)
#include "DirectChunkReaderTest.moc"
