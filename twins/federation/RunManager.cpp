#include "twinbench/federation/RunManager.h"

#include "twinbench/federation/FederationError.h"
#include "twinbench/runs/AtomicJson.h"
#include "twinbench/runs/RegistryRecovery.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>

namespace twins::federation {

using twins::runs::RunDirectory;
using twins::runs::RunError;
using twins::runs::RunFilter;
using twins::runs::RunRecord;
using twins::runs::RunSpec;
using twins::runs::RunState;
using twins::runs::RunStatus;

namespace {

QString sharedDataDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/Twinbench");
}

// The states to walk through in the registry to reach `to` from `from` by legal moves (the
// registry refuses e.g. queued -> succeeded, while a refresh may see both moves at once).
QList<RunState> statePath(RunState from, RunState to) {
    if (from == to) {
        return {};
    }
    QHash<RunState, RunState> cameFrom;
    QList<RunState> frontier{from};
    while (!frontier.isEmpty()) {
        const RunState current = frontier.takeFirst();
        for (RunState next : twins::runs::legalSuccessors(current)) {
            if (next == from || cameFrom.contains(next)) {
                continue;
            }
            cameFrom.insert(next, current);
            if (next == to) {
                QList<RunState> path{to};
                for (RunState step = current; step != from; step = cameFrom.value(step)) {
                    path.prepend(step);
                }
                return path;
            }
            frontier << next;
        }
    }
    return {};
}

} // namespace

RunManager::RunManager() : RunManager(Options{{}, {}, BackendSettings::load()}) {}

RunManager::RunManager(Options options)
    : m_settings(std::move(options.settings)),
      m_runsRoot(
          QDir(options.runsRoot.isEmpty() ? defaultRunsRoot() : options.runsRoot).absolutePath()) {
    if (!QDir().mkpath(m_runsRoot)) {
        throw RunError(m_runsRoot, QStringLiteral("cannot create the runs directory"));
    }
    // A corrupt or cut-short registry is rebuilt from the run directories (RegistryRecovery.h).
    m_registry = twins::runs::openRegistry(options.registryPath.isEmpty() ? defaultRegistryPath()
                                                                          : options.registryPath,
                                           m_runsRoot, m_registryRecovery);
}

RunManager::~RunManager() = default;

QString RunManager::defaultRunsRoot() {
    const QString fromEnvironment = qEnvironmentVariable("TWINBENCH_RUNS_DIR");
    return fromEnvironment.isEmpty() ? sharedDataDirectory() + QStringLiteral("/runs")
                                     : QDir(fromEnvironment).absolutePath();
}

QString RunManager::defaultRegistryPath() {
    return twins::runs::RunRegistry::defaultDatabasePath();
}

Executor& RunManager::executor(const QString& backend) {
    auto found = m_executors.find(backend);
    if (found == m_executors.end()) {
        found = m_executors.insert(backend,
                                   std::shared_ptr<Executor>(makeExecutor(m_settings, backend)));
    }
    return **found;
}

void RunManager::setExecutor(std::unique_ptr<Executor> executor) {
    const QString name = executor->name();
    m_executors.insert(name, std::shared_ptr<Executor>(std::move(executor)));
}

RunRecord RunManager::requireRun(const QString& id) const {
    const auto record = m_registry->find(id);
    if (!record) {
        throw RunError(m_registry->databasePath(), QStringLiteral("no run with id '%1'").arg(id));
    }
    return *record;
}

RunDirectory RunManager::directory(const RunRecord& record) const {
    return RunDirectory::open(record.runDirectory);
}

RunRecord RunManager::prepareRun(const RunSpec& spec) {
    const QString id = twins::runs::newRunId();
    const QString path = QDir(m_runsRoot).filePath(id);
    const RunDirectory run = RunDirectory::create(path, id, spec);
    m_registry->registerRun(id, spec, path);
    const QString detail = QStringLiteral("submitting to %1").arg(spec.backend);
    run.changeState(RunState::Queued, detail);
    return m_registry->updateState(id, RunState::Queued, detail);
}

void RunManager::markSubmissionFailed(const QList<RunRecord>& runs, const QString& reason) {
    for (const RunRecord& record : runs) {
        try {
            const RunDirectory run = directory(record);
            run.changeState(RunState::Failed, reason);
            run.appendLog(reason);
            m_registry->updateState(record.id, RunState::Failed, reason);
        } catch (const RunError&) {
            // The submission error is what the caller gets; a second failure recording it
            // must not hide it.
        }
    }
}

RunRecord RunManager::submit(RunSpec spec) {
    spec.backend = resolveBackendName(m_settings, spec.backend);
    Executor& backend = executor(spec.backend); // before any file: a bad backend creates nothing
    const RunRecord record = prepareRun(spec);
    QString jobId;
    try {
        jobId = backend.submit(BackendJob{record.id, record.runDirectory, {}});
    } catch (const FederationError& error) {
        markSubmissionFailed({record}, error.message());
        throw;
    }
    m_registry->setBackendJobId(record.id, jobId);
    directory(record).appendLog(
        QStringLiteral("submitted to %1 as job %2").arg(spec.backend, jobId));
    return requireRun(record.id);
}

QList<RunRecord> RunManager::submitSweep(RunSpec spec, const QString& key,
                                         const QJsonArray& values) {
    if (key.isEmpty() || values.isEmpty()) {
        throw FederationError(QStringLiteral("a sweep needs a parameter and at least one value"));
    }
    spec.backend = resolveBackendName(m_settings, spec.backend);
    Executor& backend = executor(spec.backend);
    QList<RunRecord> records;
    QList<BackendJob> jobs;
    for (const QJsonValue& value : values) {
        RunSpec point = spec;
        point.parameters.insert(key, value);
        records << prepareRun(point);
        jobs << BackendJob{records.last().id, records.last().runDirectory, {}};
    }
    QStringList jobIds;
    try {
        jobIds = backend.submitArray(jobs);
    } catch (const FederationError& error) {
        markSubmissionFailed(records, error.message());
        throw;
    }
    QList<RunRecord> submitted;
    for (qsizetype index = 0; index < records.size(); ++index) {
        m_registry->setBackendJobId(records[index].id, jobIds.value(index));
        directory(records[index])
            .appendLog(QStringLiteral("submitted to %1 as job %2 (sweep of %3 = %4 runs)")
                           .arg(spec.backend, jobIds.value(index), key)
                           .arg(records.size()));
        submitted << requireRun(records[index].id);
    }
    return submitted;
}

BackendJob RunManager::backendJob(const RunRecord& record) const {
    BackendJob job{record.id, record.runDirectory, record.backendJobId};
    if (job.backendJobId.isEmpty()) {
        // The submitter died between the backend's answer and the registry write: the run
        // directory's backend.json still says where the job went.
        try {
            const QJsonObject backend =
                twins::runs::readJsonObjectFile(QDir(record.runDirectory).filePath("backend.json"));
            job.backendJobId = backend.value(QStringLiteral("jobId")).toString();
            if (job.backendJobId.isEmpty() && backend.contains(QStringLiteral("pid"))) {
                job.backendJobId =
                    QString::number(backend.value(QStringLiteral("pid")).toInteger());
            }
        } catch (const RunError&) {
        }
    }
    return job;
}

void RunManager::syncRegistry(const RunRecord& record, const RunStatus& status,
                              const QString& detail) {
    RunState current = record.state;
    for (RunState step : statePath(current, status.state)) {
        try {
            m_registry->updateState(record.id, step, detail);
            current = step;
        } catch (const RunError&) {
            // Another manager (GUI and CLI refresh together) moved it first: continue from
            // where the registry now is.
            const auto now = m_registry->find(record.id);
            if (!now || now->state == status.state || twins::runs::isTerminal(now->state)) {
                return;
            }
            current = now->state;
        }
    }
    if (!twins::runs::isTerminal(current) || current == status.state) {
        m_registry->updateProgress(record.id, status.progress, detail);
    }
}

void RunManager::reconcile(const RunRecord& record, const BackendObservation& observation) {
    // status.json is read after the backend was asked: a job the backend reports finished has
    // finished writing, so a non-terminal status now really means no result was reported.
    const RunDirectory run = directory(record);
    RunStatus status = run.status();
    if (!twins::runs::isTerminal(status.state) && observation.reachable && observation.state &&
        twins::runs::isTerminal(*observation.state)) {
        RunState final = *observation.state;
        QString detail = observation.detail;
        if (final == RunState::Succeeded) {
            final = RunState::Failed;
            detail = QStringLiteral("%1 reports job %2 finished, but the worker never reported a "
                                    "result")
                         .arg(record.backend, record.backendJobId);
        }
        try {
            status = run.changeState(final, detail, observation.exitCode);
            run.appendLog(QStringLiteral("%1: %2").arg(record.backend, detail));
        } catch (const RunError&) {
            status = run.status(); // settled meanwhile by another refresh
        }
    }
    QString detail = status.detail;
    if (!twins::runs::isTerminal(status.state)) {
        if (!observation.reachable) {
            detail = observation.detail; // e.g. "SLURM controller unreachable: ..."
        } else if (status.state == RunState::Queued && !observation.detail.isEmpty()) {
            detail = observation.detail; // e.g. "SLURM PENDING (Resources)"
        } else if (detail.isEmpty()) {
            detail = observation.detail;
        }
    }
    syncRegistry(record, status, detail);
}

QList<RunRecord> RunManager::refresh() {
    RunFilter activeRuns;
    activeRuns.activeOnly = true;
    QMap<QString, QList<RunRecord>> byBackend;
    for (const RunRecord& record : m_registry->list(activeRuns)) {
        byBackend[record.backend] << record;
    }
    for (auto group = byBackend.cbegin(); group != byBackend.cend(); ++group) {
        QList<BackendJob> jobs;
        for (const RunRecord& record : group.value()) {
            jobs << backendJob(record);
        }
        QHash<QString, BackendObservation> observations;
        try {
            observations = executor(group.key()).query(jobs);
        } catch (const FederationError& error) {
            // The backend cannot even be set up (e.g. no slurmrestd URL any more).
            BackendObservation unavailable;
            unavailable.reachable = false;
            unavailable.detail = error.message();
            for (const BackendJob& job : jobs) {
                observations.insert(job.runId, unavailable);
            }
        }
        for (const RunRecord& record : group.value()) {
            try {
                RunRecord current = record;
                current.backendJobId = backendJob(record).backendJobId;
                reconcile(current, observations.value(record.id));
            } catch (const RunError& error) {
                // One broken run directory must not stop the others from being followed.
                try {
                    m_registry->updateProgress(record.id, record.progress, error.message());
                } catch (const RunError&) {
                }
            }
        }
    }
    return m_registry->list(activeRuns);
}

RunRecord RunManager::refreshRun(const QString& id) {
    const RunRecord record = requireRun(id);
    if (twins::runs::isTerminal(record.state)) {
        return record;
    }
    BackendJob job = backendJob(record);
    BackendObservation observation;
    try {
        observation = executor(record.backend).query({job}).value(id);
    } catch (const FederationError& error) {
        observation.reachable = false;
        observation.detail = error.message();
    }
    RunRecord current = record;
    current.backendJobId = job.backendJobId;
    reconcile(current, observation);
    return requireRun(id);
}

RunRecord RunManager::cancel(const QString& id, std::chrono::milliseconds wait) {
    RunRecord record = requireRun(id);
    if (twins::runs::isTerminal(record.state)) {
        return record;
    }
    const BackendJob job = backendJob(record);
    if (job.backendJobId.isEmpty()) {
        // Never handed to a backend (the submitter died first): nothing to stop.
        const RunDirectory run = directory(record);
        if (!twins::runs::isTerminal(run.status().state)) {
            run.changeState(RunState::Cancelled, QStringLiteral("cancelled before submission"));
        }
        return refreshRun(id);
    }
    executor(record.backend).cancel(job);
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        record = refreshRun(id);
        if (twins::runs::isTerminal(record.state) || timer.elapsed() >= wait.count()) {
            return record;
        }
        QThread::msleep(100);
    }
}

RunRecord RunManager::resubmit(const QString& id) {
    const RunRecord record = refreshRun(id);
    if (!twins::runs::isTerminal(record.state)) {
        throw FederationError(QStringLiteral("run %1 is still %2; cancel it before resubmitting")
                                  .arg(id, twins::runs::runStateName(record.state)));
    }
    const RunSpec old = directory(record).spec();
    RunSpec spec = RunSpec::forCurrentBuild(old.moduleId, old.action, old.backend);
    spec.parameters = old.parameters;
    spec.inputs = old.inputs;
    return submit(spec);
}

std::optional<RunRecord> RunManager::find(const QString& id) const {
    return m_registry->find(id);
}

QList<RunRecord> RunManager::list(const RunFilter& filter) const {
    return m_registry->list(filter);
}

} // namespace twins::federation
