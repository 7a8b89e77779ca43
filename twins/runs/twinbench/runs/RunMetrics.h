#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace twins::runs {

// One sample of a metric, one line of metrics.jsonl:
// {"step": 12, "name": "loss", "value": 0.31, "time": "2024-05-15T10:15:02.123Z"}
struct MetricPoint {
    qint64 step = 0;
    QString name;
    double value = 0.0;
    QDateTime time;

    friend bool operator==(const MetricPoint&, const MetricPoint&) = default;
};

struct MetricsReading {
    QList<MetricPoint> points;
    // Lines that could not be read: a run killed in the middle of a write leaves a truncated
    // last line, which must not hide the metrics before it.
    int skippedLines = 0;
};

// Appends one line. Throws RunError naming the file.
void appendMetric(const QString& path, const MetricPoint& point);

// Reads every complete line; blank lines are ignored, unreadable ones counted in skippedLines.
// A missing file reads as no metrics (a run that has not reported any yet). Throws RunError
// naming the file when it exists but cannot be opened.
MetricsReading readMetrics(const QString& path);

} // namespace twins::runs
