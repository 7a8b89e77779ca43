// The local executor and RunManager with the real worker (twinbench-run job) and testtwin:
// a run from submission to outputs, the concurrency limit, cancellation, a worker killed with
// SIGKILL, a submitting CLI killed with SIGKILL while its runs go on, a registry copied in the
// middle of writes, and the run / status / logs / cancel commands.
#include "FederationTestSupport.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/AtomicJson.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/runs/RunRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>

using namespace twins::federation;
using namespace twins::runs;
using twins::testing::refreshUntil;
using twins::testing::testSpec;
using twins::testing::waitUntil;

class LocalRunsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    int m_roots = 0;

    RunManager::Options options(int maxConcurrent = 2) {
        const QString root = m_root.filePath(QStringLiteral("root%1").arg(++m_roots));
        BackendSettings settings;
        settings.localMaxConcurrentRuns = maxConcurrent;
        settings.localCancelGracePeriod = std::chrono::milliseconds(3000);
        return {root + QStringLiteral("/registry.sqlite"), root + QStringLiteral("/runs"),
                settings};
    }

    static RunState fileState(const RunRecord& record) {
        return RunDirectory::open(record.runDirectory).status().state;
    }

    static qint64 workerPid(const RunRecord& record) {
        return readJsonObjectFile(QDir(record.runDirectory).filePath("backend.json"))
            .value(QStringLiteral("pid"))
            .toInteger();
    }

    // twinbench-run with the runs root of `manager`, so CLI and test share one registry.
    QProcess* startCli(const RunManager::Options& options, const QStringList& arguments) {
        auto* process = new QProcess(this);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TWINBENCH_RUNS_DIR"), options.runsRoot);
        process->setProcessEnvironment(environment);
        process->start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE), arguments);
        return process;
    }

    // The CLI's own default registry for a runs root (TWINBENCH_RUNS_DIR set).
    static RunManager::Options cliOptions(const RunManager::Options& options) {
        RunManager::Options cli = options;
        cli.registryPath = QDir(options.runsRoot).filePath(QStringLiteral(".registry.sqlite"));
        return cli;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_root.isValid());
        const QString problem = twins::testing::prepareWorkerEnvironment();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void generateRunSucceedsWithOutputs() {
        RunManager manager(options());
        QElapsedTimer timer;
        timer.start();
        const RunRecord submitted = manager.submit(testSpec(
            "generate", {{"size", 32}, {"amplitude", 2.0}, {"pattern", "checker"}}, "local"));
        const qint64 submitMs = timer.elapsed();
        QCOMPARE(submitted.backend, QStringLiteral("local"));
        QVERIFY(!submitted.backendJobId.isEmpty());
        QVERIFY(QFile::exists(QDir(submitted.runDirectory).filePath("backend.json")));
        const qint64 runningMs =
            waitUntil([&] { return fileState(submitted) != RunState::Queued; }, 10000);
        QVERIFY2(runningMs >= 0, "the worker never left queued");
        qInfo("local: submit() took %lld ms; submit -> running (status.json) %lld ms", submitMs,
              submitMs + runningMs);

        const RunRecord done = refreshUntil(manager, submitted.id, RunState::Succeeded, 30000);
        QCOMPARE(runStateName(done.state), QStringLiteral("succeeded"));
        QCOMPARE(done.progress, 1.0);
        QVERIFY(QFile::exists(QDir(done.runDirectory).filePath("outputs/field.nc")));
        QVERIFY(QFile::exists(QDir(done.runDirectory).filePath("prov.json")));
        // Idempotent: refreshing a finished run changes nothing and adds no rows.
        manager.refresh();
        manager.refresh();
        QCOMPARE(manager.list().size(), 1);
        QCOMPARE(manager.find(submitted.id)->state, RunState::Succeeded);
    }

    void concurrencyLimitHoldsForFourRuns() {
        RunManager manager(options(2));
        QList<RunRecord> runs;
        for (int i = 0; i < 4; ++i) {
            runs << manager.submit(testSpec("sleep", {{"seconds", 1.5}}, "local"));
        }
        int mostRunning = 0;
        const qint64 allDone = waitUntil(
            [&] {
                int running = 0;
                int finished = 0;
                for (const RunRecord& run : runs) {
                    const RunState state = fileState(run);
                    running += state == RunState::Running ? 1 : 0;
                    finished += isTerminal(state) ? 1 : 0;
                }
                mostRunning = std::max(mostRunning, running);
                return finished == runs.size();
            },
            30000);
        QVERIFY2(allDone >= 0, "four 1.5 s runs did not finish within 30 s");
        qInfo("local: 4 runs of 1.5 s with limit 2 took %lld ms, at most %d running at once",
              allDone, mostRunning);
        QCOMPARE(mostRunning, 2);
        // Two waves of 1.5 s: at least 3 s in total, or the limit was not applied.
        QVERIFY2(allDone >= 2900, qPrintable(QString::number(allDone)));
        manager.refresh();
        for (const RunRecord& run : runs) {
            QCOMPARE(runStateName(manager.find(run.id)->state), QStringLiteral("succeeded"));
        }
    }

    void cancelStopsARunningRun() {
        RunManager manager(options());
        const RunRecord run = manager.submit(testSpec("sleep", {{"seconds", 60}}, "local"));
        QVERIFY(refreshUntil(manager, run.id, RunState::Running, 10000).state == RunState::Running);
        QElapsedTimer timer;
        timer.start();
        const RunRecord cancelled = manager.cancel(run.id);
        qInfo("local: cancel of a running run took %lld ms", timer.elapsed());
        QCOMPARE(runStateName(cancelled.state), QStringLiteral("cancelled"));
        QCOMPARE(fileState(cancelled), RunState::Cancelled);
        QVERIFY(timer.elapsed() < 3000); // SIGTERM honoured: no SIGKILL grace period used
    }

    void killedWorkerEndsFailedWithReason() {
        RunManager manager(options());
        const RunRecord run = manager.submit(testSpec("sleep", {{"seconds", 60}}, "local"));
        QVERIFY(refreshUntil(manager, run.id, RunState::Running, 10000).state == RunState::Running);
        const qint64 pid = workerPid(run);
        QVERIFY(pid > 0);
        QCOMPARE(::kill(static_cast<pid_t>(pid), SIGKILL), 0);
        const RunRecord failed = refreshUntil(manager, run.id, RunState::Failed, 5000);
        QCOMPARE(runStateName(failed.state), QStringLiteral("failed"));
        const QString expected =
            QStringLiteral("worker process %1 ended without reporting a result (killed?)").arg(pid);
        QCOMPARE(failed.detail, expected);
        QCOMPARE(RunDirectory::open(failed.runDirectory).status().detail, expected);
    }

    void killedSubmitterLeavesRunsToANewManager() {
        const RunManager::Options shared = options();
        QProcess* cli = startCli(shared, {"sweep", "testtwin", "sleep", "--vary", "seconds=2,2.5",
                                          "--backend", "local", "--wait"});
        QVERIFY(cli->waitForStarted(5000));
        QStringList ids;
        QVERIFY(waitUntil(
                    [&] {
                        cli->waitForReadyRead(50);
                        ids = QString::fromUtf8(cli->peek(4096)).split('\n', Qt::SkipEmptyParts);
                        return ids.size() == 2;
                    },
                    15000) >= 0);
        {
            RunManager observer(cliOptions(shared));
            QVERIFY(waitUntil(
                        [&] {
                            return fileState(*observer.find(ids[0])) == RunState::Running &&
                                   fileState(*observer.find(ids[1])) == RunState::Running;
                        },
                        10000) >= 0);
        }
        cli->kill(); // SIGKILL, while both runs are active
        QVERIFY(cli->waitForFinished(5000));
        QCOMPARE(cli->exitStatus(), QProcess::CrashExit);

        RunManager reattached(cliOptions(shared));
        const QList<RunRecord> all = reattached.list();
        QCOMPARE(all.size(), 2);
        QSet<QString> listed;
        for (const RunRecord& record : all) {
            listed.insert(record.id);
        }
        QCOMPARE(listed, QSet<QString>(ids.begin(), ids.end()));
        QCOMPARE(reattached.refresh().size(), 2); // both still active, each once
        for (const QString& id : ids) {
            QCOMPARE(runStateName(refreshUntil(reattached, id, RunState::Succeeded, 15000).state),
                     QStringLiteral("succeeded"));
        }
        QCOMPARE(reattached.list().size(), 2);
    }

    void registryCopiedDuringWritesOpensCleanly() {
        const QString directory = m_root.filePath(QStringLiteral("registry-copy"));
        QVERIFY(QDir().mkpath(directory));
        const QString live = directory + QStringLiteral("/live.sqlite");
        { RunRegistry create(live); }
        std::atomic<bool> stop{false};
        std::atomic<int> written{0};
        QThread* writer = QThread::create([&] {
            RunRegistry registry(live);
            while (!stop) {
                const RunRecord record =
                    registry.registerRun(testSpec("sleep", {}, "local"), "/runs/x");
                registry.updateState(record.id, RunState::Queued, "queued");
                registry.updateProgress(record.id, 0.5, "half");
                ++written;
            }
        });
        writer->start();
        QVERIFY(waitUntil([&] { return written > 20; }, 10000) >= 0);
        // A copy taken while the writer is active, like a backup or a crash image: the db and
        // its WAL at slightly different moments, and a WAL cut in the middle of a frame.
        const QString copy = directory + QStringLiteral("/copy.sqlite");
        const QString truncated = directory + QStringLiteral("/truncated.sqlite");
        QVERIFY(QFile::copy(live, copy));
        QVERIFY(QFile::copy(live + "-wal", copy + "-wal"));
        QVERIFY(QFile::copy(live, truncated));
        QFile wal(live + "-wal");
        QVERIFY(wal.open(QIODevice::ReadOnly));
        const QByteArray walBytes = wal.readAll();
        QFile cut(truncated + "-wal");
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(walBytes.left(walBytes.size() / 2 + 7));
        cut.close();
        stop = true;
        writer->wait();
        delete writer;

        for (const QString& path : {copy, truncated}) {
            RunRegistry reopened(path);
            const QList<RunRecord> records = reopened.list();
            QSet<QString> ids;
            for (const RunRecord& record : records) {
                QVERIFY(!ids.contains(record.id));
                ids.insert(record.id);
            }
            // Still writable after recovery.
            const RunRecord added = reopened.registerRun(testSpec("sleep", {}, "local"), "/r");
            QVERIFY(reopened.find(added.id).has_value());
            qInfo("registry copy %s: %lld runs readable after a mid-write copy",
                  qPrintable(QFileInfo(path).fileName()), static_cast<long long>(records.size()));
        }
    }

    void commandLineRunStatusLogsCancel() {
        const RunManager::Options shared = options();
        // Validation happens before submission: nothing is created for a bad value.
        QProcess* bad = startCli(shared, {"run", "testtwin", "generate", "--set", "size=1"});
        QVERIFY(bad->waitForFinished(20000));
        QCOMPARE(bad->exitCode(), 2);
        QVERIFY2(bad->readAllStandardError().contains("size"), "error does not name the parameter");
        {
            RunManager check(cliOptions(shared));
            QCOMPARE(check.list().size(), 0);
        }

        QProcess* good = startCli(shared, {"run", "testtwin", "generate", "--set", "size=8",
                                           "--backend", "local", "--wait"});
        QVERIFY(good->waitForFinished(30000));
        QCOMPARE(good->exitCode(), 0);
        const QString id = QString::fromUtf8(good->readAllStandardOutput()).trimmed();
        QVERIFY(isRunId(id));

        QProcess* status = startCli(shared, {"status", id, "--json"});
        QVERIFY(status->waitForFinished(20000));
        QCOMPARE(status->exitCode(), 0);
        const QJsonObject json = QJsonDocument::fromJson(status->readAllStandardOutput()).object();
        QCOMPARE(json.value("state").toString(), QStringLiteral("succeeded"));
        QCOMPARE(json.value("module").toString(), QStringLiteral("testtwin"));

        QProcess* table = startCli(shared, {"status"});
        QVERIFY(table->waitForFinished(20000));
        const QString tableText = QString::fromUtf8(table->readAllStandardOutput());
        QVERIFY2(tableText.contains(id) && tableText.contains("succeeded"), qPrintable(tableText));

        QProcess* logs = startCli(shared, {"logs", id.left(20)});
        QVERIFY(logs->waitForFinished(20000));
        QCOMPARE(logs->exitCode(), 0);
        QVERIFY(logs->readAllStandardOutput().contains("submitted to local"));

        QProcess* failing = startCli(
            shared, {"run", "testtwin", "fail", "--set", "message=broken on purpose", "--wait"});
        QVERIFY(failing->waitForFinished(30000));
        QCOMPARE(failing->exitCode(), 1);
        QVERIFY(failing->readAllStandardError().contains("broken on purpose"));

        // A parameter by its former name (testtwin's "duration") works and the user is told.
        QProcess* sleeper = startCli(shared, {"run", "testtwin", "sleep", "--set", "duration=60"});
        QVERIFY(sleeper->waitForFinished(20000));
        QCOMPARE(sleeper->exitCode(), 0);
        const QByteArray sleeperErrors = sleeper->readAllStandardError();
        QVERIFY2(sleeperErrors.contains("note: parameter 'duration' is now called 'seconds'"),
                 sleeperErrors.constData());
        const QString sleepId = QString::fromUtf8(sleeper->readAllStandardOutput()).trimmed();
        QProcess* follow = startCli(shared, {"logs", sleepId, "--follow"});
        {
            RunManager observer(cliOptions(shared));
            QVERIFY(refreshUntil(observer, sleepId, RunState::Running, 10000).state ==
                    RunState::Running);
        }
        QProcess* cancel = startCli(shared, {"cancel", sleepId});
        QVERIFY(cancel->waitForFinished(20000));
        QCOMPARE(cancel->exitCode(), 0);
        QVERIFY(cancel->readAllStandardOutput().contains("cancelled"));
        QVERIFY2(follow->waitForFinished(10000), "logs --follow did not end with the run");
        QCOMPARE(follow->exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(LocalRunsTest)
#include "LocalRunsTest.moc"
