// Checking one parameter value against its spec: the single place that decides what a valid
// value of each ParameterType is, shared by resolve(), --set parsing and the metadata's defaults.
#include "twinbench/sdk/ParameterSchema.h"
#include "twinbench/sdk/SdkError.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>

namespace twins::sdk {

namespace {

// Integers travel as JSON numbers (doubles); beyond 2^53 they would silently lose digits.
constexpr double largestExactInteger = 9007199254740992.0;

QString numberText(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString rangeText(const ParameterSpec& spec) {
    if (spec.minimum && spec.maximum) {
        return QStringLiteral(" in [%1, %2]")
            .arg(numberText(*spec.minimum), numberText(*spec.maximum));
    }
    if (spec.minimum) {
        return QStringLiteral(" >= %1").arg(numberText(*spec.minimum));
    }
    if (spec.maximum) {
        return QStringLiteral(" <= %1").arg(numberText(*spec.maximum));
    }
    return {};
}

std::optional<QDateTime> parseIsoDateOrTime(const QString& text) {
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10) {
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        return std::nullopt;
    }
    if (time.timeSpec() == Qt::LocalTime) {
        time.setTimeSpec(Qt::UTC); // no offset given: CF and ERA5 times are UTC
    }
    return time;
}

bool isDateRange(const QString& text) {
    const QStringList parts = text.split(QLatin1Char('/'));
    if (parts.size() != 2) {
        return false;
    }
    const auto start = parseIsoDateOrTime(parts[0].trimmed());
    const auto end = parseIsoDateOrTime(parts[1].trimmed());
    return start && end && *start <= *end;
}

[[noreturn]] void rejectValue(const ParameterSpec& spec, const QJsonValue& value,
                              const QString& problem) {
    throw SdkError(QStringLiteral("parameter '%1'").arg(spec.key),
                   QStringLiteral("%1 %2; expected %3")
                       .arg(jsonValueText(value), problem, spec.expectation()));
}

} // namespace

QString jsonValueText(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return numberText(value.toDouble());
    case QJsonValue::String:
        return QLatin1Char('\'') + value.toString() + QLatin1Char('\'');
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("(nothing)");
}

QString ParameterSpec::expectation() const {
    const QString unitText = unit.isEmpty() ? QString() : QStringLiteral(" ") + unit;
    switch (type) {
    case ParameterType::Number:
        return QStringLiteral("a number") + rangeText(*this) + unitText;
    case ParameterType::Integer:
        return QStringLiteral("an integer") + rangeText(*this) + unitText;
    case ParameterType::Enum:
        return QStringLiteral("one of ") + choices.join(QStringLiteral(", "));
    case ParameterType::Bool:
        return QStringLiteral("true or false");
    case ParameterType::String:
        return QStringLiteral("text");
    case ParameterType::DateRange:
        return QStringLiteral("an ISO 8601 date range START/END with START <= END, e.g. "
                              "2017-09-01/2017-09-30");
    case ParameterType::Path:
        return QStringLiteral("a non-empty file or dataset path");
    }
    return {};
}

QJsonValue checkParameterValue(const ParameterSpec& spec, const QJsonValue& value) {
    const auto checkRange = [&](double number) {
        if ((spec.minimum && number < *spec.minimum) || (spec.maximum && number > *spec.maximum)) {
            rejectValue(spec, value, QStringLiteral("is out of range"));
        }
    };
    switch (spec.type) {
    case ParameterType::Number:
        if (!value.isDouble() || !std::isfinite(value.toDouble())) {
            rejectValue(spec, value, QStringLiteral("is not a finite number"));
        }
        checkRange(value.toDouble());
        return value;
    case ParameterType::Integer: {
        const double number = value.toDouble();
        if (!value.isDouble() || std::trunc(number) != number ||
            std::abs(number) > largestExactInteger) {
            rejectValue(spec, value, QStringLiteral("is not an integer"));
        }
        checkRange(number);
        return QJsonValue(static_cast<qint64>(number));
    }
    case ParameterType::Enum:
        if (!value.isString()) {
            rejectValue(spec, value, QStringLiteral("is not text"));
        }
        if (!spec.choices.contains(value.toString())) {
            rejectValue(spec, value, QStringLiteral("is not a known choice"));
        }
        return value;
    case ParameterType::Bool:
        if (!value.isBool()) {
            rejectValue(spec, value, QStringLiteral("is not a boolean"));
        }
        return value;
    case ParameterType::String:
        if (!value.isString()) {
            rejectValue(spec, value, QStringLiteral("is not text"));
        }
        return value;
    case ParameterType::DateRange:
        if (!value.isString() || !isDateRange(value.toString())) {
            rejectValue(spec, value, QStringLiteral("is not a valid date range"));
        }
        return value;
    case ParameterType::Path:
        if (!value.isString() || value.toString().trimmed().isEmpty()) {
            rejectValue(spec, value, QStringLiteral("is not a path"));
        }
        return value;
    }
    rejectValue(spec, value, QStringLiteral("has an unsupported type"));
}

QJsonValue parseParameterText(const ParameterSpec& spec, const QString& text) {
    const QString trimmed = text.trimmed();
    const QLocale c = QLocale::c();
    bool ok = false;
    switch (spec.type) {
    case ParameterType::Number: {
        const double number = c.toDouble(trimmed, &ok);
        if (!ok) {
            rejectValue(spec, text, QStringLiteral("is not a number"));
        }
        return checkParameterValue(spec, number);
    }
    case ParameterType::Integer: {
        const qlonglong number = c.toLongLong(trimmed, &ok);
        if (!ok) {
            rejectValue(spec, text, QStringLiteral("is not an integer"));
        }
        return checkParameterValue(spec, static_cast<double>(number));
    }
    case ParameterType::Bool: {
        const QString lower = trimmed.toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("yes") ||
            lower == QLatin1String("on") || lower == QLatin1String("1")) {
            return true;
        }
        if (lower == QLatin1String("false") || lower == QLatin1String("no") ||
            lower == QLatin1String("off") || lower == QLatin1String("0")) {
            return false;
        }
        rejectValue(spec, text,
                    QStringLiteral("is not a boolean (true/false, yes/no, on/off, 1/0)"));
    }
    case ParameterType::Enum:
    case ParameterType::DateRange:
        return checkParameterValue(spec, trimmed);
    case ParameterType::String:
    case ParameterType::Path:
        // Kept verbatim: leading spaces can be meaningful in text, and paths are the user's.
        return checkParameterValue(spec, text);
    }
    rejectValue(spec, text, QStringLiteral("has an unsupported type"));
}

} // namespace twins::sdk
