#pragma once

#include <QDateTime>
#include <QString>

namespace twins::app {

// How a report writes values: HTML-escaped text, 6 significant digits, UTC times.
QString escaped(const QString& text);
QString formatNumber(double value);
QString formatTime(const QDateTime& time);

} // namespace twins::app
