#include "twinbench/data/stac/StacItem.h"

#include "stac/StacJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <algorithm>

namespace twins::data::stac {

namespace {

std::string describedField(const std::string& field, const std::string& reason) {
    return field.empty() ? reason : "field " + field + ": " + reason;
}

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace

StacError::StacError(const std::string& url, std::string field, const std::string& reason)
    : DataError(url, "", describedField(field, reason)), m_field(std::move(field)) {}

bool StacAsset::hasRole(const std::string& role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const StacAsset* StacItem::thumbnail() const {
    for (const StacAsset& asset : assets) {
        if (asset.hasRole("thumbnail")) {
            return &asset;
        }
    }
    for (const StacAsset& asset : assets) {
        if (asset.key == "thumbnail") {
            return &asset;
        }
    }
    return nullptr;
}

const StacAsset* StacItem::primaryAsset() const {
    for (const StacAsset& asset : assets) {
        if (asset.hasRole("data")) {
            return &asset;
        }
    }
    for (const StacAsset& asset : assets) {
        if (&asset != thumbnail() && !asset.hasRole("metadata") && !asset.hasRole("overview")) {
            return &asset;
        }
    }
    return nullptr;
}

std::string StacItem::timeText() const {
    if (!datetime.empty()) {
        return datetime;
    }
    return startDatetime + "/" + endDatetime;
}

QJsonArray stacItemsArray(const std::vector<StacItem>& items) {
    QJsonArray array;
    for (const StacItem& item : items) {
        QJsonObject object;
        object["id"] = q(item.id);
        object["collection"] =
            item.collection.empty() ? QJsonValue() : QJsonValue(q(item.collection));
        object["datetime"] = item.datetime.empty() ? QJsonValue() : QJsonValue(q(item.datetime));
        if (!item.startDatetime.empty()) {
            object["start_datetime"] = q(item.startDatetime);
            object["end_datetime"] = q(item.endDatetime);
        }
        QJsonArray bbox;
        for (double value : item.bbox) {
            bbox.append(value);
        }
        object["bbox"] = bbox;
        object["properties"] =
            QJsonDocument::fromJson(QByteArray::fromStdString(item.propertiesJson)).object();
        QJsonObject assets;
        for (const StacAsset& asset : item.assets) {
            QJsonArray roles;
            for (const std::string& role : asset.roles) {
                roles.append(q(role));
            }
            assets[q(asset.key)] = QJsonObject{{"href", q(asset.href)},
                                               {"type", q(asset.type)},
                                               {"title", q(asset.title)},
                                               {"roles", roles}};
        }
        object["assets"] = assets;
        const StacAsset* thumbnail = item.thumbnail();
        object["thumbnail"] = thumbnail != nullptr ? QJsonValue(q(thumbnail->href)) : QJsonValue();
        array.append(object);
    }
    return array;
}

std::string stacItemsJson(const std::vector<StacItem>& items) {
    return QJsonDocument(stacItemsArray(items)).toJson(QJsonDocument::Indented).toStdString();
}

} // namespace twins::data::stac
