#include "twinbench/jobs/InputResolution.h"

#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>

namespace twins::jobs {

namespace {

QString resolveRunIdInput(const runs::RunDirectory& run, const QString& input) {
    const QString source = QStringLiteral("input '%1'").arg(input);
    const QString upstreamPath = QFileInfo(run.path()).dir().filePath(input);
    const QString outputs = upstreamPath + QStringLiteral("/outputs");
    if (!QFileInfo(outputs).isDir()) {
        throw sdk::SdkError(source, QStringLiteral("no run %1 beside this run (expected the "
                                                   "directory %2)")
                                        .arg(input, outputs));
    }
    runs::RunState state;
    try {
        state = runs::RunDirectory::open(upstreamPath).status().state;
    } catch (const runs::RunError& error) {
        throw sdk::SdkError(source,
                            QStringLiteral("cannot read run %1: %2").arg(input, error.message()));
    }
    if (state != runs::RunState::Succeeded) {
        throw sdk::SdkError(source, QStringLiteral("run %1 has not succeeded (state %2); only a "
                                                   "succeeded run's outputs can be used")
                                        .arg(input, runs::runStateName(state)));
    }
    return QFileInfo(outputs).absoluteFilePath();
}

} // namespace

QStringList resolveRunInputs(const runs::RunDirectory& run, const QStringList& inputs) {
    QStringList resolved;
    for (const QString& input : inputs) {
        if (input.trimmed().isEmpty()) {
            throw sdk::SdkError(QStringLiteral("input %1").arg(resolved.size() + 1),
                                QStringLiteral("is empty; expected a path or a run id"));
        }
        if (runs::isRunId(input)) {
            resolved.append(resolveRunIdInput(run, input));
            continue;
        }
        const QString path = QDir::isAbsolutePath(input)
                                 ? QDir::cleanPath(input)
                                 : QDir::cleanPath(QDir(run.path()).filePath(input));
        if (!QFileInfo::exists(path)) {
            throw sdk::SdkError(QStringLiteral("input '%1'").arg(input),
                                QStringLiteral("does not exist (resolved to %1%2)")
                                    .arg(path, QDir::isAbsolutePath(input)
                                                   ? QString()
                                                   : QStringLiteral(", relative to the run "
                                                                    "directory")));
        }
        resolved.append(path);
    }
    return resolved;
}

} // namespace twins::jobs
