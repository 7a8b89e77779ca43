#pragma once

// Reading STAC JSON documents (private to twins/data/stac): parsing with errors that name the
// URL and the field, links, relative hrefs and items.
#include "twinbench/data/remote/HttpClient.h"
#include "twinbench/data/stac/StacItem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <string>

namespace twins::data::stac {

// The JSON object at `location` (an http(s)/dav(s)/s3 URL read through `client`, or a local
// file path). Throws HttpError for what the server answered, StacError for a document that is
// not a JSON object (naming the URL, and the offset of a syntax error).
QJsonObject fetchStacDocument(const remote::HttpClient& client, const std::string& location,
                              const std::string& postBody = {});

// `href` made absolute against the document it was read from (`base`, a URL or local path).
std::string resolveHref(const std::string& base, const std::string& href);

struct StacLink {
    std::string rel;
    std::string href; // absolute
    std::string type;
    std::string title;
    std::string method; // "GET" or "POST" (STAC API paging links); "GET" when not given
    QJsonObject body;   // of a POST link
    bool merge = false; // merge `body` into the original request
};

// The "links" of a document (may be absent: none), each checked to have href and rel.
std::vector<StacLink> stacLinks(const std::string& url, const QJsonObject& document,
                                const std::string& fieldPrefix = {});
// The first link with `rel` (and `method`, when given), or nothing.
std::optional<StacLink> findLink(const std::vector<StacLink>& links, const std::string& rel,
                                 const std::string& method = {});

// One STAC Item (fieldPrefix e.g. "features[3]" for the messages). Throws StacError.
StacItem parseStacItem(const std::string& url, const QJsonObject& item,
                       const std::string& fieldPrefix);

// The "type" of a document ("Catalog", "Collection", "Feature", "FeatureCollection"). Throws
// StacError when it is missing or not a string.
std::string stacType(const std::string& url, const QJsonObject& document);

// The items as stacItemsJson writes them (StacItem.h).
QJsonArray stacItemsArray(const std::vector<StacItem>& items);

} // namespace twins::data::stac
