#include "twinbench/federation/CommandRunner.h"

#include <QProcess>

namespace twins::federation {

QString CommandResult::failureText() const {
    if (!started) {
        return errorText;
    }
    if (timedOut) {
        return QStringLiteral("no answer within %1 s").arg(timeout.count() / 1000.0);
    }
    QString text = QString::fromLocal8Bit(standardError).trimmed();
    if (text.isEmpty()) {
        text = QString::fromLocal8Bit(standardOutput).trimmed();
    }
    if (text.isEmpty()) {
        text = QStringLiteral("exit status %1").arg(exitCode);
    }
    return text;
}

CommandResult runCommand(const QStringList& commandLine, std::chrono::milliseconds timeout) {
    CommandResult result;
    result.timeout = timeout;
    if (commandLine.isEmpty()) {
        result.errorText = QStringLiteral("empty command line");
        return result;
    }
    QProcess process;
    process.setProgram(commandLine.first());
    process.setArguments(commandLine.mid(1));
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    if (!process.waitForStarted(static_cast<int>(timeout.count()))) {
        result.errorText =
            QStringLiteral("cannot run %1: %2").arg(commandLine.first(), process.errorString());
        return result;
    }
    result.started = true;
    if (!process.waitForFinished(static_cast<int>(timeout.count()))) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(2000);
    }
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    if (!result.timedOut) {
        result.exitCode =
            process.exitStatus() == QProcess::NormalExit ? process.exitCode() : 128 + 9;
    }
    return result;
}

QString shellQuote(const QString& text) {
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace twins::federation
