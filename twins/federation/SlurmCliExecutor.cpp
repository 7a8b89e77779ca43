#include "twinbench/federation/SlurmCliExecutor.h"

#include "twinbench/federation/CommandRunner.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/SlurmBatchScript.h"

#include <QRegularExpression>

namespace twins::federation {

namespace {

constexpr char backendName[] = "slurm";

// The twin's declared resources (SlurmBatchJob) as sbatch options; none when undeclared.
QStringList resourceFlags(const SlurmBatchJob& batch) {
    QStringList flags;
    if (batch.cpusPerTask > 0) {
        flags << QStringLiteral("--cpus-per-task=%1").arg(batch.cpusPerTask);
    }
    if (batch.memoryMiB > 0) {
        flags << QStringLiteral("--mem=%1M").arg(batch.memoryMiB);
    }
    return flags;
}

// The messages of SLURM clients that mean "could not talk to slurmctld", as opposed to "the
// controller answered no".
bool meansControllerUnreachable(const CommandResult& result) {
    if (!result.started || result.timedOut) {
        return true;
    }
    const QByteArray error = result.standardError;
    return error.contains("Unable to contact slurm controller") ||
           error.contains("Socket timed out") || error.contains("Connection refused") ||
           error.contains("Zero Bytes were transmitted") || error.contains("Could not resolve");
}

QString unreachableText(const CommandResult& result) {
    return QStringLiteral("SLURM controller unreachable: %1").arg(result.failureText());
}

} // namespace

SlurmCliExecutor::SlurmCliExecutor(Options options) : m_options(std::move(options)) {}

QString SlurmCliExecutor::name() const {
    return QString::fromLatin1(backendName);
}

QStringList SlurmCliExecutor::commandLine(const QStringList& toolAndArguments) const {
    if (m_options.sshHost.isEmpty()) {
        return toolAndArguments;
    }
    // ssh joins its arguments into one string for the remote shell: quote each one.
    QStringList quoted;
    for (const QString& argument : toolAndArguments) {
        quoted << shellQuote(argument);
    }
    return {QStringLiteral("ssh"),
            QStringLiteral("-o"),
            QStringLiteral("BatchMode=yes"),
            QStringLiteral("-o"),
            QStringLiteral("ConnectTimeout=5"),
            m_options.sshHost,
            QStringLiteral("--"),
            quoted.join(QLatin1Char(' '))};
}

QString SlurmCliExecutor::sbatch(const QStringList& arguments, const QString& runId) {
    QStringList command{QStringLiteral("sbatch"), QStringLiteral("--parsable")};
    if (!m_options.partition.isEmpty()) {
        command << QStringLiteral("--partition=") + m_options.partition;
    }
    command << m_options.extraSbatchFlags << arguments;
    const CommandResult result = runCommand(commandLine(command), m_options.commandTimeout);
    if (!result.succeeded()) {
        throw FederationError(QStringLiteral("slurm: cannot submit run %1: %2")
                                  .arg(runId, meansControllerUnreachable(result)
                                                  ? unreachableText(result)
                                                  : result.failureText()));
    }
    // --parsable prints "jobid" or "jobid;cluster".
    const QString jobId =
        QString::fromLocal8Bit(result.standardOutput).trimmed().section(';', 0, 0);
    static const QRegularExpression number(QStringLiteral("^[0-9]+$"));
    if (!number.match(jobId).hasMatch()) {
        throw FederationError(QStringLiteral("slurm: sbatch for run %1 printed no job id: '%2'")
                                  .arg(runId, QString::fromLocal8Bit(result.standardOutput)));
    }
    return jobId;
}

QString SlurmCliExecutor::submit(const BackendJob& job) {
    const SlurmBatchJob batch = writeSingleRunBatchJob(name(), m_options.workerExecutable, job);
    const QString jobId = sbatch(
        resourceFlags(batch) + QStringList{QStringLiteral("--job-name=") + batch.jobName,
                                           QStringLiteral("--output=") + batch.outputPattern,
                                           QStringLiteral("--chdir=") + batch.workingDirectory,
                                           batch.scriptPath},
        job.runId);
    writeSlurmBackendFile(job.runDirectory, name(), jobId);
    return jobId;
}

QStringList SlurmCliExecutor::submitArray(const QList<BackendJob>& jobs) {
    const SlurmBatchJob batch = writeArrayBatchJob(name(), m_options.workerExecutable, jobs);
    const QString jobId = sbatch(
        resourceFlags(batch) + QStringList{QStringLiteral("--array=0-%1").arg(batch.arraySize - 1),
                                           QStringLiteral("--job-name=") + batch.jobName,
                                           QStringLiteral("--output=") + batch.outputPattern,
                                           QStringLiteral("--chdir=") + batch.workingDirectory,
                                           batch.scriptPath},
        jobs.first().runId);
    QStringList ids;
    for (qsizetype task = 0; task < jobs.size(); ++task) {
        ids << QStringLiteral("%1_%2").arg(jobId).arg(task);
        writeSlurmBackendFile(jobs[task].runDirectory, name(), ids.last());
    }
    return ids;
}

std::optional<QList<SlurmJobRecord>> SlurmCliExecutor::completedJobLog() {
    if (m_jobCompletionLog.isEmpty()) {
        const CommandResult config =
            runCommand(commandLine({QStringLiteral("scontrol"), QStringLiteral("show"),
                                    QStringLiteral("config")}),
                       m_options.commandTimeout);
        if (!config.succeeded()) {
            return std::nullopt;
        }
        static const QRegularExpression location(QStringLiteral("^JobCompLoc\\s*=\\s*(\\S+)"),
                                                 QRegularExpression::MultilineOption);
        const auto match = location.match(QString::fromLocal8Bit(config.standardOutput));
        if (!match.hasMatch() || !match.captured(1).startsWith(QLatin1Char('/'))) {
            return std::nullopt; // no file-based job completion log on this cluster
        }
        m_jobCompletionLog = match.captured(1);
    }
    const CommandResult log = runCommand(commandLine({QStringLiteral("cat"), m_jobCompletionLog}),
                                         m_options.commandTimeout);
    if (!log.succeeded()) {
        return std::nullopt;
    }
    return parseSlurmKeyValueJobs(log.standardOutput);
}

QHash<QString, BackendObservation> SlurmCliExecutor::query(const QList<BackendJob>& jobs) {
    QHash<QString, BackendObservation> observations;
    if (jobs.isEmpty()) {
        return observations;
    }
    const CommandResult result =
        runCommand(commandLine({QStringLiteral("scontrol"), QStringLiteral("show"),
                                QStringLiteral("job"), QStringLiteral("-o")}),
                   m_options.commandTimeout);
    if (!result.succeeded()) {
        BackendObservation unreachable;
        unreachable.reachable = false;
        unreachable.detail =
            meansControllerUnreachable(result)
                ? unreachableText(result)
                : QStringLiteral("scontrol show job failed: %1").arg(result.failureText());
        for (const BackendJob& job : jobs) {
            observations.insert(job.runId, unreachable);
        }
        return observations;
    }
    const QList<SlurmJobRecord> live = parseSlurmKeyValueJobs(result.standardOutput);
    std::optional<QList<SlurmJobRecord>> completed;
    bool completedRead = false;
    for (const BackendJob& job : jobs) {
        auto record = findSlurmJob(live, job.backendJobId);
        if (!record) {
            // Older than MinJobAge, or the controller restarted without its state.
            if (!completedRead) {
                completed = completedJobLog();
                completedRead = true;
            }
            if (completed) {
                record = findSlurmJob(*completed, job.backendJobId);
            }
        }
        if (record) {
            observations.insert(job.runId, observeSlurmJob(*record));
        } else {
            BackendObservation unknown;
            unknown.detail = QStringLiteral("SLURM has no record of job %1").arg(job.backendJobId);
            observations.insert(job.runId, unknown);
        }
    }
    return observations;
}

void SlurmCliExecutor::cancel(const BackendJob& job) {
    const CommandResult result = runCommand(
        commandLine({QStringLiteral("scancel"), job.backendJobId}), m_options.commandTimeout);
    if (result.succeeded()) {
        return;
    }
    const QByteArray error = result.standardError;
    if (error.contains("already completing or completed") || error.contains("Invalid job id")) {
        return; // it ended on its own; refresh() will read how
    }
    throw FederationError(QStringLiteral("slurm: cannot cancel run %1 (job %2): %3")
                              .arg(job.runId, job.backendJobId,
                                   meansControllerUnreachable(result) ? unreachableText(result)
                                                                      : result.failureText()));
}

} // namespace twins::federation
