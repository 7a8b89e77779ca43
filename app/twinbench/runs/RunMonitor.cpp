#include "runs/RunMonitor.h"

#include "runs/RunService.h"

namespace twins::app {

RunMonitor::RunMonitor(QObject* parent) : QObject(parent) {
    qRegisterMetaType<runs::RunRecord>();
    qRegisterMetaType<runs::RunSpec>();
    qRegisterMetaType<QList<runs::RunRecord>>();
    m_thread.setObjectName(QStringLiteral("twinbench-runs"));
    m_service = new RunService();
    m_service->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_service, &QObject::deleteLater);
    connect(m_service, &RunService::runsListed, this, [this] { m_refreshInFlight = false; });
    connect(m_service, &RunService::failed, this, [this] { m_refreshInFlight = false; });
    m_thread.start();
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &RunMonitor::refreshNow);
    m_timer.start();
    refreshNow();
}

RunMonitor::~RunMonitor() {
    m_timer.stop();
    m_thread.quit();
    // A refresh stuck on an unreachable backend ends within its timeout (about 10 s); the
    // runs themselves are not affected by the GUI closing.
    m_thread.wait();
}

void RunMonitor::setInterval(int milliseconds) {
    m_timer.setInterval(milliseconds);
}

void RunMonitor::refreshNow() {
    if (m_refreshInFlight.exchange(true)) {
        return;
    }
    QMetaObject::invokeMethod(m_service, &RunService::refresh, Qt::QueuedConnection);
}

void RunMonitor::submit(const runs::RunSpec& spec) {
    QMetaObject::invokeMethod(
        m_service, [service = m_service, spec] { service->submit(spec); }, Qt::QueuedConnection);
}

void RunMonitor::cancel(const QString& runId) {
    QMetaObject::invokeMethod(
        m_service, [service = m_service, runId] { service->cancel(runId); }, Qt::QueuedConnection);
}

void RunMonitor::loadSpec(const QString& runId) {
    QMetaObject::invokeMethod(
        m_service, [service = m_service, runId] { service->loadSpec(runId); },
        Qt::QueuedConnection);
}

} // namespace twins::app

namespace twins::app {

void RunMonitor::reloadSettings() {
    QMetaObject::invokeMethod(m_service, &RunService::reloadSettings, Qt::QueuedConnection);
}

} // namespace twins::app
