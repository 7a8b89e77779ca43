#pragma once

#include "twinbench/runs/RunSpec.h"
#include "twinbench/runs/RunState.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace twins::runs {

// One row of the registry: an index entry pointing at a run directory, plus what the monitor
// shows without opening the directory.
struct RunRecord {
    QString id;
    QString moduleId;
    QString action;
    QString backend;
    QString backendJobId; // e.g. the SLURM job id; empty until submitted
    RunState state = RunState::Created;
    QString detail; // the backend's own words, e.g. a SLURM pending reason
    double progress = 0.0;
    QString runDirectory;
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct RunFilter {
    std::optional<RunState> state;
    QString moduleId;        // empty: every module
    bool activeOnly = false; // only runs not in a terminal state (what to re-attach to)
    int limit = 0;           // 0: no limit
};

// The registry of runs: an SQLite database in WAL mode, so the GUI reading it never blocks the
// submitter writing it, and a crash of either leaves the committed rows intact for the next
// start, which re-attaches to runs still active on their backend. Several RunRegistry objects
// (in one process or several) may share a file; each holds its own named connection and waits
// up to busyTimeoutMilliseconds for another writer. An object must be used on the thread that
// created it (a QSqlDatabase rule).
//
// Every failure throws RunError naming the database path and the reason.
class RunRegistry {
public:
    static constexpr int busyTimeoutMilliseconds = 5000;

    // Opens (creating it and its directory if needed) the database at `databasePath`.
    explicit RunRegistry(const QString& databasePath);
    ~RunRegistry();
    RunRegistry(const RunRegistry&) = delete;
    RunRegistry& operator=(const RunRegistry&) = delete;

    // Where every Twinbench program keeps the registry (the directory may not exist yet):
    // $TWINBENCH_RUNS_DIR/.registry.sqlite when that is set, else
    // <QStandardPaths::GenericDataLocation>/Twinbench/runs.sqlite (~/.local/share/...).
    static QString defaultDatabasePath();

    const QString& databasePath() const { return m_databasePath; }

    // Adds a run in state created under a new id (see newRunId()) or the given one.
    RunRecord registerRun(const RunSpec& spec, const QString& runDirectory);
    RunRecord registerRun(const QString& id, const RunSpec& spec, const QString& runDirectory);

    // Moves the run to `state` and replaces its detail. An illegal transition (see RunState.h)
    // or an unknown id throws and leaves the row as it was; the check and the write are one
    // statement, so two registries racing on one run cannot both move it.
    RunRecord updateState(const QString& id, RunState state, const QString& detail = {});
    // Progress (clamped to 0..1) and detail, state unchanged.
    void updateProgress(const QString& id, double progress, const QString& detail);
    void setBackendJobId(const QString& id, const QString& backendJobId);

    // Puts rows back as they are given (state, detail, times included), in one transaction,
    // skipping ids already present; for rebuilding a lost registry from the run directories
    // (RegistryRecovery.h). Returns how many were added.
    int restoreRuns(const QList<RunRecord>& records);

    std::optional<RunRecord> find(const QString& id) const;
    // Newest first.
    QList<RunRecord> list(const RunFilter& filter = {}) const;

private:
    RunRecord requireRun(const QString& id) const;

    QString m_databasePath;
    QString m_connectionName;
};

} // namespace twins::runs
