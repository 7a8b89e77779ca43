#pragma once

#include "twinbench/runs/RunState.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace twins::federation {

// A run as a backend sees it: where its directory is and the id the backend gave it.
struct BackendJob {
    QString runId;
    QString runDirectory;
    QString backendJobId; // local: the worker pid; SLURM: "1234" or "1234_5" for array tasks
};

// What a backend says about one run. `reachable` false means the backend could not be asked
// (controller down, HTTP timeout, ...): `detail` then says why and nothing else is known, so
// the caller must leave the run's state alone. When reachable, `state` is empty if the backend
// has no record of the job at all (e.g. forgotten after its retention time).
struct BackendObservation {
    bool reachable = true;
    std::optional<twins::runs::RunState> state;
    QString detail; // the backend's own words, e.g. "SLURM PENDING (Resources)"
    std::optional<int> exitCode;
};

// A federation backend that runs `twinbench-run job RUNDIR` somewhere. The worker writes the
// run's truth (status.json, log.txt, outputs); an executor only starts, observes and stops it.
//
// Thread rule: every method may block (process spawn, sbatch, HTTP with timeouts of about 10 s)
// and must be called from a worker thread, never from the GUI thread; the GUI runs RunManager
// (which calls these) in QtConcurrent. One executor object is used by one thread at a time.
class Executor {
public:
    virtual ~Executor() = default;

    // The backend name stored in the run spec and the registry: "local", "slurm", "slurm-rest".
    virtual QString name() const = 0;

    // Starts one run already in state queued; returns the backend job id. Throws
    // FederationError naming the backend, the run and the reason.
    virtual QString submit(const BackendJob& job) = 0;

    // Starts several runs as one unit where the backend has one (a SLURM job array); returns
    // one backend job id per run, in order. Throws FederationError; then none was started.
    virtual QStringList submitArray(const QList<BackendJob>& jobs) = 0;

    // The backend's view of each job, keyed by run id. Never throws: an unreachable backend
    // gives observations with reachable == false and the reason in detail.
    virtual QHash<QString, BackendObservation> query(const QList<BackendJob>& jobs) = 0;

    // Asks the backend to stop the run. Throws FederationError when the backend refuses or
    // cannot be reached; a job that has already ended is not an error.
    virtual void cancel(const BackendJob& job) = 0;
};

} // namespace twins::federation
