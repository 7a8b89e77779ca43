// The worker's last resort (app/twinbench-run/UnexpectedErrors.h), through the real
// `twinbench-run job RUNDIR` and the test twin's fail action: an exception that is not a
// std::runtime_error, and exceptions escaping a thread of the action (std::terminate), each
// end in one line on stderr naming what was thrown, exit status 1 (not a signal), and the run
// failed with that detail in status.json and log.txt - never a run left "running".
#include "TestFiles.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunId.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace twins::runs;

class WorkerUnexpectedErrorTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;

    QString createFailRun(const QString& exception, const QString& message) {
        RunSpec spec = RunSpec::forCurrentBuild("testtwin", "fail", "local");
        spec.parameters = {{"exception", exception}, {"message", message}};
        const QString id = newRunId();
        return RunDirectory::create(m_root.filePath(id), id, spec).path();
    }

    // Runs the job; returns its stderr lines, with the exit status in `exitCode` (-1 when it
    // died of a signal).
    QStringList runJob(const QString& run, int& exitCode) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TWINBENCH_PLUGIN_PATH", TWINBENCH_TEST_PLUGIN_DIR);
        process.setProcessEnvironment(environment);
        process.start(TWINBENCH_WORKER_EXECUTABLE, {"job", run});
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
        }
        exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        return QString::fromUtf8(process.readAllStandardError()).trimmed().split('\n');
    }

private slots:
    void initTestCase() { QVERIFY(m_root.isValid()); }

    void everyKindOfExceptionEndsInAFailedRun_data() {
        QTest::addColumn<QString>("exception");
        QTest::addColumn<QString>("detail"); // what status.json's detail must contain
        QTest::newRow("logic_error") << "logic_error"
                                     << "tensor shapes differ";
        QTest::newRow("logic_error in a thread")
            << "logic_error_in_thread"
            << "unexpected error: std::logic_error: tensor shapes differ";
        QTest::newRow("int in a thread")
            << "integer_in_thread"
            << "unexpected error: an exception that is not a std::exception (int)";
    }
    void everyKindOfExceptionEndsInAFailedRun() {
        QFETCH(QString, exception);
        QFETCH(QString, detail);
        const QString run = createFailRun(exception, "tensor shapes differ");
        int exitCode = 0;
        const QStringList errors = runJob(run, exitCode);
        QVERIFY2(exitCode == 1,
                 qPrintable(QString("exit %1: %2").arg(exitCode).arg(errors.join('\n'))));
        // The last line says it all, on one line; no "terminate called" from the C++ runtime.
        QVERIFY2(errors.last().contains(detail), qPrintable(errors.join('\n')));
        QVERIFY2(!errors.join('\n').contains("terminate called"), qPrintable(errors.join('\n')));

        const RunStatus status = RunDirectory::open(run).status();
        QCOMPARE(status.state, RunState::Failed);
        QVERIFY2(status.detail.contains(detail), qPrintable(status.detail));
        QCOMPARE(status.exitCode, std::optional<int>(1));
        const QString log = QString::fromUtf8(twins::testing::readBytes(run + "/log.txt"));
        QVERIFY2(log.trimmed().split('\n').last().contains("job failed: "), qPrintable(log));
        QVERIFY2(log.contains(detail), qPrintable(log));
    }
};

QTEST_GUILESS_MAIN(WorkerUnexpectedErrorTest)
#include "WorkerUnexpectedErrorTest.moc"
