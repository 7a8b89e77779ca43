#pragma once

#include "twinbench/runs/RunRegistry.h"
#include "twinbench/runs/RunSpec.h"

#include <QObject>
#include <QSet>

#include <memory>

namespace twins::federation {
class RunManager;
}

namespace twins::app {

// The GUI's door to the run manager. It lives on its own QThread (see RunMonitor): every call
// into twins::federation may block on sbatch, slurmrestd or a process spawn for seconds, and
// the RunManager's registry connection must stay on the thread that opened it. Requests arrive
// as queued slot calls, answers leave as signals.
class RunService : public QObject {
    Q_OBJECT
public:
    RunService();
    ~RunService() override;

public slots:
    // Reconciles active runs with their backends, then lists every run (newest first).
    void refresh();
    void submit(const twins::runs::RunSpec& spec);
    void cancel(const QString& runId);
    // Reads a run's spec (to pre-fill "Resubmit…").
    void loadSpec(const QString& runId);
    // The backend settings changed: the next call makes a new run manager that reads them.
    void reloadSettings();

signals:
    void runsListed(const QList<twins::runs::RunRecord>& runs, const QString& backendMessage);
    void submitted(const twins::runs::RunRecord& run);
    void cancelled(const twins::runs::RunRecord& run);
    // A run seen active by this service has reached a terminal state.
    void runEnded(const twins::runs::RunRecord& run);
    void specLoaded(const QString& runId, const twins::runs::RunSpec& spec);
    // What went wrong, for a message box: which run or backend, and why.
    void failed(const QString& title, const QString& message);

private:
    federation::RunManager& manager();

    std::unique_ptr<federation::RunManager> m_manager;
    QSet<QString> m_activeRuns;
};

} // namespace twins::app

Q_DECLARE_METATYPE(twins::runs::RunRecord)
Q_DECLARE_METATYPE(twins::runs::RunSpec)
