#pragma once

#include "explore/ExploreRequest.h"

#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

class QProcess;

namespace twins::sdk {
class SessionClient;
}

namespace twins::app {

// The request slot shared by the GUI side (ExploreSession) and the session thread: at most one
// request waits; a newer one replaces it (latest request wins), so dragging a slider never
// builds a backlog behind a slow query.
struct ExplorePending {
    std::mutex mutex;
    std::optional<ExploreRequest> request;
    bool drainScheduled = false;
};

// Lives on ExploreSession's thread and does every blocking thing there: starts
// `twinbench-run serve --socket <private dir>/serve.sock` on the first request, talks to it
// through a SessionClient, restarts it when it has died, and stops it when destroyed.
class ExploreSessionWorker : public QObject {
    Q_OBJECT
public:
    ExploreSessionWorker(std::shared_ptr<ExplorePending> pending, QString workerExecutable,
                         QStringList pluginSearchPaths);
    ~ExploreSessionWorker() override;

    // Process id of the running session worker, 0 when none (any thread may read it).
    qint64 workerProcessId() const { return m_workerPid.load(); }
    // A request is being answered right now (any thread may read it).
    bool inFlight() const { return m_inFlight.load(); }

public slots:
    // Answers pending requests until none is left.
    void drain();

signals:
    void requestStarted(const twins::app::ExploreRequest& request);
    void answered(const twins::app::ExploreAnswer& answer);

private:
    ExploreAnswer answer(const ExploreRequest& request);
    // Starts the session worker unless it runs; throws SdkError with the reason. Returns a
    // note for the user when it (re)started one.
    QString ensureWorker();
    bool workerRunning() const;
    // "exited with status 1" / "was killed by signal 9 (Killed)", plus its last stderr lines.
    QString describeExit();
    void stopWorker();

    std::shared_ptr<ExplorePending> m_pending;
    QString m_workerExecutable;
    QStringList m_pluginSearchPaths;
    QTemporaryDir m_socketDirectory; // private (0700): only this user reaches the socket
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stderrTail;
    std::unique_ptr<sdk::SessionClient> m_client;
    std::atomic<qint64> m_workerPid{0};
    std::atomic<bool> m_inFlight{false};
    int m_starts = 0;
};

} // namespace twins::app
