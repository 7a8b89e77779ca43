// SlurmCliExecutor and SlurmRestExecutor against a real one-node SLURM 22.05 cluster on
// localhost (tests/fixtures/slurm/slurm-fixture.sh, started and stopped here): a generate run
// with its outputs, a failing run, cancelling a running job, a 4-point sweep as one job array,
// the same through slurmrestd with a JWT, and slurmctld stopped in the middle of a run (for
// TWINBENCH_SLURM_OUTAGE_SECONDS, 60 s by default).
#include "FederationTestSupport.h"
#include "twinbench/federation/CommandRunner.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/RunDirectory.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace twins::federation;
using namespace twins::runs;
using twins::testing::refreshUntil;
using twins::testing::testSpec;
using twins::testing::waitUntil;

class SlurmRunsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_base;
    QString m_restUrl;
    bool m_started = false;
    int m_roots = 0;

    static QString fixture(const QStringList& arguments, int timeoutMs, bool* ok) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("bash"),
                      QStringList{QStringLiteral(TWINBENCH_SLURM_FIXTURE)} + arguments);
        *ok = process.waitForFinished(timeoutMs) && process.exitStatus() == QProcess::NormalExit &&
              process.exitCode() == 0;
        return QString::fromUtf8(process.readAll());
    }

    RunManager::Options options() {
        const QString root = m_root.filePath(QStringLiteral("root%1").arg(++m_roots));
        BackendSettings settings;
        settings.defaultBackend = QStringLiteral("slurm");
        settings.slurmRestUrl = m_restUrl;
        settings.slurmTokenSource = QStringLiteral("scontrol");
        return {root + QStringLiteral("/registry.sqlite"), root + QStringLiteral("/runs"),
                settings};
    }

    static QStringList logLines(const RunRecord& record) {
        QFile file(QDir(record.runDirectory).filePath("log.txt"));
        return file.open(QIODevice::ReadOnly)
                   ? QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts)
                   : QStringList();
    }

    // Measures submit -> running as seen in the worker's status.json.
    static qint64 msUntilRunning(const RunRecord& record, qint64 submitMs) {
        const qint64 waited = waitUntil(
            [&] {
                return RunDirectory::open(record.runDirectory).status().state != RunState::Queued;
            },
            20000);
        return waited < 0 ? -1 : submitMs + waited;
    }

    void generateSucceeds(const QString& backend) {
        RunManager manager(options());
        QElapsedTimer timer;
        timer.start();
        const RunRecord run = manager.submit(testSpec(
            "generate", {{"size", 24}, {"amplitude", 3.0}, {"pattern", "gradient"}}, backend));
        const qint64 submitMs = timer.elapsed();
        QCOMPARE(run.backend, backend);
        QVERIFY2(QRegularExpression("^[0-9]+$").match(run.backendJobId).hasMatch(),
                 qPrintable(run.backendJobId));
        const qint64 runningMs = msUntilRunning(run, submitMs);
        QVERIFY2(runningMs >= 0, "the SLURM job never started the worker");
        qInfo("%s: submit() took %lld ms; submit -> running %lld ms", qPrintable(backend), submitMs,
              runningMs);
        const RunRecord done = refreshUntil(manager, run.id, RunState::Succeeded, 30000);
        QVERIFY2(done.state == RunState::Succeeded, qPrintable(done.detail));
        QVERIFY(QFile::exists(QDir(done.runDirectory).filePath("outputs/field.nc")));
        QVERIFY(QFile::exists(QDir(done.runDirectory).filePath("prov.json")));
        QVERIFY(QFile::exists(QDir(done.runDirectory)
                                  .filePath(QStringLiteral("slurm-%1.out").arg(run.backendJobId))));
    }

    void cancelRunningSleep(const QString& backend) {
        RunManager manager(options());
        const RunRecord run = manager.submit(testSpec("sleep", {{"seconds", 120}}, backend));
        QVERIFY(msUntilRunning(run, 0) >= 0);
        QElapsedTimer timer;
        timer.start();
        const RunRecord cancelled = manager.cancel(run.id);
        qInfo("%s: cancel of a running job -> cancelled in %lld ms", qPrintable(backend),
              timer.elapsed());
        QVERIFY2(cancelled.state == RunState::Cancelled,
                 qPrintable(runStateName(cancelled.state) + ": " + cancelled.detail));
        QCOMPARE(RunDirectory::open(run.runDirectory).status().state, RunState::Cancelled);
    }

    void sweepIsOneArrayJob(const QString& backend, int points) {
        RunManager manager(options());
        QJsonArray sizes;
        for (int i = 0; i < points; ++i) {
            sizes.append(8 + 4 * i);
        }
        QElapsedTimer timer;
        timer.start();
        const QList<RunRecord> runs = manager.submitSweep(
            testSpec("generate", {{"amplitude", 1.0}, {"pattern", "checker"}}, backend),
            QStringLiteral("size"), sizes);
        QCOMPARE(runs.size(), points);
        const QString arrayJob = runs.first().backendJobId.section('_', 0, 0);
        for (int i = 0; i < points; ++i) {
            QCOMPARE(runs[i].backendJobId, QStringLiteral("%1_%2").arg(arrayJob).arg(i));
            QCOMPARE(RunDirectory::open(runs[i].runDirectory).spec().parameters.value("size"),
                     sizes[i]);
        }
        for (const RunRecord& run : runs) {
            const RunRecord done = refreshUntil(manager, run.id, RunState::Succeeded, 40000);
            QVERIFY2(done.state == RunState::Succeeded, qPrintable(done.detail));
            QVERIFY(QFile::exists(QDir(run.runDirectory).filePath("outputs/field.nc")));
        }
        qInfo("%s: sweep of %d runs as array job %s, all succeeded after %lld ms",
              qPrintable(backend), points, qPrintable(arrayJob), timer.elapsed());
        // SLURM itself saw one submission: every task of the array shares the array job id.
        const CommandResult jobs =
            runCommand({"scontrol", "show", "job", "-o", arrayJob}, std::chrono::seconds(10));
        QVERIFY2(jobs.succeeded(), qPrintable(jobs.failureText()));
        QCOMPARE(QString::fromUtf8(jobs.standardOutput)
                     .count(QStringLiteral("ArrayJobId=%1 ").arg(arrayJob)),
                 points);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_root.isValid());
        const QString problem = twins::testing::prepareWorkerEnvironment();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(!QStandardPaths::findExecutable("sbatch").isEmpty() &&
                     QFile::exists("/usr/sbin/slurmctld"),
                 "SLURM is not installed: run `make deps` (packaging/install-deps.sh installs "
                 "slurm-wlm slurmctld slurmd slurmrestd munge slurm-wlm-jwt-plugin)");
        // munged wants every parent of its socket world-executable; QTemporaryDir is 0700.
        QVERIFY(QFile::setPermissions(m_root.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                         QFile::ExeOwner | QFile::ExeGroup |
                                                         QFile::ExeOther));
        m_base = m_root.filePath(QStringLiteral("cluster"));
        bool ok = false;
        QElapsedTimer timer;
        timer.start();
        const QString output = fixture({"start", m_base, "--rest"}, 60000, &ok);
        m_started = true; // stop is safe whatever start got to
        QVERIFY2(ok, qPrintable("the SLURM fixture did not start:\n" + output));
        qInfo("SLURM fixture up (with slurmrestd) in %lld ms", timer.elapsed());
        qputenv("SLURM_CONF", (m_base + QStringLiteral("/etc/slurm.conf")).toLocal8Bit());
        QFile port(m_base + QStringLiteral("/rest.port"));
        QVERIFY(port.open(QIODevice::ReadOnly));
        m_restUrl =
            QStringLiteral("http://127.0.0.1:%1").arg(QString::fromUtf8(port.readAll()).trimmed());
    }

    void cleanupTestCase() {
        if (m_started) {
            bool ok = false;
            const QString output = fixture({"stop", m_base}, 60000, &ok);
            QVERIFY2(ok, qPrintable("the SLURM fixture did not stop cleanly:\n" + output));
        }
    }

    void cliGenerateRunSucceeds() { generateSucceeds(QStringLiteral("slurm")); }

    void cliFailingRunEndsFailedWithExitCodeAndLog() {
        RunManager manager(options());
        const RunRecord run = manager.submit(
            testSpec("fail", {{"message", "deliberate failure 42"}}, QStringLiteral("slurm")));
        const RunRecord done = refreshUntil(manager, run.id, RunState::Failed, 30000);
        QCOMPARE(runStateName(done.state), QStringLiteral("failed"));
        QVERIFY2(done.detail.contains("deliberate failure 42"), qPrintable(done.detail));
        const RunStatus status = RunDirectory::open(run.runDirectory).status();
        QVERIFY(status.exitCode.has_value());
        QCOMPARE(*status.exitCode, 1);
        QVERIFY(logLines(run).join('\n').contains("deliberate failure 42"));
    }

    void cliCancelRunningJob() { cancelRunningSleep(QStringLiteral("slurm")); }

    void cliSweepIsOneJobArray() { sweepIsOneArrayJob(QStringLiteral("slurm"), 4); }

    void restGenerateRunSucceeds() { generateSucceeds(QStringLiteral("slurm-rest")); }

    void restCancelRunningJob() { cancelRunningSleep(QStringLiteral("slurm-rest")); }

    void restSweepIsOneJobArray() { sweepIsOneArrayJob(QStringLiteral("slurm-rest"), 3); }

    void restWithoutUrlIsRefusedClearly() {
        RunManager::Options noUrl = options();
        noUrl.settings.slurmRestUrl.clear();
        RunManager manager(noUrl);
        try {
            manager.submit(testSpec("generate", {}, QStringLiteral("slurm-rest")));
            QFAIL("a slurm-rest submission without a URL was accepted");
        } catch (const FederationError& error) {
            QVERIFY2(error.message().contains("no slurmrestd URL"), qPrintable(error.message()));
        }
        QCOMPARE(manager.list().size(), 0); // nothing half-created
    }

    // slurmctld stopped for TWINBENCH_SLURM_OUTAGE_SECONDS (60 by default; .ci/run shortens it)
    // while a job runs: every refresh meanwhile says the controller is unreachable and keeps the
    // run running (never failed), and once it is back the run is tracked again and succeeds.
    void controllerDownIsReportedThenReconciled() {
        const int outageSeconds =
            qEnvironmentVariableIsSet("TWINBENCH_SLURM_OUTAGE_SECONDS")
                ? qEnvironmentVariableIntValue("TWINBENCH_SLURM_OUTAGE_SECONDS")
                : 60;
        QVERIFY2(outageSeconds >= 10, "TWINBENCH_SLURM_OUTAGE_SECONDS: at least 10");
        RunManager manager(options());
        // Still running after the outage and a refresh that waits out scontrol's ~9 s of
        // retries; status.json would otherwise (rightly) settle it as succeeded.
        const RunRecord run = manager.submit(
            testSpec("sleep", {{"seconds", outageSeconds + 13}}, QStringLiteral("slurm")));
        QVERIFY(msUntilRunning(run, 0) >= 0);
        bool ok = false;
        const QString stopped = fixture({"stop-controller", m_base}, 20000, &ok);
        QVERIFY2(ok, qPrintable(stopped));

        QElapsedTimer outage;
        outage.start();
        int refreshes = 0;
        while (outage.elapsed() < outageSeconds * 1000LL) {
            QElapsedTimer timer;
            timer.start();
            QList<RunRecord> active;
            try {
                active = manager.refresh();
            } catch (const std::exception& error) {
                fixture({"start-controller", m_base}, 30000, &ok);
                QFAIL(qPrintable(QStringLiteral("refresh threw: ") + error.what()));
            }
            const qint64 refreshMs = timer.elapsed();
            ++refreshes;
            QVERIFY2(refreshMs < 12000, qPrintable(QString::number(refreshMs)));
            QCOMPARE(active.size(), 1);
            QCOMPARE(runStateName(active.first().state), QStringLiteral("running"));
            QVERIFY2(active.first().detail.startsWith("SLURM controller unreachable: "),
                     qPrintable(active.first().detail));
            QTest::qWait(1000);
        }
        qInfo("slurm: slurmctld down for %lld ms, %d refreshes, run kept running", outage.elapsed(),
              refreshes);

        const QString restarted = fixture({"start-controller", m_base}, 30000, &ok);
        QVERIFY2(ok, qPrintable(restarted));
        const RunRecord done = refreshUntil(manager, run.id, RunState::Succeeded, 40000);
        QVERIFY2(done.state == RunState::Succeeded, qPrintable(done.detail));
        QVERIFY(!done.detail.contains("unreachable"));
    }
};

QTEST_GUILESS_MAIN(SlurmRunsTest)
#include "SlurmRunsTest.moc"
