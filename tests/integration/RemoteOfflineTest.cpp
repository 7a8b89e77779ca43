// Opening a URL whose server cannot be reached (issue 25: cached objects open offline, with a
// notice). A netCDF-4 file is served by the fixture's nginx (tests/fixtures/remote) and sliced by
// `twinbench-run slice` processes sharing one on-disk cache; then the server is stopped and:
// what was read before is read again from the cache, with the offline notice on stderr and in
// the slice's provenance; what was never read, an object never cached, and any read with the
// cache off fail with messages naming the URL. Each worker is a fresh process, as in use.
#include "HttpFixture.h"
#include "ProcessRun.h"
#include "twinbench/data/NetcdfWriter.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

namespace {

// Chunks of 240 kB: above RemoteFile::blockBytes, so each is fetched alone (a small file would
// be read whole through the 32 kB blocks that serve metadata).
constexpr std::size_t steps = 3, rows = 200, columns = 300;

// Two variables a and b over (time, y, x), one chunk per step: reading a[0] fetches nothing of b.
void writeTwoVariables(const std::string& path) {
    using twins::data::NetcdfWriter;
    NetcdfWriter writer(path);
    writer.addDimension("time", steps);
    writer.addDimension("y", rows);
    writer.addDimension("x", columns);
    for (const char* name : {"a", "b"}) {
        writer.addVariable(name, NetcdfWriter::Type::Float, {"time", "y", "x"}, 0,
                           {1, rows, columns});
        writer.setTextAttribute(name, "units", "K");
    }
    writer.setConventions();
    std::vector<float> values(rows * columns);
    for (std::size_t t = 0; t < steps; ++t) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            values[i] = 270.0f + static_cast<float>(t) + 0.01f * static_cast<float>(i);
        }
        writer.write("a", {t, 0, 0}, {1, rows, columns}, values.data());
        writer.write("b", {t, 0, 0}, {1, rows, columns}, values.data());
    }
    writer.commit();
}

} // namespace

class RemoteOfflineTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    std::unique_ptr<twins::testing::HttpFixture> m_server;
    QString m_url;

    twins::testing::ProcessOutcome slice(const QString& url, const QString& variable,
                                         const QString& out, const QString& cache) const {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TWINBENCH_REMOTE_CACHE", cache);
        return twins::testing::runProcess(
            TWINBENCH_WORKER_EXECUTABLE,
            {"slice", url, variable, "--index", "time=0", "--out", m_directory.filePath(out)},
            120000, environment);
    }
    QByteArray contents(const QString& name) const {
        QFile file(m_directory.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    QString cacheFolder() const { return m_directory.filePath("cache"); }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        QVERIFY(QDir().mkpath(m_directory.filePath("data")));
        writeTwoVariables(m_directory.filePath("data/two.nc").toStdString());
        QVERIFY(QFile::copy(m_directory.filePath("data/two.nc"),
                            m_directory.filePath("data/never-read.nc")));
        try {
            m_server = std::make_unique<twins::testing::HttpFixture>(m_directory.filePath("server"),
                                                                     m_directory.filePath("data"));
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        m_url = m_server->url() + "/two.nc";
        // Online: a[0] read once through the cache; the same slice with the cache off too.
        const auto online = slice(m_url, "a", "online.csv", cacheFolder());
        QVERIFY2(online.succeeded(), qPrintable(online.errors));
        QVERIFY2(!online.errors.contains("Offline"), qPrintable(online.errors));
        m_server.reset(); // the server is gone from here on
    }

    void whatWasReadOpensOfflineWithANotice() {
        const auto offline = slice(m_url, "a", "offline.csv", cacheFolder());
        QVERIFY2(offline.succeeded(), qPrintable(offline.errors));
        QVERIFY2(offline.errors.contains("Offline: " + m_url + " cannot be reached"),
                 qPrintable(offline.errors));
        QVERIFY2(offline.errors.contains("last confirmed by the server"),
                 qPrintable(offline.errors));
        QCOMPARE(contents("offline.csv"), contents("online.csv"));
        QVERIFY(!contents("offline.csv").isEmpty());
        // The provenance says the bytes came from the cache, offline, none over the network.
        const QJsonObject entities = QJsonDocument::fromJson(contents("offline.csv.prov.json"))
                                         .object()["entity"]
                                         .toObject();
        bool recorded = false;
        for (const QString& id : entities.keys()) {
            const QJsonObject entity = entities[id].toObject();
            if (entity["prov:type"].toObject()["$"] == "twinbench:RemoteObject") {
                recorded = entity["twinbench:readOffline"].toBool();
                QCOMPARE(entity["twinbench:bytesFetched"].toObject()["$"].toString(), "0");
            }
        }
        QVERIFY2(recorded, contents("offline.csv.prov.json").constData());
    }

    void whatWasNeverReadFailsNamingTheUrl() {
        const auto neverRead = slice(m_url, "b", "b.csv", cacheFolder());
        QVERIFY(!neverRead.succeeded());
        QVERIFY2(neverRead.errors.contains(m_url), qPrintable(neverRead.errors));
        QVERIFY2(neverRead.errors.contains("never read while it could"),
                 qPrintable(neverRead.errors));
        QVERIFY(!QFile::exists(m_directory.filePath("b.csv")));
    }

    void anObjectNeverCachedFailsAsUnreachable() {
        const QString url = m_url.section('/', 0, -2) + "/never-read.nc";
        const auto uncached = slice(url, "a", "uncached.csv", cacheFolder());
        QVERIFY(!uncached.succeeded());
        QVERIFY2(uncached.errors.contains(url), qPrintable(uncached.errors));
        QVERIFY2(uncached.errors.contains("connection to the server failed"),
                 qPrintable(uncached.errors));
        QVERIFY2(!uncached.errors.contains("Offline"), qPrintable(uncached.errors));
    }

    void withTheCacheOffNothingOpens() {
        const auto off = slice(m_url, "a", "off.csv", "off");
        QVERIFY(!off.succeeded());
        QVERIFY2(off.errors.contains("connection to the server failed"), qPrintable(off.errors));
    }
};

QTEST_GUILESS_MAIN(RemoteOfflineTest)
#include "RemoteOfflineTest.moc"
