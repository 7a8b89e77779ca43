#include "twinbench/federation/SlurmRestExecutor.h"

#include "twinbench/federation/BlockingHttp.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/SecretDestination.h"
#include "twinbench/federation/SlurmBatchScript.h"
#include "twinbench/federation/SlurmJobTable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <pwd.h>
#include <unistd.h>

namespace twins::federation {

namespace {

constexpr char backendName[] = "slurm-rest";
constexpr char apiPrefix[] = "/slurm/v0.0.38";

QString localUserName() {
    if (const passwd* entry = ::getpwuid(::geteuid())) {
        return QString::fromLocal8Bit(entry->pw_name);
    }
    return qEnvironmentVariable("USER");
}

// slurmrestd requires an environment; unlike sbatch it does not copy the submitter's. Pass
// what the worker needs to find itself and its plugins, nothing else (a remote cluster has no
// business with the rest of a desktop session's environment).
// The twin's declared resources (SlurmBatchJob) as v0.0.38 job properties; none when undeclared.
void insertResources(QJsonObject& description, const SlurmBatchJob& batch) {
    if (batch.cpusPerTask > 0) {
        description.insert(QStringLiteral("cpus_per_task"), batch.cpusPerTask);
    }
    if (batch.memoryMiB > 0) {
        description.insert(QStringLiteral("memory_per_node"), batch.memoryMiB); // MB
    }
}

QJsonObject jobEnvironment() {
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    QJsonObject environment{
        {QStringLiteral("PATH"),
         system.value(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"))}};
    for (const QString& key : system.keys()) {
        if (key.startsWith(QLatin1String("TWINBENCH_")) || key == QLatin1String("HOME") ||
            key == QLatin1String("LANG") || key == QLatin1String("LD_LIBRARY_PATH")) {
            environment.insert(key, system.value(key));
        }
    }
    return environment;
}

// The error list slurmrestd puts in its answers, as one line.
QString slurmErrors(const QJsonObject& answer) {
    QStringList messages;
    for (const QJsonValue& error : answer.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject object = error.toObject();
        QString text = object.value(QStringLiteral("error")).toString();
        if (text.isEmpty()) {
            text = object.value(QStringLiteral("description")).toString();
        }
        const int number = object.value(QStringLiteral("error_number")).toInt();
        messages << (number ? QStringLiteral("%1 (error %2)").arg(text).arg(number) : text);
    }
    return messages.join(QStringLiteral("; "));
}

QString replyFailure(const HttpReply& reply) {
    if (!reply.answered) {
        return reply.errorText;
    }
    const QString errors = slurmErrors(QJsonDocument::fromJson(reply.body).object());
    return QStringLiteral("HTTP %1 %2%3")
        .arg(reply.status)
        .arg(reply.errorText, errors.isEmpty() ? QString() : QStringLiteral(": ") + errors);
}

SlurmJobRecord recordFromRest(const QJsonObject& job) {
    SlurmJobRecord record;
    record.jobId = QString::number(job.value(QStringLiteral("job_id")).toInteger());
    const qint64 arrayJob = job.value(QStringLiteral("array_job_id")).toInteger();
    if (arrayJob > 0) {
        record.arrayJobId = QString::number(arrayJob);
        const QJsonValue task = job.value(QStringLiteral("array_task_id"));
        const QString pendingTasks = job.value(QStringLiteral("array_task_string")).toString();
        record.arrayTaskSpec = pendingTasks.isEmpty() && task.isDouble()
                                   ? QString::number(task.toInteger())
                                   : pendingTasks;
    }
    record.state = job.value(QStringLiteral("job_state")).toString();
    record.reason = job.value(QStringLiteral("state_reason")).toString();
    // exit_code is the raw wait status (exit 3 reads 768).
    const QJsonValue exit = job.value(QStringLiteral("exit_code"));
    if (exit.isDouble()) {
        const int raw = exit.toInt();
        record.exitCode = (raw >> 8) & 0xff;
        record.exitSignal = raw & 0x7f;
    }
    return record;
}

} // namespace

SlurmRestExecutor::SlurmRestExecutor(Options options, std::unique_ptr<SlurmTokenSource> tokens)
    : m_options(std::move(options)), m_tokens(std::move(tokens)) {
    if (m_options.userName.isEmpty()) {
        m_options.userName = localUserName();
    }
}

SlurmRestExecutor::~SlurmRestExecutor() = default;

QString SlurmRestExecutor::name() const {
    return QString::fromLatin1(backendName);
}

HttpReply SlurmRestExecutor::request(const QByteArray& method, const QString& path,
                                     const QByteArray& body) {
    QUrl url = m_options.baseUrl;
    url.setPath(url.path() + QString::fromLatin1(apiPrefix) + path);
    // Before the token is even fetched: it goes only where SecretDestination.h allows.
    requireSecretDestination(url, QString::fromLatin1(backendName),
                             QStringLiteral("the SLURM JWT"));
    HttpReply reply;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const HttpHeaders headers{{"X-SLURM-USER-NAME", m_options.userName.toUtf8()},
                                  {"X-SLURM-USER-TOKEN", m_tokens->token().toUtf8()}};
        reply = blockingHttpRequest(method, url, headers, body, m_options.requestTimeout);
        if (!reply.answered || reply.status != 401) {
            break;
        }
        m_tokens->invalidate(); // expired or revoked: one retry with a fresh token
    }
    return reply;
}

QString SlurmRestExecutor::submitJob(const QJsonObject& job, const QString& script,
                                     const QString& runId) {
    const QJsonObject payload{{QStringLiteral("script"), script}, {QStringLiteral("job"), job}};
    HttpReply reply;
    try {
        reply = request("POST", QStringLiteral("/job/submit"),
                        QJsonDocument(payload).toJson(QJsonDocument::Compact));
    } catch (const FederationError& error) {
        throw FederationError(
            QStringLiteral("slurm-rest: cannot submit run %1: %2").arg(runId, error.message()));
    }
    const QJsonObject answer = QJsonDocument::fromJson(reply.body).object();
    const QJsonValue jobId = answer.value(QStringLiteral("job_id"));
    if (!reply.answered || reply.status != 200 || !jobId.isDouble()) {
        throw FederationError(QStringLiteral("slurm-rest: cannot submit run %1 to %2: %3")
                                  .arg(runId, m_options.baseUrl.toString(), replyFailure(reply)));
    }
    return QString::number(jobId.toInteger());
}

QString SlurmRestExecutor::submit(const BackendJob& job) {
    const SlurmBatchJob batch = writeSingleRunBatchJob(name(), m_options.workerExecutable, job);
    QJsonObject description{{QStringLiteral("name"), batch.jobName},
                            {QStringLiteral("current_working_directory"), batch.workingDirectory},
                            {QStringLiteral("standard_output"), batch.outputPattern},
                            {QStringLiteral("environment"), jobEnvironment()}};
    if (!m_options.partition.isEmpty()) {
        description.insert(QStringLiteral("partition"), m_options.partition);
    }
    insertResources(description, batch);
    const QString jobId = submitJob(description, batch.script, job.runId);
    writeSlurmBackendFile(job.runDirectory, name(), jobId);
    return jobId;
}

QStringList SlurmRestExecutor::submitArray(const QList<BackendJob>& jobs) {
    const SlurmBatchJob batch = writeArrayBatchJob(name(), m_options.workerExecutable, jobs);
    QJsonObject description{
        {QStringLiteral("name"), batch.jobName},
        {QStringLiteral("array"), QStringLiteral("0-%1").arg(batch.arraySize - 1)},
        {QStringLiteral("current_working_directory"), batch.workingDirectory},
        {QStringLiteral("standard_output"), batch.outputPattern},
        {QStringLiteral("environment"), jobEnvironment()}};
    if (!m_options.partition.isEmpty()) {
        description.insert(QStringLiteral("partition"), m_options.partition);
    }
    insertResources(description, batch);
    const QString jobId = submitJob(description, batch.script, jobs.first().runId);
    QStringList ids;
    for (qsizetype task = 0; task < jobs.size(); ++task) {
        ids << QStringLiteral("%1_%2").arg(jobId).arg(task);
        writeSlurmBackendFile(jobs[task].runDirectory, name(), ids.last());
    }
    return ids;
}

QHash<QString, BackendObservation> SlurmRestExecutor::query(const QList<BackendJob>& jobs) {
    QHash<QString, BackendObservation> observations;
    if (jobs.isEmpty()) {
        return observations;
    }
    BackendObservation unreachable;
    unreachable.reachable = false;
    HttpReply reply;
    try {
        reply = request("GET", QStringLiteral("/jobs"), {});
    } catch (const FederationError& error) {
        unreachable.detail = error.message();
    }
    if (unreachable.detail.isEmpty() && (!reply.answered || reply.status != 200)) {
        unreachable.detail = QStringLiteral("slurmrestd at %1 unreachable: %2")
                                 .arg(m_options.baseUrl.toString(), replyFailure(reply));
    }
    if (!unreachable.detail.isEmpty()) {
        for (const BackendJob& job : jobs) {
            observations.insert(job.runId, unreachable);
        }
        return observations;
    }
    QList<SlurmJobRecord> records;
    const QJsonArray list =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("jobs")).toArray();
    for (const QJsonValue& value : list) {
        records << recordFromRest(value.toObject());
    }
    for (const BackendJob& job : jobs) {
        const auto record = findSlurmJob(records, job.backendJobId);
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

void SlurmRestExecutor::cancel(const BackendJob& job) {
    HttpReply reply;
    try {
        reply = request("DELETE", QStringLiteral("/job/") + job.backendJobId, {});
    } catch (const FederationError& error) {
        throw FederationError(QStringLiteral("slurm-rest: cannot cancel run %1 (job %2): %3")
                                  .arg(job.runId, job.backendJobId, error.message()));
    }
    if (reply.answered && reply.status == 200) {
        return;
    }
    const QString failure = replyFailure(reply);
    // Already finished jobs answer "Job/step already completing or completed" (error 2017 is
    // an unknown id): the job is not running, which is what cancel wants.
    if (failure.contains(QLatin1String("already completing or completed"))) {
        return;
    }
    throw FederationError(QStringLiteral("slurm-rest: cannot cancel run %1 (job %2): %3")
                              .arg(job.runId, job.backendJobId, failure));
}

} // namespace twins::federation
