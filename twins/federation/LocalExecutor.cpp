#include "twinbench/federation/LocalExecutor.h"

#include "twinbench/federation/DetachedProcess.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/ProcessTable.h"
#include "twinbench/runs/AtomicJson.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>

#include <csignal>
#include <optional>

namespace twins::federation {

using twins::runs::RunState;

namespace {

constexpr char backendName[] = "local";

QString backendFilePath(const QString& runDirectory) {
    return QDir(runDirectory).filePath(QStringLiteral("backend.json"));
}

struct WorkerProcess {
    pid_t pid = 0;
    quint64 startTimeTicks = 0;
};

std::optional<WorkerProcess> readWorkerProcess(const QString& runDirectory) {
    try {
        const QJsonObject json = twins::runs::readJsonObjectFile(backendFilePath(runDirectory));
        const auto pid = static_cast<pid_t>(json.value(QStringLiteral("pid")).toInteger());
        const auto start =
            static_cast<quint64>(json.value(QStringLiteral("startTimeTicks")).toInteger());
        if (pid <= 0) {
            return std::nullopt;
        }
        return WorkerProcess{pid, start};
    } catch (const twins::runs::RunError&) {
        return std::nullopt;
    }
}

bool waitForExit(const WorkerProcess& worker, std::chrono::milliseconds timeout) {
    QElapsedTimer timer;
    timer.start();
    while (isProcessAlive(worker.pid, worker.startTimeTicks)) {
        if (timer.elapsed() >= timeout.count()) {
            return false;
        }
        QThread::msleep(20);
    }
    return true;
}

// The worker leads its own process group (see startDetachedProcess): signal the group so
// anything it started goes too.
void signalWorker(const WorkerProcess& worker, int signal) {
    if (::kill(-worker.pid, signal) != 0) {
        ::kill(worker.pid, signal);
    }
}

} // namespace

LocalExecutor::LocalExecutor(Options options) : m_options(std::move(options)) {
    if (m_options.maxConcurrentRuns < 1) {
        m_options.maxConcurrentRuns = 1;
    }
}

QString LocalExecutor::name() const {
    return QString::fromLatin1(backendName);
}

QString LocalExecutor::submit(const BackendJob& job) {
    const QString failure = QStringLiteral("local: cannot start run %1: %2");
    if (m_options.workerExecutable.isEmpty() ||
        !QFileInfo(m_options.workerExecutable).isExecutable()) {
        throw FederationError(failure.arg(
            job.runId, QStringLiteral("worker executable '%1' not found or not executable")
                           .arg(m_options.workerExecutable)));
    }
    // All runs live side by side in one runs root; the slot files sit beside them so every
    // submitter on this machine shares one limit.
    const QString runsRoot = QFileInfo(job.runDirectory).absolutePath();
    const QString slotDirectory = QDir(runsRoot).filePath(QStringLiteral(".local-slots"));
    if (!QDir().mkpath(slotDirectory)) {
        throw FederationError(failure.arg(
            job.runId, QStringLiteral("cannot create the slot directory %1").arg(slotDirectory)));
    }
    const QStringList arguments{
        QStringLiteral("job"),     job.runDirectory,
        QStringLiteral("--slots"), slotDirectory,
        QStringLiteral("--max"),   QString::number(m_options.maxConcurrentRuns)};
    pid_t pid = 0;
    try {
        pid = startDetachedProcess(m_options.workerExecutable, arguments, job.runDirectory,
                                   QDir(job.runDirectory).filePath(QStringLiteral("worker.out")));
    } catch (const FederationError& error) {
        throw FederationError(failure.arg(job.runId, error.message()));
    }
    const auto info = readProcessInfo(pid);
    // A worker that already exited (and was not reaped) still has its stat entry; one that is
    // entirely gone gets start time 0, which never matches a live process: it reads as ended.
    const quint64 start = info ? info->startTimeTicks : 0;
    QJsonArray command{m_options.workerExecutable};
    for (const QString& argument : arguments) {
        command.append(argument);
    }
    try {
        twins::runs::writeJsonFileAtomically(
            backendFilePath(job.runDirectory),
            QJsonObject{{QStringLiteral("backend"), name()},
                        {QStringLiteral("pid"), static_cast<qint64>(pid)},
                        {QStringLiteral("startTimeTicks"), static_cast<qint64>(start)},
                        {QStringLiteral("host"), QSysInfo::machineHostName()},
                        {QStringLiteral("command"), command}});
    } catch (const twins::runs::RunError& error) {
        // Without backend.json the run could never be observed or cancelled: stop it now.
        signalWorker(WorkerProcess{pid, start}, SIGKILL);
        throw FederationError(failure.arg(job.runId, error.message()));
    }
    return QString::number(pid);
}

QStringList LocalExecutor::submitArray(const QList<BackendJob>& jobs) {
    // Locally a sweep is just N workers; the slot files keep at most N running.
    QStringList ids;
    for (const BackendJob& job : jobs) {
        ids << submit(job);
    }
    return ids;
}

QHash<QString, BackendObservation> LocalExecutor::query(const QList<BackendJob>& jobs) {
    QHash<QString, BackendObservation> observations;
    for (const BackendJob& job : jobs) {
        BackendObservation observation;
        const auto worker = readWorkerProcess(job.runDirectory);
        if (!worker) {
            // Not started yet (or backend.json lost): nothing is known, nothing is decided.
            observations.insert(job.runId, observation);
            continue;
        }
        if (isProcessAlive(worker->pid, worker->startTimeTicks)) {
            observation.state = RunState::Running;
        } else {
            observation.state = RunState::Failed;
            observation.detail =
                QStringLiteral("worker process %1 ended without reporting a result (killed?)")
                    .arg(worker->pid);
        }
        observations.insert(job.runId, observation);
    }
    return observations;
}

void LocalExecutor::cancel(const BackendJob& job) {
    const auto worker = readWorkerProcess(job.runDirectory);
    QString detail = QStringLiteral("cancelled");
    if (worker && isProcessAlive(worker->pid, worker->startTimeTicks)) {
        signalWorker(*worker, SIGTERM);
        if (!waitForExit(*worker, m_options.cancelGracePeriod)) {
            signalWorker(*worker, SIGKILL);
            if (!waitForExit(*worker, std::chrono::milliseconds(3000))) {
                throw FederationError(
                    QStringLiteral("local: cannot cancel run %1: worker process %2 survived "
                                   "SIGKILL")
                        .arg(job.runId)
                        .arg(worker->pid));
            }
            detail = QStringLiteral("cancelled: worker process %1 ignored SIGTERM for %2 ms and "
                                    "was killed")
                         .arg(worker->pid)
                         .arg(m_options.cancelGracePeriod.count());
        }
    }
    // The worker writes "cancelled" itself on SIGTERM; one killed before it could (or never
    // started) leaves a non-terminal status.json, which is settled here.
    try {
        const auto run = twins::runs::RunDirectory::open(job.runDirectory);
        if (!twins::runs::isTerminal(run.status().state)) {
            run.changeState(RunState::Cancelled, detail);
            run.appendLog(QStringLiteral("run %1 %2").arg(job.runId, detail));
        }
    } catch (const twins::runs::RunError& error) {
        throw FederationError(QStringLiteral("local: run %1 stopped but its status could not be "
                                             "recorded: %2")
                                  .arg(job.runId, error.message()));
    }
}

} // namespace twins::federation
