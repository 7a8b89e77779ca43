#pragma once

#include "twinbench/runs/RunRegistry.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace twins::federation {

struct BackendSettings;

// What one read of a run's log gave.
struct RunLogChunk {
    QByteArray text; // appended since the last read (the first read: the whole log)
    // One line about where the log comes from, when that changed (a fallback to log.txt, an
    // outage of the log API, its recovery); empty otherwise. Never part of `text`.
    QString note;
};

// A run's log as it grows, read piece by piece. read() may block (files on a network file
// system, HTTP with the backend's timeout): worker threads and command-line programs only, one
// thread at a time. read() never throws: trouble becomes a note.
class RunLogReader {
public:
    virtual ~RunLogReader() = default;
    virtual RunLogChunk read() = 0;
};

// log.txt in the run directory (the worker writes it on the shared folder), from where the last
// read stopped; a file that shrank was replaced and is read again from its start.
class RunLogFileReader : public RunLogReader {
public:
    explicit RunLogFileReader(const QString& runDirectory);
    RunLogChunk read() override;
    bool exists() const;
    QString path() const { return m_file.fileName(); }

private:
    QFile m_file;
    qint64 m_offset = 0;
};

// An interLink run's log: the container's output (the job's stdout and stderr at the site) from
// GET /getLogs. The first read asks for all of it (Tail 0); later reads ask only for the last
// `window` lines (Tail) and keep the ones after the lines already shown, found by their overlap
// with those (at least half the window); when that overlap is missing (more than half a window
// of new lines) or ambiguous (repeating lines), everything is asked for again and the lines after
// the count already shown are kept.
// SinceSeconds is not used: it selects by time, and the job's output lines carry no times to
// line them up with what was shown. When the first request fails, the reader falls back to
// log.txt on the shared folder for good and says why in the note; a failure later on is noted
// once ("retrying") and the next answer continues where the log was.
class InterlinkLogReader : public RunLogReader {
public:
    // Returns the container output's last `tailLines` lines (0: all); throws FederationError.
    using Fetch = std::function<QString(int tailLines)>;

    InterlinkLogReader(Fetch fetch, const QString& runDirectory, int window = 200);
    RunLogChunk read() override;

    // Requests made, whole-log requests among them (for tests and measurements).
    int requests() const { return m_requests; }
    int fullRequests() const { return m_fullRequests; }
    bool fellBack() const { return m_fileMode; }

private:
    QStringList fetchLines(int tailLines);
    QStringList newLines();
    void remember(const QStringList& lines);

    Fetch m_fetch;
    RunLogFileReader m_file;
    int m_window;
    bool m_started = false;
    bool m_fileMode = false;
    bool m_inOutage = false;
    qint64 m_linesShown = 0;
    QStringList m_lastLines; // the last `window` lines shown
    int m_requests = 0;
    int m_fullRequests = 0;
};

// The reader for `record`: /getLogs for an interLink run that has a pod (its executor made from
// `settings`), log.txt otherwise; an interLink backend that cannot be made gives log.txt with a
// note saying why.
std::unique_ptr<RunLogReader> openRunLog(const twins::runs::RunRecord& record,
                                         const BackendSettings& settings);

} // namespace twins::federation
