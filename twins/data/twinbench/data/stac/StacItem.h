#pragma once

// STAC (SpatioTemporal Asset Catalog) items as the rest of Twinbench sees them: what a search
// or a catalogue walk found, with asset hrefs already made absolute so an asset opens like any
// URL (RemoteDataset.h).
#include "twinbench/data/DataError.h"

#include <string>
#include <utility>
#include <vector>

namespace twins::data::stac {

// A STAC document that cannot be used: path() is its URL; the message names the field
// ("features[2].properties.datetime") and what was expected.
class StacError : public DataError {
public:
    StacError(const std::string& url, std::string field, const std::string& reason);
    const std::string& field() const { return m_field; }

private:
    std::string m_field;
};

struct StacAsset {
    std::string key;  // its name in the item's "assets"
    std::string href; // absolute: a URL, or a local path for a catalogue on disk
    std::string type; // media type, may be empty
    std::string title;
    std::vector<std::string> roles;
    bool hasRole(const std::string& role) const;
};

struct StacItem {
    std::string id;
    std::string collection;    // may be empty
    std::string datetime;      // RFC 3339; empty when the item has a range instead
    std::string startDatetime; // start_datetime/end_datetime when given
    std::string endDatetime;
    std::vector<double> bbox; // west, south, (min height,) east, north, (max height); or empty
    // The "properties" object: as compact JSON, and as (name, value) pairs whose values are
    // strings as they are and anything else as compact JSON, by name.
    std::string propertiesJson;
    std::vector<std::pair<std::string, std::string>> properties;
    std::vector<StacAsset> assets;
    std::string sourceUrl; // where the item was read (its self link when it has one)

    // The asset with role "thumbnail" (or named "thumbnail"), or nullptr.
    const StacAsset* thumbnail() const;
    // The asset to open by default: role "data" first, then any asset that is not a thumbnail
    // or metadata; nullptr when there is none.
    const StacAsset* primaryAsset() const;
    // "datetime", or "start/end" for an item with a range.
    std::string timeText() const;
};

// The items as a JSON array (for `twinbench-run stac ... --json`): per item id, collection,
// datetime, start_datetime, end_datetime, bbox, properties (as the server sent them), assets
// {key: {href, type, title, roles}} and thumbnail (its href or null).
std::string stacItemsJson(const std::vector<StacItem>& items);

} // namespace twins::data::stac
