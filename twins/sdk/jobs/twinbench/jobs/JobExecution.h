#pragma once

#include <QString>
#include <QStringList>

namespace twins::jobs {

// Exit statuses of `twinbench-run job`, which the executors (local, SLURM) read.
inline constexpr int jobExitSucceeded = 0;
inline constexpr int jobExitFailed = 1;      // the run failed; status.json says why
inline constexpr int jobExitUnusable = 2;    // no run could be recorded (unreadable spec, ...)
inline constexpr int jobExitCancelled = 143; // 128 + SIGTERM, also for SIGINT

struct JobOptions {
    QString runDirectory;
    // Local executor's concurrency limit: hold one of slot-0..slot-(maxSlots-1).lock in
    // slotDirectory before running. maxSlots 0: no limit.
    QString slotDirectory;
    int maxSlots = 0;
    // Where to look for the module; empty: ModuleCatalog::defaultSearchPaths().
    QStringList pluginSearchPaths;
    // How often the queue is polled for a free slot and for cancellation while waiting.
    int slotPollIntervalMs = 100;
};

// Executes the run in options.runDirectory in this process (the contract of
// `twinbench-run job`, see app/twinbench-run/JobCommand.cpp and DESIGN.md "Runs"):
//   created -> queued [wait for a local slot] -> running -> succeeded | failed | cancelled,
// loading the module, resolving parameters and inputs, running the action with a
// RunActionContext, writing prov.json on success. Never leaves status.json in running when it
// returns. Cancellation is cancellationRequested() (installCancellationHandlers() first).
// Messages for the user go to stderr and log.txt. Returns one of the jobExit* codes.
int executeJob(const JobOptions& options);

} // namespace twins::jobs
