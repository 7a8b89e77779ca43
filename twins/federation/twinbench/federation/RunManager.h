#pragma once

#include "twinbench/federation/BackendSettings.h"
#include "twinbench/federation/Executor.h"
#include "twinbench/runs/RegistryRecovery.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/runs/RunSpec.h"

#include <QJsonArray>
#include <QMap>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace twins::federation {

// Submits, follows and stops runs: the run registry (which runs exist), the runs root (their
// directories, side by side, as the worker's job contract expects) and the executors (where
// they run). Stateless beyond those two stores: a new RunManager on the same registry - after
// the GUI or CLI that submitted crashed - re-attaches by calling refresh().
//
// Thread rules: every method may block (process spawns, sbatch, HTTP, each bounded by about
// 10 s; cancel() waits for the run to stop) - call them from a worker thread, never the GUI
// thread. A RunManager belongs to the thread that created it (its RunRegistry holds a
// QSqlDatabase connection, which must not cross threads): create one inside the worker task
// (cheap: it opens the SQLite file) or keep one on a dedicated QThread.
//
// Failures throw FederationError (backend) or twins::runs::RunError (files, registry), each
// naming the run, the backend and what happened.
class RunManager {
public:
    struct Options {
        QString registryPath; // empty: defaultRegistryPath()
        QString runsRoot;     // empty: defaultRunsRoot()
        BackendSettings settings;
    };

    // Default paths and the shared settings (BackendSettings::load()).
    RunManager();
    explicit RunManager(Options options);
    ~RunManager();
    RunManager(const RunManager&) = delete;
    RunManager& operator=(const RunManager&) = delete;

    // $TWINBENCH_RUNS_DIR, else <GenericDataLocation>/Twinbench/runs. The GUI and
    // twinbench-run share it (their AppLocalDataLocation differs by application name).
    static QString defaultRunsRoot();
    // <runs root>/.registry.sqlite when $TWINBENCH_RUNS_DIR is set (one variable isolates a
    // test or a project), else <GenericDataLocation>/Twinbench/runs.sqlite.
    static QString defaultRegistryPath();

    const QString& runsRoot() const { return m_runsRoot; }
    const BackendSettings& settings() const { return m_settings; }
    twins::runs::RunRegistry& registry() { return *m_registry; }
    // What opening the registry repaired (a rebuild from the run directories), for a notice.
    const twins::runs::RegistryRecovery& registryRecovery() const { return m_registryRecovery; }

    // The executor for a resolved backend name ("local", "slurm", "slurm-rest"), made from
    // the settings on first use. setExecutor replaces it (another configuration, a test).
    Executor& executor(const QString& backend);
    void setExecutor(std::unique_ptr<Executor> executor);

    // Creates RUNDIR under the runs root with a new id, registers it, queues it and hands it to
    // the backend named by spec.backend ("" = the default; "slurm" follows the SLURM mode),
    // recording the backend job id. A backend refusal leaves the run failed with the reason in
    // its detail and log, then throws FederationError.
    twins::runs::RunRecord submit(twins::runs::RunSpec spec);
    // One run per value of parameter `key`, handed to the backend as one unit (a SLURM job
    // array). Returns the runs in the order of `values`.
    QList<twins::runs::RunRecord> submitSweep(twins::runs::RunSpec spec, const QString& key,
                                              const QJsonArray& values);

    // Brings every active run up to date: asks each backend once, reads each status.json (the
    // worker's truth), settles runs whose job ended without a result, and updates the
    // registry. Idempotent; safe to run from several processes at once. Never throws for one
    // run's trouble: an unreachable backend becomes that run's detail, state unchanged.
    // Returns the active runs as they are now.
    QList<twins::runs::RunRecord> refresh();
    // refresh() for one run (any state); throws RunError for an unknown id.
    twins::runs::RunRecord refreshRun(const QString& id);

    // Asks the backend to stop the run and waits up to `wait` for it to reach a terminal state
    // (returned as it then is). A run already finished is returned unchanged.
    twins::runs::RunRecord cancel(const QString& id,
                                  std::chrono::milliseconds wait = std::chrono::seconds(15));
    // Runs a finished run's spec again as a new run (new id); refuses an active run.
    twins::runs::RunRecord resubmit(const QString& id);

    std::optional<twins::runs::RunRecord> find(const QString& id) const;
    QList<twins::runs::RunRecord> list(const twins::runs::RunFilter& filter = {}) const;
    // The run's directory; throws RunError when it is gone.
    twins::runs::RunDirectory directory(const twins::runs::RunRecord& record) const;

private:
    twins::runs::RunRecord requireRun(const QString& id) const;
    twins::runs::RunRecord prepareRun(const twins::runs::RunSpec& spec);
    void markSubmissionFailed(const QList<twins::runs::RunRecord>& runs, const QString& reason);
    BackendJob backendJob(const twins::runs::RunRecord& record) const;
    void reconcile(const twins::runs::RunRecord& record, const BackendObservation& observation);
    void syncRegistry(const twins::runs::RunRecord& record, const twins::runs::RunStatus& status,
                      const QString& detail);

    BackendSettings m_settings;
    QString m_runsRoot;
    twins::runs::RegistryRecovery m_registryRecovery;
    std::unique_ptr<twins::runs::RunRegistry> m_registry;
    QMap<QString, std::shared_ptr<Executor>> m_executors;
};

} // namespace twins::federation
