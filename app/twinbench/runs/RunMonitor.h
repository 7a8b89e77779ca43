#pragma once

#include "twinbench/runs/RunRegistry.h"
#include "twinbench/runs/RunSpec.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <atomic>

namespace twins::app {

class RunService;

// Owns the RunService's thread and asks it for a refresh every second while the window is
// open. At most one refresh is in flight: a backend that takes 10 s to time out delays the
// next listing, it never piles up requests or blocks the GUI.
class RunMonitor : public QObject {
    Q_OBJECT
public:
    explicit RunMonitor(QObject* parent = nullptr);
    ~RunMonitor() override;

    RunService* service() const { return m_service; }
    void setInterval(int milliseconds);

    void refreshNow();
    void submit(const runs::RunSpec& spec);
    void cancel(const QString& runId);
    void loadSpec(const QString& runId);
    void reloadSettings();

private:
    QThread m_thread;
    RunService* m_service = nullptr;
    QTimer m_timer;
    std::atomic<bool> m_refreshInFlight{false};
};

} // namespace twins::app
