#pragma once

#include "twinbench/runs/RunRegistry.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace twins::runs {

// What opening the registry had to repair, for a notice to the user.
struct RegistryRecovery {
    bool rebuilt = false;
    QString reason;        // why the database could not be used, e.g. SQLite's "file is not a
                           // database", or "missing"
    QString setAsidePath;  // where the unusable database was moved (empty when missing)
    int runsRecovered = 0; // rows rebuilt from run directories
    QStringList skipped;   // "DIR: why" for run directories that could not be read
};

// Opens the run registry at `databasePath`. The run directories are the truth and the registry
// only indexes them (RunDirectory.h), so when the database is unusable - not a database, cut
// short (a 0-byte file included), failing SQLite's quick_check, or without its runs table - it
// is moved aside to "<path>.unusable-<UTC time>" (with its -wal and -shm files) and rebuilt from
// the run directories under `runsRoot`: every directory holding a readable spec.json becomes a
// row with the state, detail and progress of its status.json and the backend job id of its
// backend.json, so active runs are re-attached by the next refresh. A missing database is
// rebuilt the same way when run directories exist. Other failures (no permission, a database
// of a newer Twinbench) throw RunError as RunRegistry's constructor does, with nothing moved.
std::unique_ptr<RunRegistry> openRegistry(const QString& databasePath, const QString& runsRoot,
                                          RegistryRecovery& recovery);

// The rows a rebuild makes from the run directories under `runsRoot` (RegistryRecovery::skipped
// receives the directories that could not be read).
QList<RunRecord> recordsFromRunDirectories(const QString& runsRoot, QStringList& skipped);

} // namespace twins::runs
