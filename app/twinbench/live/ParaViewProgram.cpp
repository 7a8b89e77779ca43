#include "live/ParaViewProgram.h"

#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace twins::app {

QStringList paraViewCandidates() {
    const QString explicitPath = qEnvironmentVariable("TWINBENCH_PARAVIEW");
    if (!explicitPath.isEmpty()) {
        return {explicitPath};
    }
    QStringList candidates;
    if (const QString onPath = QStandardPaths::findExecutable(QStringLiteral("paraview"));
        !onPath.isEmpty()) {
        candidates << onPath;
    }
    candidates << QStringLiteral(TWINBENCH_BUILD_DIR "/paraview/prefix/usr/bin/paraview");
    return candidates;
}

ParaViewProgram findParaViewProgram() {
    ParaViewProgram program;
    QStringList problems;
    for (const QString& candidate : paraViewCandidates()) {
        if (!QFileInfo(candidate).isExecutable()) {
            problems << QStringLiteral("%1: not there").arg(candidate);
            continue;
        }
        QProcess process;
        process.start(candidate, {QStringLiteral("--version")});
        if (!process.waitForFinished(20000)) {
            process.kill();
            process.waitForFinished(2000);
            problems << QStringLiteral("%1: did not answer --version within 20 s").arg(candidate);
            continue;
        }
        const QString output = QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
        const QString errors = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            problems << QStringLiteral("%1 does not start: %2")
                            .arg(candidate,
                                 errors.isEmpty()
                                     ? QStringLiteral("exit code %1").arg(process.exitCode())
                                     : errors.section(QLatin1Char('\n'), 0, 0));
            continue;
        }
        program.path = candidate;
        program.version = output.section(QLatin1Char('\n'), 0, 0);
        return program;
    }
    program.problem = problems.join(QStringLiteral("; "));
    return program;
}

QStringList paraViewArguments(const QStringList& dataFiles) {
    // ParaView opens "name_..ext" as the series of files "name_<number>.ext".
    static const QRegularExpression numbered(QStringLiteral("^(.*\\D)(\\d+)(\\.[A-Za-z]+)$"));
    QMap<QString, int> series; // pattern -> number of files
    QStringList singles;
    for (const QString& file : dataFiles) {
        const QRegularExpressionMatch match = numbered.match(file);
        if (match.hasMatch()) {
            series[match.captured(1) + QLatin1Char('.') + match.captured(3)] += 1;
        } else {
            singles << file;
        }
    }
    QStringList arguments;
    for (auto it = series.begin(); it != series.end(); ++it) {
        arguments << QStringLiteral("--data=") + it.key();
    }
    for (const QString& file : singles) {
        arguments << QStringLiteral("--data=") + file;
    }
    return arguments;
}

} // namespace twins::app
