#pragma once

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace twins::app {

// A GUI session that ended without closing: crashed, killed, or the machine stopped.
struct EndedSession {
    qint64 pid = 0;
    QDateTime started;
    // The crash report: the backtrace written by the signal handler when the session crashed,
    // or (killed: nothing can catch SIGKILL) a report written at this start; both end with the
    // session's last log lines.
    QString crashReport;
    bool hasBacktrace = false;
};

// Notices when the previous GUI session did not close, and leaves a crash report behind when
// this one does not. While a session runs, DIR/session-PID.json says so and DIR/session-PID.log
// keeps the Qt log (warnings included) on disk; a fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
// SIGABRT) writes DIR/crash-PID.txt with the signal, a backtrace and the log's last lines, using
// async-signal-safe calls only, then dies of the same signal. A clean end removes the marker and
// the log. At the next start a marker whose process is gone is an unclean end; several GUIs may
// run at once, so a marker of a live process is left alone. At most 10 reports are kept.
// One SessionGuard per process (it owns the signal handlers and the Qt message handler).
class SessionGuard {
public:
    explicit SessionGuard(const QString& directory = defaultDirectory());
    ~SessionGuard();
    SessionGuard(const SessionGuard&) = delete;
    SessionGuard& operator=(const SessionGuard&) = delete;

    // The sessions that ended without closing since the last start, oldest first.
    const std::vector<EndedSession>& uncleanEnds() const { return m_uncleanEnds; }
    QString directory() const { return m_directory; }

    // <app data dir>/sessions.
    static QString defaultDirectory();

private:
    void collectUncleanEnds();
    void startThisSession();
    void pruneOldReports() const;

    QString m_directory;
    QString m_marker;
    std::vector<EndedSession> m_uncleanEnds;
};

} // namespace twins::app
