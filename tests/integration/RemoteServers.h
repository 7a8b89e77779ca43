#pragma once
// What the remote-data tests share (RemoteDataTest: reads, slices, cache, run inputs;
// RemoteStoresTest: WebDAV and S3 stores): the test files made by
// tests/fixtures/remote/make-test-data.py, a real nginx on 127.0.0.1 serving them over HTTP and
// WebDAV over TLS (HttpFixture), s3rver holding copies in bucket "data" (tests/fixtures/s3),
// and helpers to compare what is read remotely with the local files.

#include "HttpFixture.h"
#include "ProcessRun.h"
#define TWINBENCH_PLUGIN_BUILD_DIR TWINBENCH_TEST_PLUGIN_DIR
#include "WorkerRuns.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/DatasetSummary.h"
#include "twinbench/data/VariableSlice.h"
#include "twinbench/data/remote/DavFolder.h"
#include "twinbench/data/remote/HttpClient.h"
#include "twinbench/data/remote/RemoteCache.h"
#include "twinbench/data/remote/RemoteCancel.h"
#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/remote/RemoteFile.h"
#include "twinbench/data/remote/RemoteFolder.h"
#include "twinbench/data/remote/RemoteReadLog.h"
#include "twinbench/data/remote/RemoteStaging.h"
#include "twinbench/data/remote/RequestPolicy.h"
#include "twinbench/federation/DesktopKeychain.h"
#include "twinbench/federation/RemoteDataSettings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace twins::testing::remote_data {

namespace data = twins::data;

bool sameValues(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) {
            return false;
        }
    }
    return true;
}

// The summary as inspect prints it, without its first line (which names the path).
std::string summaryBody(const data::Dataset& dataset) {
    const std::string text = data::summaryText(data::summarizeDataset(dataset));
    return text.substr(text.find('\n') + 1);
}

// Test classes derive from this one: startServers() in initTestCase, stopServers() in
// cleanupTestCase (a failed QVERIFY inside fails initTestCase, which skips the rest).
class RemoteServers : public QObject {
protected:
    QTemporaryDir m_directory;
    std::unique_ptr<HttpFixture> m_server;
    QString m_s3Endpoint;

    static QString s3Fixture() {
        return QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/fixtures/s3/s3-fixture.sh");
    }

    QString dataPath(const QString& name) const { return m_directory.filePath("data/" + name); }

    // The one twinbench:RemoteObject entity of a PROV-JSON file, or {}.
    static QJsonObject remoteEntityOf(const QString& path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return {};
        }
        const QJsonObject entities =
            QJsonDocument::fromJson(file.readAll()).object().value("entity").toObject();
        for (const QString& id : entities.keys()) {
            const QJsonObject entity = entities.value(id).toObject();
            if (entity.value("prov:type").toObject().value("$") == "twinbench:RemoteObject") {
                return entity;
            }
        }
        return {};
    }
    std::string localPath(const QString& name) const { return dataPath(name).toStdString(); }
    std::string urlOf(const QString& name) const {
        return (m_server->url() + "/" + name).toStdString();
    }

    void startServers() {
        QVERIFY(m_directory.isValid());
        // Byte counts below are of reads that go to the server: the on-disk cache is tested on
        // its own (and never touches the user's cache folder here).
        qputenv("TWINBENCH_REMOTE_CACHE", "off");
        const twins::testing::ProcessOutcome made = twins::testing::runProcess(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/fixtures/remote/make-test-data.py"),
             m_directory.filePath("data")},
            120000);
        QVERIFY2(made.succeeded(), qPrintable(made.errors));
        try {
            m_server = std::make_unique<HttpFixture>(m_directory.filePath("server"),
                                                     m_directory.filePath("data"));
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        // The TLS server's certificate is signed by the CA the fixture just made: trusted by
        // this process's client (made on first use, after this) and the workers it starts.
        qputenv("TWINBENCH_CA_FILE", m_server->caFile().toUtf8());
        // s3rver with bucket "data" holding copies of the files, its own account's keys.
        const twins::testing::ProcessOutcome s3 = twins::testing::runProcess(
            QStringLiteral("bash"),
            {s3Fixture(), QStringLiteral("start"), m_directory.filePath("s3"),
             m_directory.filePath("data"), QStringLiteral("data"), QStringLiteral("small.nc"),
             QStringLiteral("classic.nc"), QStringLiteral("raster.tif"),
             QStringLiteral("big.zarr")},
            180000);
        QVERIFY2(s3.succeeded(), qPrintable(s3.errors));
        m_s3Endpoint = QString::fromUtf8(s3.output).trimmed().split('\n').last();
        qputenv("TWINBENCH_S3_ENDPOINT", m_s3Endpoint.toUtf8());
        qputenv("AWS_ACCESS_KEY_ID", "S3RVER");
        qputenv("AWS_SECRET_ACCESS_KEY", "S3RVER");
    }

    void stopServers() {
        m_server.reset();
        twins::testing::runProcess(QStringLiteral("bash"), {s3Fixture(), QStringLiteral("stop"),
                                                            m_directory.filePath("s3")});
    }
};

} // namespace twins::testing::remote_data
