#include "report/ReportFormatting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace twins::app {

QString escaped(const QString& text) {
    return text.toHtmlEscaped();
}

QString formatNumber(double value) {
    return QString::number(value, 'g', 6);
}

QString formatTime(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                          : QStringLiteral("-");
}

QString formatJsonValue(const QJsonValue& value) {
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        return formatNumber(value.toDouble());
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (value.isArray()) {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    if (value.isObject()) {
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return QStringLiteral("null");
}

} // namespace twins::app
