#pragma once

#include "twinbench/runs/RunState.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace twins::runs {

// The changing part of a run, as stored in its status.json.
struct RunStatus {
    RunState state = RunState::Created;
    QString detail;        // the backend's own words, e.g. SLURM's "(Resources)" pending reason
    double progress = 0.0; // 0..1
    QDateTime startedAt;   // invalid until the run starts
    QDateTime finishedAt;  // invalid until the run reaches a terminal state
    std::optional<int> exitCode;
    // The newest in-situ extract while the run publishes (twins/insitu): {"step", "file",
    // "count", "time"}; empty (and absent from status.json) otherwise. Kept by every state and
    // progress change, so a reader on another node follows it through status.json alone.
    QJsonObject insitu;

    // Times are written as ISO 8601 UTC with milliseconds; absent values as null.
    QJsonObject toJson() const;
    // Throws RunError naming `source` and the offending field.
    static RunStatus fromJson(const QJsonObject& json, const QString& source);

    friend bool operator==(const RunStatus&, const RunStatus&) = default;
};

// ISO 8601 in UTC with milliseconds ("2024-05-15T10:15:02.123Z"), the form used in every run
// file and in the registry.
QString isoTime(const QDateTime& time);
QDateTime parseIsoTime(const QString& text);

} // namespace twins::runs
