#include "explore/ExploreSessionWorker.h"

#include "twinbench/federation/BackendSettings.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/SessionClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#include <csignal>
#include <cstring>

namespace twins::app {

namespace {

// A query is meant to take well under a second; the first one of a module also loads its
// plugin and weights. Past this the worker is considered stuck and the request fails.
constexpr int requestTimeoutMs = 30000;
constexpr int startTimeoutMs = 15000;
constexpr qsizetype stderrTailBytes = 8192;

QString lastLines(const QByteArray& output, int count) {
    QStringList lines = QString::fromUtf8(output).trimmed().split(QLatin1Char('\n'));
    while (lines.size() > count) {
        lines.removeFirst();
    }
    return lines.join(QStringLiteral(" | "));
}

} // namespace

ExploreSessionWorker::ExploreSessionWorker(std::shared_ptr<ExplorePending> pending,
                                           QString workerExecutable, QStringList pluginSearchPaths)
    : m_pending(std::move(pending)), m_workerExecutable(std::move(workerExecutable)),
      m_pluginSearchPaths(std::move(pluginSearchPaths)),
      m_socketDirectory(
          QDir(QDir::tempPath()).filePath(QStringLiteral("twinbench-explore-XXXXXX"))) {}

ExploreSessionWorker::~ExploreSessionWorker() {
    stopWorker();
}

void ExploreSessionWorker::drain() {
    for (;;) {
        std::optional<ExploreRequest> next;
        {
            const std::lock_guard lock(m_pending->mutex);
            next.swap(m_pending->request);
            if (!next) {
                m_pending->drainScheduled = false;
                return;
            }
        }
        m_inFlight = true;
        emit requestStarted(*next);
        const ExploreAnswer result = answer(*next);
        m_inFlight = false;
        emit answered(result);
    }
}

ExploreAnswer ExploreSessionWorker::answer(const ExploreRequest& request) {
    ExploreAnswer result;
    result.request = request;
    // Two attempts: a worker found dead on the first (killed, crashed) is restarted and asked
    // again once; a second death is reported, not retried forever.
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            const QString note = ensureWorker();
            if (!note.isEmpty()) {
                result.workerNote = result.workerNote.isEmpty()
                                        ? note
                                        : result.workerNote + QStringLiteral("; ") + note;
            }
        } catch (const sdk::SdkError& error) {
            result.error = error.message();
            return result;
        }
        QElapsedTimer clock;
        clock.start();
        try {
            result.result = m_client->request(request.module, request.query, request.arguments,
                                              requestTimeoutMs);
            result.latencyMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            result.ok = true;
            return result;
        } catch (const sdk::SdkError& error) {
            result.latencyMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            // Did the worker die under us (a lost connection), or did the query fail?
            if (m_process && m_process->state() != QProcess::NotRunning) {
                m_process->waitForFinished(200);
            }
            if (workerRunning()) {
                // The worker's own error text, verbatim (SdkError's source is the socket).
                result.error = error.reason();
                return result;
            }
            result.error =
                QStringLiteral("the session worker %1 while answering").arg(describeExit());
            m_client.reset();
        }
    }
    return result;
}

bool ExploreSessionWorker::workerRunning() const {
    return m_process && m_process->state() == QProcess::Running && m_client &&
           m_client->isConnected();
}

QString ExploreSessionWorker::ensureWorker() {
    if (m_process && m_process->state() != QProcess::NotRunning && !workerRunning()) {
        // Connection lost but the process lingers: do not leave a second worker behind.
        m_process->kill();
        m_process->waitForFinished(1000);
    }
    if (workerRunning()) {
        return {};
    }
    QString previous;
    if (m_process) {
        previous = describeExit();
        m_process.reset();
        m_client.reset();
        m_workerPid = 0;
    }
    if (!m_socketDirectory.isValid()) {
        throw sdk::SdkError(QStringLiteral("session worker"),
                            QStringLiteral("cannot create a private directory for its socket: %1")
                                .arg(m_socketDirectory.errorString()));
    }
    if (m_workerExecutable.isEmpty()) {
        // The worker the Runs dock starts (settings file, environment, build tree, PATH).
        const federation::BackendSettings settings = federation::BackendSettings::load();
        m_workerExecutable = settings.workerExecutable.isEmpty()
                                 ? federation::findWorkerExecutable()
                                 : settings.workerExecutable;
    }
    if (m_workerExecutable.isEmpty() || !QFileInfo(m_workerExecutable).isExecutable()) {
        throw sdk::SdkError(QStringLiteral("session worker"),
                            QStringLiteral("twinbench-run not found or not executable ('%1'); set "
                                           "TWINBENCH_WORKER_EXECUTABLE or the worker path in Runs "
                                           "> Run Backends")
                                .arg(m_workerExecutable));
    }
    const QString socketPath = m_socketDirectory.filePath(QStringLiteral("serve.sock"));
    QElapsedTimer clock;
    clock.start();
    m_process = std::make_unique<QProcess>();
    // The GUI's environment, with the plugin search path pinned to the directories the GUI's
    // catalog was read from, so the worker offers exactly the modules the dock lists.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TWINBENCH_PLUGIN_PATH"),
                       m_pluginSearchPaths.join(QLatin1Char(':')));
    environment.insert(QStringLiteral("TWINBENCH_PLUGIN_PATH_ONLY"), QStringLiteral("1"));
    m_process->setProcessEnvironment(environment);
    // Keep only the end of what the worker writes to stderr (plugins log there): enough to
    // say why it died, without growing for the whole session.
    m_stderrTail.clear();
    connect(m_process.get(), &QProcess::readyReadStandardError, this, [this] {
        m_stderrTail += m_process->readAllStandardError();
        if (m_stderrTail.size() > stderrTailBytes) {
            m_stderrTail = m_stderrTail.right(stderrTailBytes);
        }
    });
    m_process->start(m_workerExecutable,
                     {QStringLiteral("serve"), QStringLiteral("--socket"), socketPath});
    const auto fail = [&](const QString& why) {
        const QString exit =
            m_process->state() == QProcess::NotRunning ? describeExit() : QString();
        m_process->kill();
        m_process->waitForFinished(1000);
        m_process.reset();
        throw sdk::SdkError(
            QStringLiteral("session worker"),
            QStringLiteral("%1 serve: %2%3")
                .arg(m_workerExecutable, why,
                     exit.isEmpty() ? QString() : QStringLiteral(" (it %1)").arg(exit)));
    };
    if (!m_process->waitForStarted(startTimeoutMs)) {
        fail(QStringLiteral("cannot start: %1").arg(m_process->errorString()));
    }
    // `serve` prints "listening on PATH" once clients may connect.
    QByteArray greeting;
    while (!greeting.contains('\n')) {
        const int remaining = startTimeoutMs - static_cast<int>(clock.elapsed());
        if (remaining <= 0 || !m_process->waitForReadyRead(remaining)) {
            fail(QStringLiteral("did not report 'listening on' within %1 ms").arg(startTimeoutMs));
        }
        greeting += m_process->readAllStandardOutput();
    }
    if (!greeting.startsWith("listening on ")) {
        fail(QStringLiteral("unexpected first line '%1'")
                 .arg(QString::fromUtf8(greeting).trimmed()));
    }
    m_client = std::make_unique<sdk::SessionClient>(socketPath);
    try {
        m_client->connectToWorker(5000);
    } catch (const sdk::SdkError& error) {
        m_client.reset();
        fail(error.reason());
    }
    m_workerPid = m_process->processId();
    ++m_starts;
    const QString started =
        QStringLiteral("session worker %1 (pid %2) in %3 ms")
            .arg(m_starts == 1 ? QStringLiteral("started") : QStringLiteral("restarted"))
            .arg(m_process->processId())
            .arg(clock.elapsed());
    return previous.isEmpty() ? started
                              : QStringLiteral("%1: the previous one %2").arg(started, previous);
}

QString ExploreSessionWorker::describeExit() {
    if (!m_process) {
        return QStringLiteral("was not running");
    }
    if (m_process->state() != QProcess::NotRunning) {
        return QStringLiteral("is still running");
    }
    QString how;
    if (m_process->error() == QProcess::FailedToStart) {
        how = QStringLiteral("failed to start (%1)").arg(m_process->errorString());
    } else if (m_process->exitStatus() == QProcess::CrashExit) {
        // On Unix QProcess reports the terminating signal as the exit code of a crash.
        const int signal = m_process->exitCode();
        how = QStringLiteral("was killed by signal %1 (%2)")
                  .arg(signal)
                  .arg(QString::fromLocal8Bit(::strsignal(signal)));
    } else {
        how = QStringLiteral("exited with status %1").arg(m_process->exitCode());
    }
    m_stderrTail += m_process->readAllStandardError();
    const QString errors = lastLines(m_stderrTail, 3);
    return errors.isEmpty() ? how : QStringLiteral("%1; its last words: %2").arg(how, errors);
}

void ExploreSessionWorker::stopWorker() {
    if (!m_process) {
        return;
    }
    if (workerRunning()) {
        try {
            m_client->shutdown(1000);
        } catch (const sdk::SdkError&) {
            // It is stopped below either way.
        }
    }
    if (!m_process->waitForFinished(2000)) {
        m_process->kill();
        m_process->waitForFinished(1000);
    }
    m_client.reset();
    m_process.reset();
    m_workerPid = 0;
}

} // namespace twins::app
