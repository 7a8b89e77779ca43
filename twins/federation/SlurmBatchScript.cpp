#include "twinbench/federation/SlurmBatchScript.h"

#include "twinbench/federation/CommandRunner.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/RunResources.h"
#include "twinbench/runs/AtomicJson.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace twins::federation {

namespace {

QString jobNameFor(const QString& runDirectory) {
    QString name = QStringLiteral("tb");
    try {
        const auto spec = twins::runs::RunDirectory::open(runDirectory).spec();
        name += QLatin1Char('-') + spec.moduleId + QLatin1Char('-') + spec.action;
    } catch (const twins::runs::RunError&) {
        // The name is cosmetic; the worker reports an unreadable spec itself.
    }
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]"));
    return name.replace(unsafe, QStringLiteral("_"));
}

void writeScript(const QString& backend, const QString& runId, const QString& path,
                 const QString& text) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        throw FederationError(QStringLiteral("%1: cannot write the batch script %2 for run %3: %4")
                                  .arg(backend, path, runId, file.errorString()));
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                    QFile::ReadGroup | QFile::ReadOther);
}

} // namespace

SlurmBatchJob writeSingleRunBatchJob(const QString& backend, const QString& workerExecutable,
                                     const BackendJob& job) {
    SlurmBatchJob batch;
    batch.jobName = jobNameFor(job.runDirectory);
    batch.workingDirectory = job.runDirectory;
    batch.scriptPath = QDir(job.runDirectory).filePath(QStringLiteral("slurm-job.sh"));
    batch.outputPattern = QDir(job.runDirectory).filePath(QStringLiteral("slurm-%j.out"));
    // exec: the worker becomes the batch step's process, so scancel's SIGTERM reaches it
    // directly and it records "cancelled" itself.
    batch.script = QStringLiteral("#!/bin/bash\n"
                                  "# Twinbench run %1, submitted to SLURM by Twinbench.\n"
                                  "exec %2 job %3\n")
                       .arg(job.runId, shellQuote(workerExecutable), shellQuote(job.runDirectory));
    writeScript(backend, job.runId, batch.scriptPath, batch.script);
    const sdk::ActionResources resources = runResources(job.runDirectory);
    batch.cpusPerTask = resources.cpus;
    batch.memoryMiB = resources.memoryMiB;
    return batch;
}

SlurmBatchJob writeArrayBatchJob(const QString& backend, const QString& workerExecutable,
                                 const QList<BackendJob>& jobs) {
    if (jobs.isEmpty()) {
        throw FederationError(
            QStringLiteral("%1: a job array needs at least one run").arg(backend));
    }
    const QString runsRoot = QFileInfo(jobs.first().runDirectory).absolutePath();
    const QString directory =
        QDir(runsRoot).filePath(QStringLiteral(".slurm-arrays/") + jobs.first().runId);
    if (!QDir().mkpath(directory)) {
        throw FederationError(QStringLiteral("%1: cannot create %2 for the sweep of run %3")
                                  .arg(backend, directory, jobs.first().runId));
    }
    QString list;
    for (const BackendJob& job : jobs) {
        if (job.runDirectory.contains(QLatin1Char('\n'))) {
            throw FederationError(QStringLiteral("%1: run directory of %2 contains a newline")
                                      .arg(backend, job.runId));
        }
        list += job.runDirectory + QLatin1Char('\n');
    }
    const QString listPath = QDir(directory).filePath(QStringLiteral("runs.txt"));
    writeScript(backend, jobs.first().runId, listPath, list);

    SlurmBatchJob batch;
    batch.jobName = jobNameFor(jobs.first().runDirectory) + QStringLiteral("-sweep");
    batch.workingDirectory = directory;
    batch.scriptPath = QDir(directory).filePath(QStringLiteral("array-job.sh"));
    batch.outputPattern = QDir(directory).filePath(QStringLiteral("slurm-%A_%a.out"));
    batch.arraySize = static_cast<int>(jobs.size());
    batch.script =
        QStringLiteral(
            "#!/bin/bash\n"
            "# Twinbench parameter sweep: array task N runs the run directory on line N+1 of\n"
            "# %1.\n"
            "run_directory=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" %1)\n"
            "if [ -z \"$run_directory\" ]; then\n"
            "    echo \"twinbench: no run directory for array task $SLURM_ARRAY_TASK_ID in \"%1 "
            ">&2\n"
            "    exit 1\n"
            "fi\n"
            "cd \"$run_directory\" || exit 1\n"
            "exec >>\"$run_directory/slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}.out\" "
            "2>&1\n"
            "exec %2 job \"$run_directory\"\n")
            .arg(shellQuote(listPath), shellQuote(workerExecutable));
    writeScript(backend, jobs.first().runId, batch.scriptPath, batch.script);
    // One allocation size for every task: the largest any point asks for (a sweep over the
    // action's cpus_parameter asks for different counts).
    for (const BackendJob& job : jobs) {
        const sdk::ActionResources resources = runResources(job.runDirectory);
        batch.cpusPerTask = std::max(batch.cpusPerTask, resources.cpus);
        batch.memoryMiB = std::max(batch.memoryMiB, resources.memoryMiB);
    }
    return batch;
}

QString writeSlurmBackendFile(const QString& runDirectory, const QString& backend,
                              const QString& jobId) {
    try {
        twins::runs::writeJsonFileAtomically(
            QDir(runDirectory).filePath(QStringLiteral("backend.json")),
            QJsonObject{{QStringLiteral("backend"), backend}, {QStringLiteral("jobId"), jobId}});
        return {};
    } catch (const twins::runs::RunError& error) {
        return error.message();
    }
}

} // namespace twins::federation
