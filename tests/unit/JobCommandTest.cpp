// `twinbench-run job RUNDIR` end to end, through the real executable and the testtwin plugin
// (TWINBENCH_PLUGIN_PATH set in the child's environment): success with outputs, metrics and
// prov.json; failures recorded in status.json and log.txt; SIGTERM ending in cancelled within
// a second; local slots making a second job wait queued (and not leaking when a holder is
// killed); run-id inputs chaining one run's outputs into the next.
#include "TestFiles.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/runs/Sha256.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>
#include <memory>

using namespace twins::runs;

namespace {

struct Outcome {
    int exitCode = -1;
    QString errors;
};

QProcessEnvironment workerEnvironment() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("TWINBENCH_PLUGIN_PATH", TWINBENCH_TEST_PLUGIN_DIR);
    return environment;
}

std::unique_ptr<QProcess> startJob(const QString& runDirectory, const QStringList& options = {}) {
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(workerEnvironment());
    process->start(TWINBENCH_WORKER_EXECUTABLE, QStringList{"job", runDirectory} + options);
    return process;
}

Outcome finish(QProcess& process, int timeoutMs = 60000) {
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-2, QString::fromUtf8(process.readAllStandardError())};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardError())};
}

Outcome runJob(const QString& runDirectory, const QStringList& options = {}) {
    const auto process = startJob(runDirectory, options);
    return finish(*process);
}

// Polls `condition` every 10 ms; false when it did not hold within timeoutMs.
bool waitUntil(const std::function<bool()>& condition, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (condition()) {
            return true;
        }
        QTest::qWait(10);
    }
    return condition();
}

RunStatus statusOf(const QString& runDirectory) {
    // The worker replaces status.json atomically, so a read never sees half a file.
    return RunDirectory::open(runDirectory).status();
}

QString logOf(const QString& runDirectory) {
    return QString::fromUtf8(twins::testing::readBytes(runDirectory + "/log.txt"));
}

} // namespace

class JobCommandTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;

    QString createRun(const QString& action, const QJsonObject& parameters = {},
                      const QStringList& inputs = {}, const QString& module = "testtwin") {
        RunSpec spec = RunSpec::forCurrentBuild(module, action, "local");
        spec.parameters = parameters;
        spec.inputs = inputs;
        const QString id = newRunId();
        return RunDirectory::create(m_root.filePath(id), id, spec).path();
    }

private slots:
    void initTestCase() { QVERIFY(m_root.isValid()); }

    void generateSucceedsWithOutputsMetricsAndProvenance() {
        const QString run =
            createRun("generate", {{"size", 32}, {"pattern", "checker"}, {"amplitude", 2.5}});
        const Outcome outcome = runJob(run);
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));

        const RunStatus status = statusOf(run);
        QCOMPARE(status.state, RunState::Succeeded);
        QCOMPARE(status.exitCode, std::optional<int>(0));
        QCOMPARE(status.progress, 1.0);
        QVERIFY(status.startedAt.isValid() && status.finishedAt >= status.startedAt);

        const QString field = run + "/outputs/field.nc";
        const auto file = twins::data::NetcdfFile::open(field.toStdString());
        QCOMPARE(file->variable("field").units(), std::string("K"));
        QCOMPARE(file->variable("field").shape, (std::vector<std::size_t>{32, 32}));
        const std::vector<double> values = file->readDecoded("field", {0, 0}, {32, 32});
        double sum = 0.0;
        for (const double value : values) {
            sum += value;
        }

        const MetricsReading metrics = RunDirectory::open(run).metrics();
        QCOMPARE(metrics.points.size(), 1);
        QCOMPARE(metrics.points[0].name, QString("mean"));
        QCOMPARE(metrics.points[0].value, sum / values.size()); // the mean of what was written
        QCOMPARE(metrics.points[0].value, 1.25);

        const QString provenance = QString::fromUtf8(twins::testing::readBytes(run + "/prov.json"));
        QVERIFY(!provenance.isEmpty());
        QVERIFY2(provenance.contains(sha256OfFile(field)), "prov.json lacks field.nc's SHA-256");

        const QString log = logOf(run);
        QVERIFY2(log.contains(QString("job started on %1, pid ").arg(QSysInfo::machineHostName())),
                 qPrintable(log));
        QVERIFY2(log.contains(R"(parameters: {"amplitude":2.5,"pattern":"checker","size":32})"),
                 qPrintable(log));
    }

    void failEndsFailedWithTheMessage() {
        const QString run = createRun("fail", {{"message", "boom at step 42"}});
        const Outcome outcome = runJob(run);
        QCOMPARE(outcome.exitCode, 1);
        const RunStatus status = statusOf(run);
        QCOMPARE(status.state, RunState::Failed);
        QCOMPARE(status.detail, QString("boom at step 42"));
        QCOMPARE(status.exitCode, std::optional<int>(1));
        const QStringList logLines = logOf(run).trimmed().split('\n');
        QVERIFY2(logLines.last().endsWith("job failed: boom at step 42"),
                 qPrintable(logLines.last()));
        QVERIFY(outcome.errors.contains("boom at step 42"));
        QVERIFY(!QFileInfo::exists(run + "/prov.json"));
    }

    void badParametersModulesAndActionsFailClearly() {
        struct Case {
            QString module, action;
            QJsonObject parameters;
            QStringList expected;
        };
        const QList<Case> cases = {
            {"testtwin", "generate", {{"size", 9000}}, {"parameter 'size'", "9000", "[2, 4096]"}},
            {"testtwin", "generate", {{"pattern", "stripes"}}, {"'stripes'", "gradient, checker"}},
            {"testtwin", "generate", {{"seconds", 3}}, {"'seconds'", "unknown parameter"}},
            {"testtwin",
             "train",
             {},
             {"no action 'train'", "generate, sleep, fail, sum, fit, predict"}},
            {"no_such_twin", "infer", {}, {"module 'no_such_twin': not found", "testtwin"}},
        };
        for (const Case& c : cases) {
            const QString run = createRun(c.action, c.parameters, {}, c.module);
            QCOMPARE(runJob(run).exitCode, 1);
            const RunStatus status = statusOf(run);
            QCOMPARE(status.state, RunState::Failed);
            for (const QString& fragment : c.expected) {
                QVERIFY2(status.detail.contains(fragment), qPrintable(status.detail));
            }
        }
    }

    void unusableRunDirectoriesExitTwo() {
        QTemporaryDir empty;
        const Outcome missingSpec = runJob(empty.path());
        QCOMPARE(missingSpec.exitCode, 2);
        QVERIFY2(missingSpec.errors.contains("spec.json"), qPrintable(missingSpec.errors));

        const QString finished = createRun("generate", {{"size", 4}});
        QCOMPARE(runJob(finished).exitCode, 0);
        const Outcome again = runJob(finished);
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.errors.contains("is succeeded"), qPrintable(again.errors));
        QCOMPARE(statusOf(finished).state, RunState::Succeeded); // left alone

        QCOMPARE(runJob(finished, {"--max", "2"}).exitCode, 2); // --max without --slots
    }

    void sigtermCancelsASleepWithinOneSecond() {
        const QString run = createRun("sleep", {{"seconds", 30}});
        const auto process = startJob(run);
        QVERIFY(waitUntil(
            [&] {
                const RunStatus status = statusOf(run);
                return status.state == RunState::Running && status.progress > 0.0;
            },
            10000));
        QElapsedTimer clock;
        clock.start();
        process->terminate(); // SIGTERM
        const Outcome outcome = finish(*process, 5000);
        const qint64 latency = clock.elapsed();
        qInfo("SIGTERM to exit of a sleeping job: %lld ms", static_cast<long long>(latency));
        QCOMPARE(outcome.exitCode, 143);
        QVERIFY2(latency < 1000, qPrintable(QString::number(latency)));
        const RunStatus status = statusOf(run);
        QCOMPARE(status.state, RunState::Cancelled);
        QCOMPARE(status.exitCode, std::optional<int>(143));
        QVERIFY(status.progress > 0.0 && status.progress < 0.2);
        QVERIFY2(logOf(run).contains("cancelled while running (signal 15)"),
                 qPrintable(logOf(run)));
    }

    void secondJobWaitsQueuedForTheOnlySlot() {
        QTemporaryDir slotDirectory;
        const QStringList oneSlot{"--slots", slotDirectory.path(), "--max", "1"};
        const QString first = createRun("sleep", {{"seconds", 1.5}});
        const QString second = createRun("generate", {{"size", 8}});
        const auto firstProcess = startJob(first, oneSlot);
        QVERIFY(waitUntil([&] { return statusOf(first).state == RunState::Running; }, 10000));
        const auto secondProcess = startJob(second, oneSlot);
        QVERIFY(waitUntil(
            [&] { return statusOf(second).detail == "waiting for a free local slot (1 busy)"; },
            5000));
        QCOMPARE(statusOf(second).state, RunState::Queued);
        QCOMPARE(statusOf(first).state, RunState::Running);

        QCOMPARE(finish(*firstProcess).exitCode, 0);
        QCOMPARE(finish(*secondProcess).exitCode, 0);
        const RunStatus firstStatus = statusOf(first);
        const RunStatus secondStatus = statusOf(second);
        QCOMPARE(secondStatus.state, RunState::Succeeded);
        QVERIFY2(
            secondStatus.startedAt >= firstStatus.finishedAt,
            qPrintable(isoTime(secondStatus.startedAt) + " < " + isoTime(firstStatus.finishedAt)));
        QVERIFY(QFileInfo::exists(slotDirectory.filePath("slot-0.lock")));
    }

    void cancellingAWaitingJobAndKillingAHolderLeakNoSlot() {
        QTemporaryDir slotDirectory;
        const QStringList oneSlot{"--slots", slotDirectory.path(), "--max", "1"};
        const QString holder = createRun("sleep", {{"seconds", 60}});
        const QString waiter = createRun("generate", {{"size", 8}});
        const auto holderProcess = startJob(holder, oneSlot);
        QVERIFY(waitUntil([&] { return statusOf(holder).state == RunState::Running; }, 10000));
        const auto waiterProcess = startJob(waiter, oneSlot);
        QVERIFY(waitUntil([&] { return statusOf(waiter).detail.startsWith("waiting"); }, 5000));
        waiterProcess->terminate();
        QCOMPARE(finish(*waiterProcess, 5000).exitCode, 143);
        QCOMPARE(statusOf(waiter).state, RunState::Cancelled);
        QVERIFY2(statusOf(waiter).detail.contains("while waiting for a local slot"),
                 qPrintable(statusOf(waiter).detail));

        // SIGKILL: no handler runs, only the kernel can release the lock.
        holderProcess->kill();
        holderProcess->waitForFinished();
        const QString next = createRun("generate", {{"size", 8}});
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(runJob(next, oneSlot).exitCode, 0);
        QVERIFY2(clock.elapsed() < 5000, "the killed job's slot was not released");
    }

    void sumChainsARunIdInput() {
        const QString generate =
            createRun("generate", {{"size", 8}, {"amplitude", 2.0}, {"pattern", "gradient"}});
        QCOMPARE(runJob(generate).exitCode, 0);
        const QString generateId = RunDirectory::open(generate).runId();

        const QString sum = createRun("sum", {}, {generateId});
        const Outcome outcome = runJob(sum);
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QJsonObject result =
            QJsonDocument::fromJson(twins::testing::readBytes(sum + "/outputs/sum.json")).object();
        QCOMPARE(result.value("sum").toDouble(), 64.0); // 64 cells, mean 1 K
        QCOMPARE(RunDirectory::open(sum).metrics().points[0].name, QString("sum"));
        QVERIFY(
            logOf(sum).contains(QString("input 1: %1 -> %2/outputs").arg(generateId, generate)));
        QVERIFY(twins::testing::readBytes(sum + "/prov.json").contains(generateId.toUtf8()));

        // The same file by a path relative to the run directory.
        const QString relative =
            createRun("sum", {}, {QString("../%1/outputs/field.nc").arg(generateId)});
        QCOMPARE(runJob(relative).exitCode, 0);
    }

    void badInputsFailNamingTheInput() {
        const QString missingRun = createRun("sum", {}, {newRunId()});
        QCOMPARE(runJob(missingRun).exitCode, 1);
        QVERIFY2(statusOf(missingRun).detail.contains("no run"),
                 qPrintable(statusOf(missingRun).detail));

        const QString failed = createRun("fail");
        QCOMPARE(runJob(failed).exitCode, 1);
        const QString fromFailed = createRun("sum", {}, {RunDirectory::open(failed).runId()});
        QCOMPARE(runJob(fromFailed).exitCode, 1);
        QVERIFY2(statusOf(fromFailed).detail.contains("has not succeeded (state failed)"),
                 qPrintable(statusOf(fromFailed).detail));

        const QString noInput = createRun("sum");
        QCOMPARE(runJob(noInput).exitCode, 1);
        QVERIFY2(statusOf(noInput).detail.contains("needs exactly one input"),
                 qPrintable(statusOf(noInput).detail));

        const QString notAField = createRun("sum", {}, {"spec.json"});
        QCOMPARE(runJob(notAField).exitCode, 1);
        QVERIFY2(statusOf(notAField).detail.contains("spec.json"),
                 qPrintable(statusOf(notAField).detail));

        const QString otherFile = m_root.filePath("other.nc");
        {
            twins::data::NetcdfWriter writer(otherFile.toStdString());
            writer.addDimension("x", 2);
            writer.addVariable("temperature", twins::data::NetcdfWriter::Type::Double, {"x"});
            const double values[] = {1.0, 2.0};
            writer.write("temperature", {0}, {2}, values);
            writer.commit();
        }
        const QString noField = createRun("sum", {}, {otherFile});
        QCOMPARE(runJob(noField).exitCode, 1);
        QVERIFY2(statusOf(noField).detail.contains("has no variable 'field'"),
                 qPrintable(statusOf(noField).detail));
    }
};

QTEST_GUILESS_MAIN(JobCommandTest)
#include "JobCommandTest.moc"
