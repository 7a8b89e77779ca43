// `twinbench-run serve`: the session worker answers ping and testtwin's field_stats through
// SessionClient (round-trip latency measured and printed), reports errors per request without
// dying, answers a malformed line, and stops on a shutdown request (exit 0) or SIGTERM (143).
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/SessionClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using twins::sdk::SdkError;
using twins::sdk::SessionClient;

namespace {

// Starts a session worker on `socketPath` and waits for its "listening on" line.
std::unique_ptr<QProcess> startServe(const QString& socketPath) {
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("TWINBENCH_PLUGIN_PATH", TWINBENCH_TEST_PLUGIN_DIR);
    environment.insert("TWINBENCH_PLUGIN_PATH_ONLY", "1"); // no real twins from the build tree
    process->setProcessEnvironment(environment);
    process->start(TWINBENCH_WORKER_EXECUTABLE, {"serve", "--socket", socketPath});
    QElapsedTimer clock;
    clock.start();
    while (!process->canReadLine() && clock.elapsed() < 10000 &&
           process->state() != QProcess::NotRunning) {
        process->waitForReadyRead(100);
    }
    return process;
}

QString errorOf(SessionClient& client, const QString& module, const QString& query,
                const QJsonObject& arguments) {
    try {
        client.request(module, query, arguments);
    } catch (const SdkError& error) {
        return error.message();
    }
    return QStringLiteral("(answered)");
}

} // namespace

class ServeCommandTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;

private slots:
    void answersPingAndFieldStatsAndStopsOnRequest() {
        const QString socketPath = m_directory.filePath("session.sock");
        const auto process = startServe(socketPath);
        QCOMPARE(QString::fromUtf8(process->readLine()).trimmed(),
                 QString("listening on %1").arg(socketPath));

        SessionClient client(socketPath);
        client.connectToWorker();
        const QJsonObject ping = client.ping();
        const QJsonArray modules = ping.value("modules").toArray();
        QCOMPARE(modules.size(), 1);
        QCOMPARE(modules[0].toObject().value("id").toString(), QString("testtwin"));
        QCOMPARE(modules[0].toObject().value("loaded").toBool(), false);
        QCOMPARE(ping.value("pid").toInteger(), process->processId());

        QElapsedTimer clock;
        clock.start();
        const QJsonObject first = client.request(
            "testtwin", "field_stats", {{"size", 8}, {"amplitude", 2.0}, {"pattern", "gradient"}});
        const qint64 firstMicroseconds = clock.nsecsElapsed() / 1000;
        QCOMPARE(first.value("mean").toDouble(), 1.0);
        QCOMPARE(first.value("min").toDouble(), 0.0);
        QCOMPARE(first.value("max").toDouble(), 2.0);
        QCOMPARE(first.value("count").toInteger(), 64);
        // The module is loaded once and kept.
        QCOMPARE(client.ping().value("modules").toArray()[0].toObject().value("loaded").toBool(),
                 true);

        QList<qint64> roundTrips;
        for (int i = 0; i < 50; ++i) {
            clock.restart();
            const QJsonObject stats =
                client.request("testtwin", "field_stats", {{"size", 64}, {"pattern", "checker"}});
            roundTrips.append(clock.nsecsElapsed() / 1000);
            QCOMPARE(stats.value("mean").toDouble(), 0.5);
        }
        std::sort(roundTrips.begin(), roundTrips.end());
        qInfo("serve round trip: first query (loads the plugin) %.2f ms; field_stats 64x64 "
              "median %.3f ms, max %.3f ms over 50",
              firstMicroseconds / 1000.0, roundTrips[25] / 1000.0, roundTrips.last() / 1000.0);
        QVERIFY(roundTrips[25] < 100000); // interactive: well under a second

        client.shutdown();
        QVERIFY(process->waitForFinished(5000));
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), 0);
        QVERIFY(!QFileInfo::exists(socketPath)); // the socket file is removed
    }

    void reportsErrorsPerRequestAndKeepsServing() {
        const QString socketPath = m_directory.filePath("errors.sock");
        const auto process = startServe(socketPath);
        SessionClient client(socketPath);
        client.connectToWorker();

        QVERIFY2(errorOf(client, "testtwin", "nope", {})
                     .contains("module testtwin: has no query 'nope' (queries: field_stats, "),
                 qPrintable(errorOf(client, "testtwin", "nope", {})));
        QVERIFY(errorOf(client, "testtwin", "field_stats", {{"size", 1}})
                    .contains("argument 'size' must be an integer in [2, 4096]"));
        const QString unknown = errorOf(client, "no_such_twin", "one_step", {});
        QVERIFY2(unknown.contains("module 'no_such_twin': not found; known modules: ") &&
                     unknown.contains("testtwin"),
                 qPrintable(unknown));
        QVERIFY(errorOf(client, "", "field_stats", {}).contains("needs field 'module'"));

        // A malformed line gets an answer too (with a null id), then the session goes on.
        QLocalSocket raw;
        raw.connectToServer(socketPath);
        QVERIFY(raw.waitForConnected(2000));
        raw.write("this is not json\n");
        QVERIFY(raw.waitForReadyRead(2000));
        while (!raw.canReadLine()) {
            QVERIFY(raw.waitForReadyRead(2000));
        }
        const QJsonObject answer = QJsonDocument::fromJson(raw.readLine()).object();
        QVERIFY(answer.value("id").isNull());
        QVERIFY2(answer.value("error").toString().contains("not a JSON object"),
                 qPrintable(answer.value("error").toString()));

        QCOMPARE(client.request("testtwin", "field_stats", {}).value("count").toInteger(), 256);

        process->terminate(); // SIGTERM
        QVERIFY(process->waitForFinished(5000));
        QCOMPARE(process->exitCode(), 143);
        QVERIFY_THROWS_EXCEPTION(SdkError, client.ping(1000));
    }

    void clientReportsAMissingWorker() {
        SessionClient client(m_directory.filePath("nobody.sock"));
        try {
            client.connectToWorker(500);
            QFAIL("connected to nothing");
        } catch (const SdkError& error) {
            QVERIFY2(error.message().contains("nobody.sock: cannot connect to the session worker"),
                     error.what());
        }
    }
};

QTEST_GUILESS_MAIN(ServeCommandTest)
#include "ServeCommandTest.moc"
