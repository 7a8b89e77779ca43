#include "answers/AnswerJson.h"

#include <QStringList>
#include <QtEndian>

#include <cmath>
#include <limits>

namespace twins::app {

namespace answerjson {

void refuse(const QString& field, const QString& expected) {
    throw ExploreAnswerError(
        QStringLiteral("answer field '%1': expected %2").arg(field, expected).toStdString());
}

QString text(const QJsonObject& object, const QString& key, const QString& where) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        return {};
    }
    if (!value.isString()) {
        refuse(where + key, QStringLiteral("text"));
    }
    return value.toString();
}

double number(const QJsonValue& value, const QString& field) {
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        refuse(field, QStringLiteral("a finite number"));
    }
    return value.toDouble();
}

QJsonArray array(const QJsonObject& object, const QString& key, const QString& where,
                 bool required) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined() && !required) {
        return {};
    }
    if (!value.isArray()) {
        refuse(where + key, QStringLiteral("an array"));
    }
    return value.toArray();
}

QJsonObject object(const QJsonValue& value, const QString& field) {
    if (!value.isObject()) {
        refuse(field, QStringLiteral("an object"));
    }
    return value.toObject();
}

std::vector<double> numbers(const QJsonArray& values, const QString& field) {
    std::vector<double> result;
    result.reserve(static_cast<std::size_t>(values.size()));
    for (int index = 0; index < values.size(); ++index) {
        const QJsonValue value = values.at(index);
        // null stands for a missing value (an empty bin): JSON has no NaN.
        result.push_back(value.isNull()
                             ? std::numeric_limits<double>::quiet_NaN()
                             : number(value, QStringLiteral("%1[%2]").arg(field).arg(index)));
    }
    return result;
}

QString valueText(const QJsonValue& value) {
    if (value.isDouble()) {
        return QString::number(value.toDouble(), 'g', 6);
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    }
    if (value.isString()) {
        return value.toString();
    }
    return QStringLiteral("–");
}

// "metrics": {name: value} with units from "units": {name: unit}, or an ordered array
// [{"name", "value", "units"}].
QList<ExploreMetric> metrics(const QJsonObject& answer, bool required) {
    const QJsonValue metrics = answer.value(QStringLiteral("metrics"));
    QList<ExploreMetric> rows;
    if (metrics.isUndefined() && !required) {
        return rows;
    }
    if (metrics.isArray()) {
        const QJsonArray entries = metrics.toArray();
        for (int index = 0; index < entries.size(); ++index) {
            const QString where = QStringLiteral("metrics[%1].").arg(index);
            const QJsonObject entry = object(entries.at(index), where.chopped(1));
            const QString name = text(entry, QStringLiteral("name"), where);
            if (name.isEmpty()) {
                refuse(where + QStringLiteral("name"), QStringLiteral("non-empty text"));
            }
            rows.append({name, valueText(entry.value(QStringLiteral("value"))),
                         text(entry, QStringLiteral("units"), where)});
        }
        return rows;
    }
    const QJsonObject byName = object(metrics, QStringLiteral("metrics"));
    const QJsonObject units = answer.value(QStringLiteral("units")).toObject();
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        rows.append({it.key(), valueText(it.value()), units.value(it.key()).toString()});
    }
    return rows;
}

int wholeNumber(const QJsonValue& value, const QString& field, int largest) {
    const double count = number(value, field);
    if (count < 1 || count > largest || std::trunc(count) != count) {
        refuse(field, QStringLiteral("a whole number in [1, %1]").arg(largest));
    }
    return static_cast<int>(count);
}

QByteArray base64Bytes(const QJsonObject& object, const QString& key, const QString& where,
                       std::size_t bytes, const QString& holding) {
    const QByteArray raw = QByteArray::fromBase64(text(object, key, where).toLatin1());
    if (static_cast<std::size_t>(raw.size()) != bytes) {
        refuse(
            where + key,
            QStringLiteral("%1 bytes (%2), got %3 bytes").arg(bytes).arg(holding).arg(raw.size()));
    }
    return raw;
}

std::vector<float> littleEndianFloats(const QByteArray& bytes) {
    std::vector<float> values(static_cast<std::size_t>(bytes.size()) / sizeof(float));
    const auto* raw = reinterpret_cast<const uchar*>(bytes.constData());
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = qFromLittleEndian<float>(raw + i * sizeof(float));
    }
    return values;
}

} // namespace answerjson

using namespace answerjson;

ExploreAnswerHeader readAnswerHeader(const QJsonObject& answer) {
    ExploreAnswerHeader header;
    header.title = text(answer, QStringLiteral("title"), QString());
    const QJsonValue conditions = answer.value(QStringLiteral("conditions"));
    if (conditions.isUndefined()) {
        return header;
    }
    QStringList parts;
    const QJsonObject byName = object(conditions, QStringLiteral("conditions"));
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        if (it.value().isObject()) {
            const QJsonObject condition = it.value().toObject();
            const QString units = condition.value(QStringLiteral("units")).toString();
            parts.append(QStringLiteral("%1 %2%3").arg(
                it.key(), valueText(condition.value(QStringLiteral("value"))),
                units.isEmpty() ? QString() : QLatin1Char(' ') + units));
        } else {
            parts.append(QStringLiteral("%1 %2").arg(it.key(), valueText(it.value())));
        }
    }
    header.conditions = parts.join(QStringLiteral(", "));
    return header;
}

} // namespace twins::app
