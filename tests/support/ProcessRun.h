#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Running a program (twinbench, twinbench-run, python3, ffprobe) from a test and keeping what it
// said, so a failed check can show it. Shared by the suites instead of a QProcess block each.
namespace twins::testing {

struct ProcessOutcome {
    int exitCode = -1; // -1 when it did not start, crashed or timed out
    QByteArray output; // standard output
    QString errors;    // standard error, or why there is no exit code

    bool succeeded() const { return exitCode == 0; }
};

inline ProcessOutcome
runProcess(const QString& program, const QStringList& arguments, int timeoutMs = 180000,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, process.readAllStandardOutput(),
                QStringLiteral("%1 did not finish within %2 s or failed to start (%3); it said: %4")
                    .arg(program)
                    .arg(timeoutMs / 1000)
                    .arg(process.errorString(), QString::fromUtf8(process.readAllStandardError()))};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace twins::testing
