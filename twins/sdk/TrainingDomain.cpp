#include "twinbench/sdk/TrainingDomain.h"

#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TwinModule.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <optional>

namespace twins::sdk {

namespace {

struct NumberRange {
    double low = 0.0;
    double high = 0.0;
};

QString text(const QJsonValue& value) {
    if (value.isDouble()) {
        return QString::number(value.toDouble(), 'g', 8);
    }
    if (value.isString()) {
        return value.toString();
    }
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& item : value.toArray()) {
            parts << text(item);
        }
        return QStringLiteral("[%1]").arg(parts.join(QStringLiteral(", ")));
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

std::optional<NumberRange> numberRange(const QJsonValue& value) {
    if (value.isDouble()) {
        return NumberRange{value.toDouble(), value.toDouble()};
    }
    const QJsonArray array = value.toArray();
    if (array.size() == 2 && array[0].isDouble() && array[1].isDouble()) {
        return NumberRange{std::min(array[0].toDouble(), array[1].toDouble()),
                           std::max(array[0].toDouble(), array[1].toDouble())};
    }
    return std::nullopt;
}

std::optional<QDate> isoDate(const QJsonValue& value) {
    const QDate date = QDate::fromString(value.toString(), Qt::ISODate);
    return date.isValid() ? std::optional<QDate>(date) : std::nullopt;
}

// A period is two ISO dates; a request may also be one date.
std::optional<std::pair<QDate, QDate>> period(const QJsonValue& value) {
    if (value.isString()) {
        if (const auto date = isoDate(value)) {
            return std::pair{*date, *date};
        }
        return std::nullopt;
    }
    const QJsonArray array = value.toArray();
    if (array.size() != 2) {
        return std::nullopt;
    }
    const auto first = isoDate(array[0]);
    const auto last = isoDate(array[1]);
    if (!first || !last) {
        return std::nullopt;
    }
    return std::pair{std::min(*first, *last), std::max(*first, *last)};
}

std::optional<QStringList> categories(const QJsonValue& value) {
    if (value.isString()) {
        return QStringList{value.toString()};
    }
    if (!value.isArray() || value.toArray().isEmpty()) {
        return std::nullopt;
    }
    QStringList names;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString()) {
            return std::nullopt;
        }
        names << item.toString();
    }
    return names;
}

bool nearlyEqual(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

// nullopt when inside; otherwise why not (empty: plainly outside).
std::optional<QString> departure(const QJsonValue& trained, const QJsonValue& requested) {
    if (trained.isDouble()) {
        const auto asked = numberRange(requested);
        if (!asked) {
            return QStringLiteral("not a number");
        }
        return nearlyEqual(asked->low, trained.toDouble()) &&
                       nearlyEqual(asked->high, trained.toDouble())
                   ? std::nullopt
                   : std::optional<QString>(QString());
    }
    if (const auto range = numberRange(trained)) {
        const auto asked = numberRange(requested);
        if (!asked) {
            return QStringLiteral("not a number or a range of numbers");
        }
        const double slack = 1e-9 * std::max({1.0, std::abs(range->low), std::abs(range->high)});
        return asked->low >= range->low - slack && asked->high <= range->high + slack
                   ? std::nullopt
                   : std::optional<QString>(QString());
    }
    if (const auto trainedPeriod = period(trained)) {
        const auto asked = period(requested);
        if (!asked) {
            return QStringLiteral("not an ISO date or period");
        }
        return asked->first >= trainedPeriod->first && asked->second <= trainedPeriod->second
                   ? std::nullopt
                   : std::optional<QString>(QString());
    }
    if (const auto names = categories(trained)) {
        const auto asked = categories(requested);
        if (!asked) {
            return QStringLiteral("not a name or a list of names");
        }
        for (const QString& name : *asked) {
            if (!names->contains(name)) {
                return QString();
            }
        }
        return std::nullopt;
    }
    return QStringLiteral("the model card's value cannot be compared");
}

} // namespace

QString DomainCheck::summary() const {
    QStringList parts;
    for (const DomainDeparture& item : departures) {
        parts << QStringLiteral("%1: requested %2, trained %3")
                     .arg(item.dimension, item.requested, item.trained);
    }
    return parts.join(QStringLiteral("; "));
}

DomainCheck checkTrainingDomain(const QJsonObject& trainedDomain,
                                const QJsonObject& requestedDomain) {
    DomainCheck check;
    for (auto it = trainedDomain.begin(); it != trainedDomain.end(); ++it) {
        if (!requestedDomain.contains(it.key())) {
            check.unchecked << it.key();
            continue;
        }
        check.checked << it.key();
        const QJsonValue requested = requestedDomain.value(it.key());
        if (const auto why = departure(it.value(), requested)) {
            QString asked = text(requested);
            if (!why->isEmpty()) {
                asked += QStringLiteral(" (%1)").arg(*why);
            }
            check.departures.append({it.key(), text(it.value()), asked});
        }
    }
    // A dimension asked for that the model never saw is a departure too: the card cannot vouch
    // for it (e.g. a scenario given to a model whose card names no scenario).
    for (auto it = requestedDomain.begin(); it != requestedDomain.end(); ++it) {
        if (!trainedDomain.contains(it.key())) {
            check.checked << it.key();
            check.departures.append(
                {it.key(), QStringLiteral("not in the training domain"), text(it.value())});
        }
    }
    return check;
}

QJsonObject domainCheckJson(const DomainCheck& check, const QString& model,
                            const QJsonObject& trainedDomain, const QJsonObject& requestedDomain) {
    QJsonArray departures;
    for (const DomainDeparture& item : check.departures) {
        departures.append(QJsonObject{{QStringLiteral("dimension"), item.dimension},
                                      {QStringLiteral("trained"), item.trained},
                                      {QStringLiteral("requested"), item.requested}});
    }
    return QJsonObject{{QStringLiteral("format"), QString::fromLatin1(domainCheckFormat)},
                       {QStringLiteral("model"), model},
                       {QStringLiteral("inside"), check.inside()},
                       {QStringLiteral("departures"), departures},
                       {QStringLiteral("checked"), QJsonArray::fromStringList(check.checked)},
                       {QStringLiteral("unchecked"), QJsonArray::fromStringList(check.unchecked)},
                       {QStringLiteral("requested"), requestedDomain},
                       {QStringLiteral("trained"), trainedDomain}};
}

QJsonObject readTrainingDomain(const QString& modelOutputDirectory) {
    const QString path = QDir(modelOutputDirectory).filePath(QStringLiteral("model.json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw SdkError(path,
                       QStringLiteral("cannot read the model card: %1").arg(file.errorString()));
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        throw SdkError(path, QStringLiteral("the model card is not a JSON object"));
    }
    return document.object().value(QStringLiteral("training_domain")).toObject();
}

DomainCheck writeDomainCheck(const QString& outputDirectory, const QString& model,
                             const QJsonObject& trainedDomain, const QJsonObject& requestedDomain) {
    const DomainCheck check = checkTrainingDomain(trainedDomain, requestedDomain);
    writeJsonFile(QDir(outputDirectory).filePath(QString::fromLatin1(domainCheckFileName)),
                  domainCheckJson(check, model, trainedDomain, requestedDomain));
    return check;
}

DomainCheck recordTrainingDomain(ActionContext& context, const QString& modelOutputDirectory,
                                 const QJsonObject& requestedDomain) {
    const QJsonObject trainedDomain = readTrainingDomain(modelOutputDirectory);
    const DomainCheck check = writeDomainCheck(context.outputDirectory(), modelOutputDirectory,
                                               trainedDomain, requestedDomain);
    if (!check.inside()) {
        context.log(QStringLiteral("warning: outside the model's training domain: %1; the model "
                                   "extrapolates there")
                        .arg(check.summary()));
    }
    return check;
}

} // namespace twins::sdk
