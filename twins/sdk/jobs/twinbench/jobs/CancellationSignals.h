#pragma once

namespace twins::jobs {

// SIGTERM and SIGINT ask the worker to stop. The handlers only store the signal number in a
// lock-free atomic and write one byte to a self-pipe: both are async-signal-safe, so nothing
// else (no logging, no file writes, no locks) ever happens inside a handler. The job polls
// cancellationRequested() between the action's progress reports; an event loop (serve) watches
// cancellationWakeupFd() with a QSocketNotifier.
void installCancellationHandlers();

bool cancellationRequested();
// The signal that asked to stop (SIGTERM, SIGINT), 0 when none has.
int cancellationSignal();
// Read end of the self-pipe: becomes readable once a cancellation signal has arrived. -1 before
// installCancellationHandlers().
int cancellationWakeupFd();

} // namespace twins::jobs
