#pragma once

#include "twinbench/federation/Executor.h"

#include <chrono>

namespace twins::federation {

// The embedded default backend: each run is one detached `twinbench-run job RUNDIR --slots
// <runs root>/.local-slots --max N` process. The concurrency limit is enforced by the workers
// themselves (each waits, queued, for a flock on one of N slot files, which the kernel releases
// when a worker dies), so it holds across several GUI and CLI processes submitting at once and
// needs no queue that could die with its owner.
//
// RUNDIR/backend.json records {"backend": "local", "pid": ..., "startTimeTicks": ...}; the
// start time from /proc/PID/stat keeps a later process that reuses the pid from being taken
// for the worker. Killing the submitting process does not touch the worker (own session).
class LocalExecutor : public Executor {
public:
    struct Options {
        QString workerExecutable; // twinbench-run; see findWorkerExecutable()
        int maxConcurrentRuns = 2;
        std::chrono::milliseconds cancelGracePeriod{5000}; // SIGTERM -> SIGKILL
    };

    explicit LocalExecutor(Options options);

    QString name() const override;
    QString submit(const BackendJob& job) override;
    QStringList submitArray(const QList<BackendJob>& jobs) override;
    QHash<QString, BackendObservation> query(const QList<BackendJob>& jobs) override;
    // SIGTERM to the worker's process group, SIGKILL after the grace period, and if the worker
    // still left status.json non-terminal (killed before it could write), marks it cancelled.
    void cancel(const BackendJob& job) override;

    const Options& options() const { return m_options; }

private:
    Options m_options;
};

} // namespace twins::federation
