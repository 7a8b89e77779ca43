#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace twins::app {

// How a report writes values: HTML-escaped text, 6 significant digits, UTC times.
QString escaped(const QString& text);
QString formatNumber(double value);
QString formatTime(const QDateTime& time);
// A parameter's value as one line: strings as they are, numbers as formatNumber, arrays and
// objects as compact JSON, null as "null".
QString formatJsonValue(const QJsonValue& value);

} // namespace twins::app
