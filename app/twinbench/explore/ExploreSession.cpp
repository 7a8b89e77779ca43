#include "explore/ExploreSession.h"

#include "explore/ExploreSessionWorker.h"

#include <csignal>

namespace twins::app {

ExploreSession::ExploreSession(QString workerExecutable, QStringList pluginSearchPaths,
                               QObject* parent)
    : QObject(parent), m_pending(std::make_shared<ExplorePending>()) {
    qRegisterMetaType<ExploreRequest>();
    qRegisterMetaType<ExploreAnswer>();
    m_thread.setObjectName(QStringLiteral("twinbench-explore"));
    m_worker = new ExploreSessionWorker(m_pending, std::move(workerExecutable),
                                        std::move(pluginSearchPaths));
    m_worker->moveToThread(&m_thread);
    // Destroyed on its own thread, where its QProcess and socket live.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ExploreSessionWorker::requestStarted, this,
            [this](const ExploreRequest& started) {
                ++m_sent;
                emit requestStarted(started);
            });
    connect(m_worker, &ExploreSessionWorker::answered, this, [this](const ExploreAnswer& answer) {
        ++m_answered;
        emit answered(answer);
    });
    m_thread.start();
}

ExploreSession::~ExploreSession() {
    {
        const std::lock_guard lock(m_pending->mutex);
        m_pending->request.reset();
    }
    // A request in flight would hold the thread until its timeout: stopping the worker process
    // ends it at once (the answer is dropped with this object).
    if (m_worker->inFlight()) {
        if (const qint64 pid = m_worker->workerProcessId(); pid > 0) {
            ::kill(static_cast<pid_t>(pid), SIGTERM);
        }
    }
    m_thread.quit();
    m_thread.wait();
}

quint64 ExploreSession::request(const QString& module, const QString& query,
                                const QJsonObject& arguments) {
    const quint64 serial = m_nextSerial++;
    bool schedule = false;
    {
        const std::lock_guard lock(m_pending->mutex);
        if (m_pending->request) {
            ++m_superseded;
        }
        m_pending->request = ExploreRequest{serial, module, query, arguments};
        schedule = !m_pending->drainScheduled;
        m_pending->drainScheduled = true;
    }
    if (schedule) {
        QMetaObject::invokeMethod(m_worker, &ExploreSessionWorker::drain, Qt::QueuedConnection);
    }
    return serial;
}

qint64 ExploreSession::workerProcessId() const {
    return m_worker->workerProcessId();
}

} // namespace twins::app
