// The process mechanics of the local executor: a detached process in its own session, seen
// alive through /proc with its start time, dead once it exits (even as an unreaped zombie),
// not confused with a different start time; exec failures reported; commands with timeouts;
// shell quoting that survives a real shell.
#include "twinbench/federation/CommandRunner.h"
#include "twinbench/federation/DetachedProcess.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/ProcessTable.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <unistd.h>

using namespace twins::federation;

namespace {

bool waitDead(pid_t pid, quint64 start, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (isProcessAlive(pid, start)) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QThread::msleep(10);
    }
    return true;
}

} // namespace

class FederationProcessTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;

private slots:
    void ownProcessIsAlive() {
        const auto info = readProcessInfo(::getpid());
        QVERIFY(info.has_value());
        QVERIFY(info->startTimeTicks > 0);
        QVERIFY(isProcessAlive(::getpid(), info->startTimeTicks));
        // Same pid, other start time: a later process reusing the pid is not ours.
        QVERIFY(!isProcessAlive(::getpid(), info->startTimeTicks + 1));
        QVERIFY(!readProcessInfo(0).has_value());
    }

    void detachedProcessRunsInItsOwnSessionAndIsSeenDead() {
        const QString output = m_directory.filePath("sleep.out");
        const pid_t pid = startDetachedProcess("/bin/sh", {"-c", "echo started; exec sleep 30"},
                                               m_directory.path(), output);
        QVERIFY(pid > 0);
        const auto info = readProcessInfo(pid);
        QVERIFY(info.has_value());
        QVERIFY(isProcessAlive(pid, info->startTimeTicks));
        QCOMPARE(::getsid(pid), pid); // its own session: the starter's death does not reach it
        QCOMPARE(::getpgid(pid), pid);
        QCOMPARE(::kill(-pid, SIGKILL), 0); // its process group
        QVERIFY2(waitDead(pid, info->startTimeTicks, 3000), "a killed process still looks alive");
        QVERIFY(QFile(output).open(QIODevice::ReadOnly));
    }

    void outputGoesToTheFile() {
        const QString output = m_directory.filePath("echo.out");
        const pid_t pid =
            startDetachedProcess("/bin/sh", {"-c", "echo out; echo err >&2"}, {}, output);
        const auto info = readProcessInfo(pid);
        QVERIFY(waitDead(pid, info ? info->startTimeTicks : 0, 3000));
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("out\nerr\n"));
    }

    void missingProgramIsReported() {
        try {
            startDetachedProcess("/nonexistent/twinbench-run", {}, {},
                                 m_directory.filePath("none.out"));
            QFAIL("starting a missing program did not throw");
        } catch (const FederationError& error) {
            QVERIFY2(error.message().contains("/nonexistent/twinbench-run") &&
                         error.message().contains("No such file"),
                     qPrintable(error.message()));
        }
    }

    void commandTimeoutIsReported() {
        QElapsedTimer timer;
        timer.start();
        const CommandResult result = runCommand({"sleep", "10"}, std::chrono::milliseconds(300));
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY(result.started);
        QVERIFY(result.timedOut);
        QVERIFY(!result.succeeded());
        QVERIFY2(result.failureText().contains("no answer within 0.3 s"),
                 qPrintable(result.failureText()));
    }

    void commandFailureCarriesStderr() {
        const CommandResult result = runCommand(
            {"sh", "-c", "echo 'sbatch: error: bad' >&2; exit 1"}, std::chrono::seconds(5));
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.failureText(), QStringLiteral("sbatch: error: bad"));
        const CommandResult missing = runCommand({"/nonexistent/sbatch"}, std::chrono::seconds(5));
        QVERIFY(!missing.started);
        QVERIFY(missing.failureText().contains("/nonexistent/sbatch"));
    }

    void shellQuotingSurvivesAShell() {
        const QString nasty = QStringLiteral("a b'c\"$HOME`x`;\\n");
        const CommandResult result =
            runCommand({"sh", "-c", QStringLiteral("printf %s %1").arg(shellQuote(nasty))},
                       std::chrono::seconds(5));
        QCOMPARE(QString::fromUtf8(result.standardOutput), nasty);
    }
};

QTEST_GUILESS_MAIN(FederationProcessTest)
#include "FederationProcessTest.moc"
