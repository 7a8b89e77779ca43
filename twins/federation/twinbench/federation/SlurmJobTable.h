#pragma once

#include "twinbench/federation/Executor.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace twins::federation {

// One job as SLURM reports it (scontrol show job -o, the jobcomp/filetxt log, or slurmrestd).
struct SlurmJobRecord {
    QString jobId;         // the raw id, e.g. "1234"
    QString arrayJobId;    // empty (or "0" from REST) unless an array task
    QString arrayTaskSpec; // "3", or for tasks not yet started "0-3", "1,3-5", "0-7%2"
    QString state;         // JobState, e.g. "PENDING", "COMPLETED"
    QString reason;        // e.g. "Resources", "None"
    std::optional<int> exitCode;
    int exitSignal = 0;
};

// Parses lines of `Key=Value` pairs: `scontrol show job -o` (one job per line) and the
// jobcomp/filetxt log, which share the format. Lines without a JobId are ignored.
QList<SlurmJobRecord> parseSlurmKeyValueJobs(const QByteArray& text);

// True when `spec` ("3", "0-3", "1,3-5", "0-7%2") includes task `task`.
bool arrayTaskSpecContains(const QString& spec, int task);

// The record of `backendJobId` ("1234", or "1234_5" for array task 5), last one winning (the
// jobcomp log has a line per requeue).
std::optional<SlurmJobRecord> findSlurmJob(const QList<SlurmJobRecord>& records,
                                           const QString& backendJobId);

// SLURM's state words onto RunState, with SLURM's own words as detail:
//   PENDING (reason), CONFIGURING, REQUEUED...  -> queued    "SLURM PENDING (Resources)"
//   RUNNING, COMPLETING, SUSPENDED...          -> running
//   COMPLETED                                  -> succeeded
//   FAILED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY,
//   BOOT_FAIL, DEADLINE, PREEMPTED             -> failed    (detail names the cause)
//   CANCELLED                                  -> cancelled
// An unknown word gives no state and says so in detail.
BackendObservation observeSlurmJob(const SlurmJobRecord& record);

} // namespace twins::federation
