// Remote datasets over HTTP, WebDAV over TLS and S3 (servers and test files: RemoteServers.h;
// the stores' own listings, refusals and keys: RemoteStoresTest): the same structure and decoded
// values as the local files for netCDF-4, netCDF-3, Zarr v2 and GeoTIFF; a slice of a file 24x
// larger than its chunk fetches about one chunk (counted from the server's log, for the Dataset
// API and for twinbench-run slice); 404, a failing server (retried) and a server killed
// mid-read give messages naming the URL; plain http and tokens only to loopback; cancellation;
// an object that changed on the server is not mixed with what was read before; the on-disk
// cache serves repeats, drops old versions, stays in budget, keeps no partial entry; a URL as a
// run's input is fetched whole and its provenance names the URL (without its credentials), the
// bytes fetched (as the server logged them) and the object's SHA-256.
#include "HttpFixture.h"
#include "RemoteServers.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <future>
#include <memory>
#include <thread>

using twins::testing::HttpFixture;
namespace data = twins::data;
namespace remote = twins::data::remote;

namespace {

constexpr std::uint64_t bigChunkBytes = 512 * 512 * 4; // one uncompressed float32 step

} // namespace

using namespace twins::testing::remote_data;

class RemoteDataTest : public RemoteServers {
    Q_OBJECT

private slots:
    void initTestCase() { startServers(); }

    void cleanupTestCase() { stopServers(); }

    // Everything inspect shows (structure, attributes, decoded statistics of every value) is the
    // same read locally (NetCDF-C, GDAL on the file) and over HTTP (HDF5 through our driver with
    // the netCDF-4 conventions, GDAL through /vsitwinbench/).
    void sameSummaryAsLocal_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("format");
        QTest::newRow("netCDF-4 with groups, packing and fill values") << "small.nc"
                                                                       << "netCDF-4";
        QTest::newRow("tiled GeoTIFF with nodata") << "raster.tif"
                                                   << "GTiff";
        QTest::newRow("netCDF-3 classic, two record variables") << "classic.nc"
                                                                << "netCDF-3 classic";
        QTest::newRow("netCDF-3 64-bit offset, one record variable") << "offset64.nc"
                                                                     << "netCDF-3 64-bit offset";
    }
    void sameSummaryAsLocal() {
        QFETCH(QString, name);
        QFETCH(QString, format);
        try {
            const auto local = data::openDataset(localPath(name));
            const auto remote = data::openDataset(urlOf(name));
            QCOMPARE(QString::fromStdString(remote->formatName()), format);
            QCOMPARE(remote->format(), local->format());
            QCOMPARE(QString::fromStdString(summaryBody(*remote)),
                     QString::fromStdString(summaryBody(*local)));
            for (const data::DatasetVariable* variable : local->variables()) {
                QVERIFY2(sameValues(remote->readDecoded(remote->variable(variable->path)),
                                    local->readDecoded(*variable)),
                         variable->path.c_str());
                // A strided part too: from a third of each axis, every other index.
                if (!variable->isNumeric() || variable->rank() == 0) {
                    continue;
                }
                data::Hyperslab slab;
                for (std::size_t length : variable->shape) {
                    slab.start.push_back(length / 3);
                    slab.count.push_back((length - length / 3 + 1) / 2);
                    slab.stride.push_back(2);
                }
                QVERIFY2(sameValues(remote->readDecoded(remote->variable(variable->path), slab),
                                    local->readDecoded(*variable, slab)),
                         variable->path.c_str());
            }
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // WebDAV over TLS (davs://, a test CA) and S3 (s3://, requests signed with AWS SigV4): the
    // same decoded values as the local files, for netCDF-4, netCDF-3, GeoTIFF and Zarr v2.
    void copiesSameValuesAsLocal_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("s3");
        for (const bool s3 : {false, true}) {
            const char* where = s3 ? "S3" : "WebDAV";
            QTest::addRow("%s netCDF-4", where) << "small.nc" << s3;
            QTest::addRow("%s netCDF-3 classic", where) << "classic.nc" << s3;
            QTest::addRow("%s GeoTIFF", where) << "raster.tif" << s3;
            QTest::addRow("%s Zarr v2", where) << "big.zarr" << s3;
        }
    }
    void copiesSameValuesAsLocal() {
        QFETCH(QString, name);
        QFETCH(bool, s3);
        const std::string url =
            ((s3 ? QStringLiteral("s3://data") : m_server->davsUrl()) + "/" + name).toStdString();
        try {
            const auto local = data::openDataset(localPath(name));
            const auto remote = data::openDataset(url);
            QCOMPARE(remote->format(), local->format());
            for (const data::DatasetVariable* variable : local->variables()) {
                if (!variable->isNumeric() || variable->rank() == 0) {
                    continue;
                }
                // One step of the big Zarr store is enough (a slice fetches its chunk).
                data::Hyperslab slab;
                for (std::size_t axis = 0; axis < variable->rank(); ++axis) {
                    const bool step = variable->rank() == 3 && axis == 0 && variable->shape[0] > 2;
                    slab.start.push_back(step ? 2 : 0);
                    slab.count.push_back(step ? 1 : variable->shape[axis]);
                }
                QVERIFY2(sameValues(remote->readDecoded(remote->variable(variable->path), slab),
                                    local->readDecoded(*variable, slab)),
                         variable->path.c_str());
            }
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // Large files: the same decoded slices, and a slice fetches about its own chunk.
    void sliceFetchesOnlyItsChunk_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("chunkFile"); // the stored chunk, when it is a file
        QTest::newRow("netCDF-4, 1 MiB chunks") << "big.nc"
                                                << "";
        QTest::newRow("Zarr v2, zlib chunks") << "big.zarr"
                                              << "big.zarr/field/7.0.0";
    }
    void sliceFetchesOnlyItsChunk() {
        QFETCH(QString, name);
        QFETCH(QString, chunkFile);
        const std::uint64_t chunkBytes =
            chunkFile.isEmpty() ? bigChunkBytes : QFileInfo(dataPath(chunkFile)).size();
        try {
            const auto local = data::openDataset(localPath(name));
            const qint64 mark = m_server->logMark();
            const auto remote = data::openDataset(urlOf(name));
            const data::VariableSlice remoteSlice =
                data::readVariableSlice(*remote, remote->variable("field"), {{"time", 7}});
            const HttpFixture::Requests fetched = m_server->requests(mark, "/" + name);
            const data::VariableSlice localSlice =
                data::readVariableSlice(*local, local->variable("field"), {{"time", 7}});
            QVERIFY(sameValues(remoteSlice.values, localSlice.values));
            QCOMPARE(remoteSlice.shape, localSlice.shape);
            const double ratio = double(fetched.bodyBytes) / double(chunkBytes);
            qInfo("%s: slice time=7 fetched %llu bytes in %d requests for a %llu-byte chunk "
                  "(ratio %.3f)",
                  qPrintable(name), static_cast<unsigned long long>(fetched.bodyBytes),
                  fetched.count, static_cast<unsigned long long>(chunkBytes), ratio);
            QVERIFY2(ratio >= 1.0 && ratio <= 2.0, qPrintable(fetched.lines.join('\n')));
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // The same through the worker's command line, as a user runs it: the file is >= 20x its
    // chunk, the slice's values equal the local ones, the bytes stay within 2x the chunk.
    void sliceCommandOverHttp() {
        const QString worker = QStringLiteral(TWINBENCH_WORKER_EXECUTABLE);
        QVERIFY(QFileInfo(dataPath("big.nc")).size() >= qint64(20 * bigChunkBytes));
        const qint64 mark = m_server->logMark();
        const twins::testing::ProcessOutcome remoteRun = twins::testing::runProcess(
            worker, {QStringLiteral("slice"), QString::fromStdString(urlOf("big.nc")),
                     QStringLiteral("field"), QStringLiteral("--index"), QStringLiteral("time=11"),
                     QStringLiteral("--out"), m_directory.filePath("remote.npy")});
        QVERIFY2(remoteRun.succeeded(), qPrintable(remoteRun.errors));
        const HttpFixture::Requests fetched = m_server->requests(mark, "/big.nc");
        const twins::testing::ProcessOutcome localRun = twins::testing::runProcess(
            worker, {QStringLiteral("slice"), dataPath("big.nc"), QStringLiteral("field"),
                     QStringLiteral("--index"), QStringLiteral("time=11"), QStringLiteral("--out"),
                     m_directory.filePath("local.npy")});
        QVERIFY2(localRun.succeeded(), qPrintable(localRun.errors));
        QFile remoteFile(m_directory.filePath("remote.npy"));
        QFile localFile(m_directory.filePath("local.npy"));
        QVERIFY(remoteFile.open(QIODevice::ReadOnly) && localFile.open(QIODevice::ReadOnly));
        QVERIFY(remoteFile.readAll() == localFile.readAll());
        const double ratio = double(fetched.bodyBytes) / double(bigChunkBytes);
        qInfo("twinbench-run slice URL: %llu bytes in %d requests for a %llu-byte chunk of a "
              "%lld-byte file (ratio %.3f)",
              static_cast<unsigned long long>(fetched.bodyBytes), fetched.count,
              static_cast<unsigned long long>(bigChunkBytes),
              static_cast<long long>(QFileInfo(dataPath("big.nc")).size()), ratio);
        QVERIFY2(ratio >= 1.0 && ratio <= 2.0, qPrintable(fetched.lines.join('\n')));

        // remote.npy.prov.json: the URL, the bytes fetched as the server logged them, the
        // ranges read and their manifest hash, recomputed here from the local file.
        const QJsonObject object = remoteEntityOf(m_directory.filePath("remote.npy.prov.json"));
        QVERIFY(!object.isEmpty());
        QCOMPARE(object.value("prov:location").toObject().value("$").toString(),
                 QString::fromStdString(urlOf("big.nc")));
        QCOMPARE(object.value("twinbench:bytesFetched").toObject().value("$").toString(),
                 QString::number(fetched.bodyBytes));
        QFile bigFile(dataPath("big.nc"));
        QVERIFY(bigFile.open(QIODevice::ReadOnly));
        const QByteArray big = bigFile.readAll();
        std::vector<std::byte> content(big.size());
        std::memcpy(content.data(), big.constData(), content.size());
        std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
        for (const QJsonValue& range : object.value("twinbench:rangesRead").toArray()) {
            ranges.emplace_back(range.toArray().at(0).toInteger(),
                                range.toArray().at(1).toInteger());
        }
        QVERIFY(!ranges.empty());
        QCOMPARE(object.value("twinbench:rangesSha256").toString(),
                 QString::fromStdString(remote::rangesManifestSha256(ranges, content)));
    }

    void inspectCommandNamesMissingUrl() {
        const QString url = m_server->url() + "/no-such-file.nc";
        const twins::testing::ProcessOutcome run = twins::testing::runProcess(
            QStringLiteral(TWINBENCH_WORKER_EXECUTABLE), {QStringLiteral("inspect"), url});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errors.contains(url) && run.errors.contains("404 Not Found"),
                 qPrintable(run.errors));
        try {
            data::openDataset(url.toStdString());
            QFAIL("opened a missing URL");
        } catch (const remote::HttpError& error) {
            QCOMPARE(error.status(), 404L);
            QCOMPARE(QString::fromStdString(error.path()), url);
        }
    }

    // 5xx is retried with backoff, then reported with the URL and the last status.
    void failingServerIsRetriedThenReported() {
        remote::HttpOptions options;
        options.attempts = 3;
        options.firstBackoff = std::chrono::milliseconds(10);
        const remote::HttpClient client(options);
        const std::string url = urlOf("failing/small.nc");
        const qint64 mark = m_server->logMark();
        try {
            client.stat(url);
            QFAIL("a failing server answered");
        } catch (const remote::HttpError& error) {
            QCOMPARE(error.status(), 503L);
            QVERIFY2(QString(error.what()).contains(QString::fromStdString(url)) &&
                         QString(error.what()).contains("3 tries"),
                     error.what());
        }
        QCOMPARE(m_server->requests(mark, "/failing/").count, 3);
        QCOMPARE(client.statistics().retries, std::uint64_t(2));
    }

    // Checked before any connection is made (no traffic leaves the machine in this test).
    void plainHttpAndTokensOnlyToLoopback() {
        QVERIFY_THROWS_EXCEPTION(
            remote::HttpError,
            remote::checkRequestPolicy("http://data.example.org/a.nc", false, false));
        remote::checkRequestPolicy("http://data.example.org/a.nc", true, false); // allowed
        QVERIFY_THROWS_EXCEPTION(remote::HttpError,
                                 remote::checkRequestPolicy("http://data.example.org/a.nc", true,
                                                            true)); // token in clear text
        remote::checkRequestPolicy("https://data.example.org/a.nc", false, true);
        remote::checkRequestPolicy("http://127.0.0.1:8080/a.nc", false, true);
        remote::checkRequestPolicy("http://localhost/a.nc", false, true);
        remote::checkRequestPolicy("http://[::1]:9000/a.nc", false, true);
        QVERIFY_THROWS_EXCEPTION(
            remote::HttpError,
            remote::checkRequestPolicy("http://127.0.0.1.example.org/a.nc", false, false));
        try {
            remote::checkRequestPolicy("http://data.example.org/a.nc", true, true);
        } catch (const remote::HttpError& error) {
            QVERIFY2(QString(error.what()).contains("refusing to send the access token"),
                     error.what());
        }
    }

    // A cancel stops a slow transfer at once, with a message saying so.
    void cancelStopsATransfer() {
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        remote::HttpOptions options;
        options.cancel = cancel;
        const remote::HttpClient client(options);
        const std::string url = urlOf("slow/big.nc");
        auto reading = std::async(std::launch::async, [&client, url] {
            client.getRange(url, 0, 4 << 20, nullptr); // 16 s at the slow location's rate
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        QElapsedTimer timer;
        timer.start();
        cancel->store(true);
        try {
            reading.get();
            QFAIL("a cancelled transfer finished");
        } catch (const remote::HttpError& error) {
            QVERIFY(error.cancelled());
            QVERIFY2(QString(error.what()).contains("cancelled"), error.what());
        }
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }

    // A cancel flag scoped to the reading thread (RemoteCancel.h) stops a read deep inside
    // HDF5, as the GUI's Open URL cancels: at once, with the cancelled error, not a partial slab.
    void cancelScopeStopsARead() {
        std::shared_ptr<data::Dataset> dataset;
        try {
            dataset = data::openDataset(urlOf("slow/big.nc"));
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        auto reading = std::async(std::launch::async, [dataset, cancel] {
            const remote::RemoteCancelScope scope(cancel);
            data::Hyperslab slab{{5, 0, 0}, {1, 512, 512}, {}};
            return dataset->readDecoded(dataset->variable("field"), slab); // 4 s when slow
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        QElapsedTimer timer;
        timer.start();
        cancel->store(true);
        try {
            reading.get();
            QFAIL("a cancelled read returned values");
        } catch (const remote::HttpError& error) {
            QVERIFY2(error.cancelled(), error.what());
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
        QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
    }

    // A range answered with another ETag is refused: bytes of two versions never mix.
    void changedObjectIsNotMixed() {
        QVERIFY(QFile::copy(dataPath("raster.tif"), dataPath("changing.tif")));
        const auto client = std::make_shared<remote::HttpClient>();
        const auto file = remote::RemoteFile::open(client, urlOf("changing.tif"));
        std::vector<std::byte> bytes(64);
        file->read(0, bytes.size(), bytes.data());
        {
            QFile changing(dataPath("changing.tif"));
            QVERIFY(changing.open(QIODevice::Append));
            changing.write(QByteArray(100, 'x')); // new size, new ETag
        }
        try {
            file->read(2000000, 64, bytes.data()); // a block not read yet
            QFAIL("read a changed object");
        } catch (const remote::HttpError& error) {
            QVERIFY2(QString(error.what()).contains("changed on the server"), error.what());
        }
    }

    // A range read again is served from the disk cache (only the validating HEAD reaches the
    // server); a new version of the object (new ETag) drops the old bytes.
    void cacheServesRepeatsAndDropsOldVersions() {
        QVERIFY(QFile::copy(dataPath("raster.tif"), dataPath("cached.tif")));
        const auto client = std::make_shared<remote::HttpClient>();
        auto cache = std::make_shared<remote::RemoteCache>(
            m_directory.filePath("cache").toStdString(), std::uint64_t(64) << 20);
        const std::string url = urlOf("cached.tif");
        std::vector<std::byte> first(100000), again(100000);
        remote::RemoteFile::open(client, url, cache)->read(1000000, first.size(), first.data());
        qint64 mark = m_server->logMark();
        remote::RemoteFile::open(client, url, cache)->read(1000000, again.size(), again.data());
        HttpFixture::Requests sent = m_server->requests(mark, "/cached.tif");
        QCOMPARE(sent.count, 1); // the HEAD
        QCOMPARE(sent.bodyBytes, std::uint64_t(0));
        QVERIFY(first == again);
        {
            QFile changing(dataPath("cached.tif"));
            QVERIFY(changing.open(QIODevice::Append));
            changing.write(QByteArray(10, 'x')); // new size, new ETag
        }
        mark = m_server->logMark();
        remote::RemoteFile::open(client, url, cache)->read(1000000, again.size(), again.data());
        sent = m_server->requests(mark, "/cached.tif");
        QCOMPARE(sent.count, 2); // HEAD, then the range again
        QCOMPARE(sent.bodyBytes, std::uint64_t(again.size()));
        QVERIFY(first == again);
        QVERIFY(cache->bytesOnDisk() < again.size() + 4096); // the old version's entry is gone
    }

    void cacheStaysWithinItsBudget() {
        const auto client = std::make_shared<remote::HttpClient>();
        auto cache = std::make_shared<remote::RemoteCache>(
            m_directory.filePath("small-cache").toStdString(), 300000);
        const auto file = remote::RemoteFile::open(client, urlOf("big.nc"), cache);
        std::vector<std::byte> bytes(100000);
        for (int i = 0; i < 6; ++i) {
            file->read(std::uint64_t(i) * 1000000, bytes.size(), bytes.data());
        }
        QVERIFY2(cache->bytesOnDisk() <= 300000 + 4096,
                 qPrintable(QString::number(cache->bytesOnDisk())));
        QVERIFY(cache->bytesOnDisk() >= 200000); // the most recent entries stay
    }

    // twinbench-run with the cache on: the same slice twice, the second from the cache.
    void sliceCommandReadsAgainFromTheCache() {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TWINBENCH_REMOTE_CACHE"),
                           m_directory.filePath("worker-cache"));
        const QStringList arguments{
            QStringLiteral("slice"),           QString::fromStdString(urlOf("big.nc")),
            QStringLiteral("field"),           QStringLiteral("--index"),
            QStringLiteral("time=13"),         QStringLiteral("--out"),
            m_directory.filePath("cached.npy")};
        QByteArray outputs[2];
        std::uint64_t bytes[2] = {};
        for (int run = 0; run < 2; ++run) {
            const qint64 mark = m_server->logMark();
            const twins::testing::ProcessOutcome outcome = twins::testing::runProcess(
                QStringLiteral(TWINBENCH_WORKER_EXECUTABLE), arguments, 120000, environment);
            QVERIFY2(outcome.succeeded(), qPrintable(outcome.errors));
            bytes[run] = m_server->requests(mark, "/big.nc").bodyBytes;
            QFile out(m_directory.filePath("cached.npy"));
            QVERIFY(out.open(QIODevice::ReadOnly));
            outputs[run] = out.readAll();
        }
        QVERIFY(bytes[0] >= bigChunkBytes);
        QCOMPARE(bytes[1], std::uint64_t(0));
        QVERIFY(outputs[0] == outputs[1]);
        // The second slice's provenance says its bytes came from the cache.
        const QJsonObject object = remoteEntityOf(m_directory.filePath("cached.npy.prov.json"));
        QCOMPARE(object.value("twinbench:bytesFetched").toObject().value("$").toString(),
                 QStringLiteral("0"));
        QVERIFY(object.value("twinbench:bytesFromCache")
                    .toObject()
                    .value("$")
                    .toString()
                    .toLongLong() >= qint64(bigChunkBytes));
    }

    // A run whose input is a URL: the twin reads the fetched copy (the same sum as from the
    // local file), and prov.json records where it came from without the URL's credentials.
    void urlAsRunInput() {
        twins::testing::WorkerRuns runs(QStringLiteral("testtwin"));
        QVERIFY(runs.isValid());
        const QString generated = runs.run({"generate", "--set", "size=48"});
        QVERIFY(!generated.isEmpty());
        QVERIFY(QFile::copy(runs.outputs(generated) + "/field.nc", dataPath("field.nc")));
        const QString local = runs.run({"sum", "--input", dataPath("field.nc")});
        QVERIFY(!local.isEmpty());

        const QString url = m_server->url() + "/field.nc?token=secret-value&X-Amz-Signature=abc1";
        const qint64 mark = m_server->logMark();
        const QString fetched = runs.run({"sum", "--input", url});
        QVERIFY(!fetched.isEmpty());
        const HttpFixture::Requests sent = m_server->requests(mark, "/field.nc");
        QCOMPARE(runs.lastMetric(fetched, "sum"), runs.lastMetric(local, "sum"));

        QFile provenanceFile(runs.filePath(fetched + "/prov.json"));
        QVERIFY(provenanceFile.open(QIODevice::ReadOnly));
        const QByteArray provenanceText = provenanceFile.readAll();
        QVERIFY2(!provenanceText.contains("secret-value") && !provenanceText.contains("abc1"),
                 provenanceText.constData());
        const QJsonObject entities =
            QJsonDocument::fromJson(provenanceText).object().value("entity").toObject();
        QJsonObject remoteEntity;
        for (const QString& id : entities.keys()) {
            if (entities.value(id).toObject().value("prov:type").toObject().value("$") ==
                "twinbench:RemoteObject") {
                remoteEntity = entities.value(id).toObject();
            }
        }
        QVERIFY2(!remoteEntity.isEmpty(), provenanceText.constData());
        QCOMPARE(remoteEntity.value("prov:location").toObject().value("$").toString(),
                 m_server->url() + "/field.nc?token=REDACTED&X-Amz-Signature=REDACTED");
        QFile localFile(dataPath("field.nc"));
        QVERIFY(localFile.open(QIODevice::ReadOnly));
        const QByteArray content = localFile.readAll();
        QCOMPARE(remoteEntity.value("twinbench:sha256").toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(remoteEntity.value("twinbench:byteSize").toObject().value("$").toString(),
                 QString::number(content.size()));
        // What crossed the network, as the client counted it, is what the server logged.
        QVERIFY(sent.bodyBytes >= std::uint64_t(content.size()));
        QCOMPARE(remoteEntity.value("twinbench:bytesFetched").toObject().value("$").toString(),
                 QString::number(sent.bodyBytes));
        QVERIFY(!remoteEntity.value("twinbench:etag").toString().isEmpty());

        // A missing URL is refused when the run is submitted, naming it.
        twins::testing::ProcessOutcome refused;
        QVERIFY(runs.run({"sum", "--input", m_server->url() + "/no-such-input.nc"}, &refused)
                    .isEmpty());
        QVERIFY2(refused.errors.contains(m_server->url() + "/no-such-input.nc") &&
                     refused.errors.contains("404 Not Found"),
                 qPrintable(refused.errors));
    }

    // A Zarr store URL as a run input is fetched as its objects (metadata and every chunk its
    // arrays imply); the copy reads as the original, and its hash is the manifest of the
    // objects' hashes, recomputed here from the original folder.
    void zarrStoreFetchedWhole() {
        const QString target = m_directory.filePath("staged/big.zarr");
        remote::StagedObject staged;
        try {
            staged = remote::stageRemoteZarrStore(remote::defaultHttpClient()->options(),
                                                  urlOf("big.zarr"), target.toStdString());
            const auto copy = data::openDataset(target.toStdString());
            const auto original = data::openDataset(localPath("big.zarr"));
            data::Hyperslab slab{{9, 0, 0}, {1, 512, 512}, {}};
            QVERIFY(sameValues(copy->readDecoded(copy->variable("field"), slab),
                               original->readDecoded(original->variable("field"), slab)));
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
        QStringList keys;
        QDirIterator files(dataPath("big.zarr"), QDir::Files | QDir::Hidden,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            keys << QDir(dataPath("big.zarr")).relativeFilePath(files.next());
        }
        std::sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) {
            return a.toStdString() < b.toStdString();
        });
        QCryptographicHash manifest(QCryptographicHash::Sha256);
        qint64 bytes = 0;
        for (const QString& key : keys) {
            QFile file(dataPath("big.zarr/" + key));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            bytes += content.size();
            manifest.addData(
                (key + " " + QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex() +
                 "\n")
                    .toUtf8());
        }
        QCOMPARE(staged.storeObjects, std::size_t(keys.size()));
        QCOMPARE(staged.object.size, std::uint64_t(bytes));
        QCOMPARE(QString::fromStdString(staged.sha256),
                 QString::fromLatin1(manifest.result().toHex()));
        QCOMPARE(staged.bytesFetched, std::uint64_t(bytes)); // each object once
        QVERIFY(!QFileInfo::exists(target + ".part"));
    }

    // Last: the server dies (kill -9) while a chunk comes slowly; the read fails within the
    // retries with a message naming the URL, instead of hanging or returning partial values.
    void serverKilledMidRead() {
        const std::string url = urlOf("slow/big.nc");
        std::shared_ptr<data::Dataset> dataset;
        try {
            dataset = data::openDataset(url);
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
        const data::DatasetVariable& field = dataset->variable("field");
        auto reading = std::async(std::launch::async, [dataset, &field] {
            data::Hyperslab slab{{3, 0, 0}, {1, 512, 512}, {}};
            return dataset->readDecoded(field, slab); // 4 s at the slow location's rate
        });
        // A cached read of another range in flight too: it must leave no (partial) entry.
        auto cache = std::make_shared<remote::RemoteCache>(
            m_directory.filePath("killed-cache").toStdString(), std::uint64_t(64) << 20);
        const auto cachedFile =
            remote::RemoteFile::open(std::make_shared<remote::HttpClient>(), url, cache);
        const std::uint64_t filesBefore = cache->bytesOnDisk();
        auto cachedReading = std::async(std::launch::async, [cachedFile] {
            std::vector<std::byte> bytes(1 << 20);
            cachedFile->read(8 << 20, bytes.size(), bytes.data());
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        m_server->kill();
        QElapsedTimer timer;
        timer.start();
        try {
            reading.get();
            QFAIL("read values from a killed server");
        } catch (const data::DataError& error) {
            const QString message = error.what();
            QVERIFY2(message.contains(QString::fromStdString(url)) &&
                         message.contains("connection to the server failed"),
                     qPrintable(message));
        }
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY_THROWS_EXCEPTION(remote::HttpError, cachedReading.get());
        QCOMPARE(cache->bytesOnDisk(), filesBefore); // the version note only
    }
};

QTEST_GUILESS_MAIN(RemoteDataTest)
#include "RemoteDataTest.moc"
