#pragma once

#include "twinbench/federation/RunManager.h"

#include <QString>
#include <QStringList>

#include <chrono>

// What the run commands (RunCommands.cpp, RunMonitorCommands.cpp) share: finding a run from
// what the user typed, following runs to the end, and printing a run's state.
namespace worker::runs {

// An id exactly, or a prefix of exactly one id (ids are long; "20240515T1015" is enough).
// Throws twins::runs::RunError naming what was typed and why it matched none or several.
QString resolveRunId(twins::federation::RunManager& manager, const QString& text);

// Refreshes every `interval` until all `ids` are terminal, printing each state change to
// stderr. Returns 0 when all succeeded, 1 otherwise (failed or cancelled runs named, with the
// tail of their log).
int waitForRuns(twins::federation::RunManager& manager, const QStringList& ids,
                std::chrono::milliseconds interval = std::chrono::milliseconds(300));

// The last `lines` lines of the run's log.txt (empty when there is none).
QStringList logTail(const QString& runDirectory, int lines);

// "1 h 02 min", "3.4 s", "-": how long the run has been running (or ran).
QString elapsedText(const QString& runDirectory);

// Prints "twinbench-run <command>: <message>" to stderr and returns `status`.
int fail(const char* command, const QString& message, int status = 1);

} // namespace worker::runs
