#include "twinbench/runs/RunStatus.h"

#include "twinbench/runs/RunError.h"

namespace twins::runs {

QString isoTime(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseIsoTime(const QString& text) {
    // Fast path for the one form Twinbench writes, "2024-05-15T10:15:02.123Z": the registry
    // parses two per row, and QDateTime::fromString made listing 10,000 runs take ~100 ms.
    const auto digits = [&text](int from, int count, int& value) {
        value = 0;
        for (int i = from; i < from + count; ++i) {
            const QChar c = text[i];
            if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
                return false;
            }
            value = value * 10 + (c.unicode() - '0');
        }
        return true;
    };
    if (text.size() == 24 && text[4] == QLatin1Char('-') && text[7] == QLatin1Char('-') &&
        text[10] == QLatin1Char('T') && text[13] == QLatin1Char(':') &&
        text[16] == QLatin1Char(':') && text[19] == QLatin1Char('.') &&
        text[23] == QLatin1Char('Z')) {
        int year, month, day, hour, minute, second, millisecond;
        if (digits(0, 4, year) && digits(5, 2, month) && digits(8, 2, day) && digits(11, 2, hour) &&
            digits(14, 2, minute) && digits(17, 2, second) && digits(20, 3, millisecond)) {
            const QDate date(year, month, day);
            const QTime time(hour, minute, second, millisecond);
            if (date.isValid() && time.isValid()) {
                return QDateTime(date, time, Qt::UTC);
            }
        }
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

namespace {

QJsonValue timeValue(const QDateTime& time) {
    return time.isValid() ? QJsonValue(isoTime(time)) : QJsonValue(QJsonValue::Null);
}

QDateTime readTime(const QJsonObject& json, const QString& field, const QString& source) {
    const QJsonValue value = json.value(field);
    if (value.isUndefined() || value.isNull()) {
        return {};
    }
    const QDateTime time = value.isString() ? parseIsoTime(value.toString()) : QDateTime();
    if (!time.isValid()) {
        throw RunError(source,
                       QStringLiteral("field '%1' must be an ISO 8601 time or null").arg(field));
    }
    return time;
}

} // namespace

QJsonObject RunStatus::toJson() const {
    QJsonObject json;
    json.insert(QStringLiteral("state"), runStateName(state));
    json.insert(QStringLiteral("detail"), detail);
    json.insert(QStringLiteral("progress"), progress);
    json.insert(QStringLiteral("started"), timeValue(startedAt));
    json.insert(QStringLiteral("finished"), timeValue(finishedAt));
    json.insert(QStringLiteral("exit_code"),
                exitCode ? QJsonValue(*exitCode) : QJsonValue(QJsonValue::Null));
    if (!insitu.isEmpty()) {
        json.insert(QStringLiteral("insitu"), insitu);
    }
    return json;
}

RunStatus RunStatus::fromJson(const QJsonObject& json, const QString& source) {
    RunStatus status;
    const QJsonValue state = json.value(QStringLiteral("state"));
    if (state.isUndefined()) {
        throw RunError(source, QStringLiteral("missing field 'state'"));
    }
    const auto parsed = parseRunState(state.toString());
    if (!state.isString() || !parsed) {
        throw RunError(source, QStringLiteral("field 'state' must be one of created, queued, "
                                              "running, succeeded, failed, cancelled"));
    }
    status.state = *parsed;

    const QJsonValue detail = json.value(QStringLiteral("detail"));
    if (!detail.isUndefined() && !detail.isNull() && !detail.isString()) {
        throw RunError(source, QStringLiteral("field 'detail' must be a string"));
    }
    status.detail = detail.toString();

    const QJsonValue progress = json.value(QStringLiteral("progress"));
    if (!progress.isUndefined()) {
        if (!progress.isDouble() || progress.toDouble() < 0.0 || progress.toDouble() > 1.0) {
            throw RunError(source, QStringLiteral("field 'progress' must be a number in 0..1"));
        }
        status.progress = progress.toDouble();
    }

    status.startedAt = readTime(json, QStringLiteral("started"), source);
    status.finishedAt = readTime(json, QStringLiteral("finished"), source);

    const QJsonValue exitCode = json.value(QStringLiteral("exit_code"));
    if (!exitCode.isUndefined() && !exitCode.isNull()) {
        const double number = exitCode.toDouble(0.5);
        if (!exitCode.isDouble() || number != static_cast<int>(number)) {
            throw RunError(source, QStringLiteral("field 'exit_code' must be an integer or null"));
        }
        status.exitCode = static_cast<int>(number);
    }

    const QJsonValue insitu = json.value(QStringLiteral("insitu"));
    if (!insitu.isUndefined() && !insitu.isNull()) {
        if (!insitu.isObject()) {
            throw RunError(source, QStringLiteral("field 'insitu' must be an object"));
        }
        status.insitu = insitu.toObject();
    }
    return status;
}

} // namespace twins::runs
