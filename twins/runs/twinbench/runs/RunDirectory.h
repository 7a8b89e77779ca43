#pragma once

#include "twinbench/runs/RunMetrics.h"
#include "twinbench/runs/RunSpec.h"
#include "twinbench/runs/RunStatus.h"

#include <QString>

#include <optional>

namespace twins::runs {

// A run on disk (see DESIGN.md, "Runs"):
//   spec.json      what to run (RunSpec) plus the run id
//   status.json    state, backend detail, progress, start/end times, exit code
//   log.txt        time-stamped lines
//   metrics.jsonl  one MetricPoint per line
//   outputs/       files the run produced
//   insitu/        Catalyst extracts
//   prov.json      W3C PROV-JSON, written when the run has finished (see Provenance.h)
// The directory is the truth that travels with the results (copied off a cluster, attached to
// a report); the registry only indexes it. Every failure throws RunError naming the file.
class RunDirectory {
public:
    // Makes the directory (parents included) and its files, the run in state created. Refuses
    // a directory that already holds a spec.json, so an existing run is never overwritten.
    static RunDirectory create(const QString& path, const QString& runId, const RunSpec& spec);
    // Opens an existing run directory; throws when it has no readable spec.json.
    static RunDirectory open(const QString& path);

    const QString& path() const { return m_path; }
    const QString& runId() const { return m_runId; }

    QString specPath() const;
    QString statusPath() const;
    QString logPath() const;
    QString metricsPath() const;
    QString outputsPath() const;
    QString insituPath() const;
    QString provenancePath() const;

    RunSpec spec() const;
    RunStatus status() const;
    // Replaces status.json atomically, as is; no transition check (see changeState).
    void writeStatus(const RunStatus& status) const;
    // Moves to `state` if the state machine allows it (else throws, leaving the file alone),
    // stamping the start time on entering running and the finish time on a terminal state.
    RunStatus changeState(RunState state, const QString& detail = {},
                          std::optional<int> exitCode = std::nullopt) const;
    // Updates progress (clamped to 0..1) and the backend detail without changing the state.
    RunStatus reportProgress(double progress, const QString& detail) const;

    // Appends "2024-05-15T10:15:02.123Z <text>" lines; multi-line text gets one stamp per line.
    void appendLog(const QString& text) const;
    void appendMetric(qint64 step, const QString& name, double value) const;
    MetricsReading metrics() const;

private:
    RunDirectory(QString path, QString runId);

    QString m_path;
    QString m_runId;
};

} // namespace twins::runs
