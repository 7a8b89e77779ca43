#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>

namespace twins::federation {

// The outcome of one external command (sbatch, scontrol, ssh, ...).
struct CommandResult {
    bool started = false;  // false: the program could not be executed at all
    bool timedOut = false; // killed after the timeout
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;

    bool succeeded() const { return started && !timedOut && exitCode == 0; }
    // What went wrong, for a message: stderr trimmed, or "timed out after 10 s", or the
    // reason the program could not start.
    QString failureText() const;

    QString errorText; // filled when !started
    std::chrono::milliseconds timeout{0};
};

// Runs `commandLine` (program first) to completion, blocking the calling thread for at most
// `timeout`; then the process is killed and reported as timed out. Never throws. Call it from a
// worker thread (it blocks by design; see Executor.h).
CommandResult runCommand(const QStringList& commandLine, std::chrono::milliseconds timeout);

// `text` quoted for a POSIX shell (single quotes), for scripts and ssh command lines.
QString shellQuote(const QString& text);

} // namespace twins::federation
