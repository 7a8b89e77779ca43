#include "twinbench/runs/RunMetrics.h"

#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunStatus.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace twins::runs {

namespace {

bool parseLine(const QByteArray& line, MetricPoint& point) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return false;
    }
    const QJsonObject json = document.object();
    const QJsonValue step = json.value(QStringLiteral("step"));
    const QJsonValue name = json.value(QStringLiteral("name"));
    const QJsonValue value = json.value(QStringLiteral("value"));
    if (!step.isDouble() || !name.isString() || !value.isDouble()) {
        return false;
    }
    point.step = static_cast<qint64>(step.toDouble());
    point.name = name.toString();
    point.value = value.toDouble();
    point.time = parseIsoTime(json.value(QStringLiteral("time")).toString());
    return true;
}

} // namespace

void appendMetric(const QString& path, const MetricPoint& point) {
    QJsonObject json;
    json.insert(QStringLiteral("step"), point.step);
    json.insert(QStringLiteral("name"), point.name);
    // JSON has no NaN or infinity; QJsonDocument would silently write them as null, so refuse.
    if (!std::isfinite(point.value)) {
        throw RunError(path, QStringLiteral("metric '%1' at step %2 is not a finite number")
                                 .arg(point.name)
                                 .arg(point.step));
    }
    json.insert(QStringLiteral("value"), point.value);
    json.insert(QStringLiteral("time"),
                isoTime(point.time.isValid() ? point.time : QDateTime::currentDateTimeUtc()));
    // One write() of the whole line, so concurrent appenders (O_APPEND) never interleave lines.
    const QByteArray line = QJsonDocument(json).toJson(QJsonDocument::Compact) + '\n';
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        throw RunError(path, QStringLiteral("cannot append: %1").arg(file.errorString()));
    }
    if (file.write(line) != line.size() || !file.flush()) {
        throw RunError(path, QStringLiteral("cannot append: %1").arg(file.errorString()));
    }
}

MetricsReading readMetrics(const QString& path) {
    MetricsReading reading;
    QFile file(path);
    if (!file.exists()) {
        return reading;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        throw RunError(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    }
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.trimmed().isEmpty()) {
            continue;
        }
        MetricPoint point;
        if (parseLine(line, point)) {
            reading.points << point;
        } else {
            ++reading.skippedLines;
        }
    }
    return reading;
}

} // namespace twins::runs
