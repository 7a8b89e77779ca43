#pragma once

#include <QString>

#include <optional>
#include <sys/types.h>

namespace twins::federation {

// What /proc/PID/stat says about a process, enough to tell "our" worker apart from a later
// process that got the same pid.
struct ProcessInfo {
    pid_t pid = 0;
    char state = '?';           // R, S, D, Z (zombie), X (dead), ...
    quint64 startTimeTicks = 0; // field 22: clock ticks after boot; unique per pid incarnation
};

// Reads /proc/PID/stat; empty when no such process exists.
std::optional<ProcessInfo> readProcessInfo(pid_t pid);

// True when `pid` is a live process started at `startTimeTicks`. A zombie counts as dead: in
// the containers we run in, PID 1 does not reap orphans, so a finished detached worker stays
// a zombie forever.
bool isProcessAlive(pid_t pid, quint64 startTimeTicks);

} // namespace twins::federation
