#pragma once

#include "explore/ExploreRequest.h"

#include <QObject>
#include <QStringList>
#include <QThread>

#include <memory>

namespace twins::app {

class ExploreSessionWorker;
struct ExplorePending;

// The Explore dock's line to a session worker (`twinbench-run serve`), from the GUI thread:
// request() returns at once; the answer arrives as answered(). Everything that blocks (starting
// the worker, the socket round trip) happens on this object's own thread, in
// ExploreSessionWorker. The worker is started lazily on the first request, with the GUI's
// environment and plugin search path, and restarted when it has died.
//
// Latest request wins: while one request is in flight, a newer request() replaces any request
// still waiting, so a slider dragged across its range costs a few round trips, not one per
// step, and the last answer is always for the last values.
class ExploreSession : public QObject {
    Q_OBJECT
public:
    // workerExecutable: twinbench-run (empty: the one Runs uses, from the backend settings or
    // findWorkerExecutable(), looked up on the session thread when first needed);
    // pluginSearchPaths: the directories the GUI's ModuleCatalog was read from.
    ExploreSession(QString workerExecutable, QStringList pluginSearchPaths,
                   QObject* parent = nullptr);
    ~ExploreSession() override;

    // Queues a request (module, query and arguments; the serial is assigned here and
    // returned). Never blocks.
    quint64 request(const QString& module, const QString& query, const QJsonObject& arguments);

    // Requests sent to the worker so far, and requests replaced before they were sent.
    int sentCount() const { return m_sent; }
    int supersededCount() const { return m_superseded; }
    bool busy() const { return m_sent > m_answered; }
    // Process id of the session worker, 0 when none runs (for tests and the status tooltip).
    qint64 workerProcessId() const;

signals:
    void requestStarted(const twins::app::ExploreRequest& request);
    void answered(const twins::app::ExploreAnswer& answer);

private:
    QThread m_thread;
    std::shared_ptr<ExplorePending> m_pending;
    ExploreSessionWorker* m_worker = nullptr;
    quint64 m_nextSerial = 1;
    int m_sent = 0;
    int m_answered = 0;
    int m_superseded = 0;
};

} // namespace twins::app
