#include "stac/StacJson.h"

#include "twinbench/data/remote/RemoteUrl.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace twins::data::stac {

namespace {

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

std::string joined(const std::string& prefix, const std::string& name) {
    return prefix.empty() ? name : prefix + "." + name;
}

std::string jsonKind(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "a boolean";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
    }
    return "missing";
}

// A required string member: its value, or StacError naming the field.
std::string requiredString(const std::string& url, const QJsonObject& object,
                           const std::string& prefix, const char* name, const char* what) {
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isUndefined()) {
        throw StacError(url, joined(prefix, name),
                        std::string("missing; a STAC ") + what + " must have it");
    }
    if (!value.isString() || value.toString().isEmpty()) {
        throw StacError(url, joined(prefix, name),
                        "expected a non-empty string, found " + jsonKind(value));
    }
    return value.toString().toStdString();
}

std::string optionalString(const std::string& url, const QJsonObject& object,
                           const std::string& prefix, const char* name) {
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull()) {
        return {};
    }
    if (!value.isString()) {
        throw StacError(url, joined(prefix, name), "expected a string, found " + jsonKind(value));
    }
    return value.toString().toStdString();
}

// RFC 3339 (section 5.6) date-time: a date, "T", a time, and Z or an offset.
std::string checkedDatetime(const std::string& url, const std::string& field,
                            const std::string& text) {
    const QString value = q(text);
    const bool zoned = value.endsWith(QLatin1Char('Z'), Qt::CaseInsensitive) ||
                       (value.size() > 6 && (value[value.size() - 6] == QLatin1Char('+') ||
                                             value[value.size() - 6] == QLatin1Char('-')));
    if (!zoned || !value.contains(QLatin1Char('T'), Qt::CaseInsensitive) ||
        !QDateTime::fromString(value.toUpper(), Qt::ISODateWithMs).isValid()) {
        throw StacError(url, field,
                        "'" + text + "' is not an RFC 3339 date-time (like 2020-01-31T12:00:00Z)");
    }
    return text;
}

} // namespace

QJsonObject fetchStacDocument(const remote::HttpClient& client, const std::string& location,
                              const std::string& postBody) {
    QByteArray bytes;
    if (remote::isRemoteUrl(location)) {
        bytes = QByteArray::fromStdString(client.exchangeJson(location, postBody));
    } else {
        QFile file(q(location));
        if (!file.open(QIODevice::ReadOnly)) {
            throw StacError(location, "",
                            "cannot read the file: " + file.errorString().toStdString());
        }
        bytes = file.readAll();
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        throw StacError(location, "",
                        "the answer is not valid JSON (" + error.errorString().toStdString() +
                            " at byte " + std::to_string(error.offset) + " of " +
                            std::to_string(bytes.size()) + ")");
    }
    if (!document.isObject()) {
        throw StacError(location, "",
                        "expected a JSON object (a STAC document), found " +
                            std::string(document.isArray() ? "an array" : "no object"));
    }
    return document.object();
}

std::string resolveHref(const std::string& base, const std::string& href) {
    const QUrl reference(q(href));
    if (!reference.isRelative() && reference.scheme().size() > 1) {
        return href; // absolute (a one-letter "scheme" is a Windows drive)
    }
    if (remote::isRemoteUrl(base)) {
        return QUrl(q(base)).resolved(reference).toString().toStdString();
    }
    if (QFileInfo(q(href)).isAbsolute()) {
        return href;
    }
    return QDir::cleanPath(QFileInfo(q(base)).dir().filePath(q(href))).toStdString();
}

std::vector<StacLink> stacLinks(const std::string& url, const QJsonObject& document,
                                const std::string& fieldPrefix) {
    std::vector<StacLink> links;
    const QJsonValue value = document.value(QLatin1String("links"));
    if (value.isUndefined()) {
        return links;
    }
    const std::string field = joined(fieldPrefix, "links");
    if (!value.isArray()) {
        throw StacError(url, field, "expected an array of links, found " + jsonKind(value));
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const std::string at = field + "[" + std::to_string(i) + "]";
        if (!array[i].isObject()) {
            throw StacError(url, at, "expected a link object, found " + jsonKind(array[i]));
        }
        const QJsonObject object = array[i].toObject();
        StacLink link;
        link.rel = requiredString(url, object, at, "rel", "link");
        link.href = resolveHref(url, requiredString(url, object, at, "href", "link"));
        link.type = optionalString(url, object, at, "type");
        link.title = optionalString(url, object, at, "title");
        link.method = optionalString(url, object, at, "method");
        if (link.method.empty()) {
            link.method = "GET";
        }
        if (link.method != "GET" && link.method != "POST") {
            throw StacError(url, at + ".method",
                            "expected GET or POST, found '" + link.method + "'");
        }
        link.body = object.value(QLatin1String("body")).toObject();
        link.merge = object.value(QLatin1String("merge")).toBool(false);
        links.push_back(std::move(link));
    }
    return links;
}

std::optional<StacLink> findLink(const std::vector<StacLink>& links, const std::string& rel,
                                 const std::string& method) {
    for (const StacLink& link : links) {
        if (link.rel == rel && (method.empty() || link.method == method)) {
            return link;
        }
    }
    return std::nullopt;
}

std::string stacType(const std::string& url, const QJsonObject& document) {
    return requiredString(url, document, "", "type", "document");
}

StacItem parseStacItem(const std::string& url, const QJsonObject& object,
                       const std::string& prefix) {
    StacItem item;
    const std::string type = requiredString(url, object, prefix, "type", "Item");
    if (type != "Feature") {
        throw StacError(url, joined(prefix, "type"),
                        "expected \"Feature\" (a STAC Item), found \"" + type + "\"");
    }
    item.id = requiredString(url, object, prefix, "id", "Item");
    const std::string at = prefix.empty() ? "" : prefix + " (id " + item.id + ")";
    item.collection = optionalString(url, object, at, "collection");

    const QJsonValue properties = object.value(QLatin1String("properties"));
    if (!properties.isObject()) {
        throw StacError(url, joined(at, "properties"),
                        "expected an object, found " + jsonKind(properties));
    }
    const QJsonObject props = properties.toObject();
    const std::string propsField = joined(at, "properties");
    const QJsonValue datetime = props.value(QLatin1String("datetime"));
    if (datetime.isUndefined()) {
        throw StacError(url, propsField + ".datetime",
                        "missing; a STAC Item must have it (null only with start_datetime and "
                        "end_datetime)");
    }
    item.startDatetime = optionalString(url, props, propsField, "start_datetime");
    item.endDatetime = optionalString(url, props, propsField, "end_datetime");
    if (datetime.isNull()) {
        if (item.startDatetime.empty() || item.endDatetime.empty()) {
            throw StacError(url, propsField + ".datetime",
                            "is null but start_datetime and end_datetime are not both given");
        }
    } else if (datetime.isString()) {
        item.datetime =
            checkedDatetime(url, propsField + ".datetime", datetime.toString().toStdString());
    } else {
        throw StacError(url, propsField + ".datetime",
                        "expected an RFC 3339 string or null, found " + jsonKind(datetime));
    }
    if (!item.startDatetime.empty()) {
        checkedDatetime(url, propsField + ".start_datetime", item.startDatetime);
        checkedDatetime(url, propsField + ".end_datetime", item.endDatetime);
    }
    item.propertiesJson = QJsonDocument(props).toJson(QJsonDocument::Compact).toStdString();
    for (auto it = props.begin(); it != props.end(); ++it) {
        const QJsonValue value = it.value();
        std::string text;
        if (value.isString()) {
            text = value.toString().toStdString();
        } else if (value.isObject() || value.isArray()) {
            text = (value.isObject() ? QJsonDocument(value.toObject())
                                     : QJsonDocument(value.toArray()))
                       .toJson(QJsonDocument::Compact)
                       .toStdString();
        } else {
            // Numbers, booleans and null as JSON writes them.
            text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).toStdString();
            text = text.substr(1, text.size() - 2);
        }
        item.properties.emplace_back(it.key().toStdString(), text);
    }

    const QJsonValue bbox = object.value(QLatin1String("bbox"));
    if (!bbox.isUndefined() && !bbox.isNull()) {
        const QJsonArray values = bbox.toArray();
        if (!bbox.isArray() || (values.size() != 4 && values.size() != 6)) {
            throw StacError(url, joined(at, "bbox"), "expected an array of 4 or 6 numbers");
        }
        for (const QJsonValue& value : values) {
            if (!value.isDouble()) {
                throw StacError(url, joined(at, "bbox"),
                                "expected numbers, found " + jsonKind(value));
            }
            item.bbox.push_back(value.toDouble());
        }
    }

    // Relative hrefs are relative to the item's own (self) URL, else to the document's.
    item.sourceUrl = url;
    for (const StacLink& link : stacLinks(url, object, at)) {
        if (link.rel == "self") {
            item.sourceUrl = link.href;
        }
    }
    const QJsonValue assets = object.value(QLatin1String("assets"));
    if (!assets.isObject()) {
        throw StacError(url, joined(at, "assets"),
                        assets.isUndefined() ? "missing; a STAC Item must have it"
                                             : "expected an object, found " + jsonKind(assets));
    }
    const QJsonObject assetObject = assets.toObject();
    for (auto it = assetObject.begin(); it != assetObject.end(); ++it) {
        const std::string field = joined(at, "assets." + it.key().toStdString());
        if (!it.value().isObject()) {
            throw StacError(url, field, "expected an asset object, found " + jsonKind(it.value()));
        }
        const QJsonObject entry = it.value().toObject();
        StacAsset asset;
        asset.key = it.key().toStdString();
        asset.href =
            resolveHref(item.sourceUrl, requiredString(url, entry, field, "href", "Asset"));
        asset.type = optionalString(url, entry, field, "type");
        asset.title = optionalString(url, entry, field, "title");
        const QJsonValue roles = entry.value(QLatin1String("roles"));
        if (!roles.isUndefined() && !roles.isArray()) {
            throw StacError(url, field + ".roles",
                            "expected an array of strings, found " + jsonKind(roles));
        }
        for (const QJsonValue& role : roles.toArray()) {
            asset.roles.push_back(role.toString().toStdString());
        }
        item.assets.push_back(std::move(asset));
    }
    return item;
}

} // namespace twins::data::stac
