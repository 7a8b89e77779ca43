#pragma once

// Browsing a static STAC catalogue: catalog.json -> child catalogues and collections -> items,
// read recursively by their links (relative hrefs resolved against each document). Works on a
// STAC API's landing page too: its child links lead to collections, whose "items" link is an
// ItemCollection read page by page. A local catalogue (a path instead of a URL) is read from
// disk.
#include "twinbench/data/remote/HttpClient.h"
#include "twinbench/data/stac/StacItem.h"

#include <cstddef>
#include <string>
#include <vector>

namespace twins::data::stac {

struct StacNode {
    std::string url;
    std::string type; // "Catalog" or "Collection"
    std::string id;
    std::string title;
    std::string description;
    std::vector<StacNode> children;
    std::vector<StacItem> items;
};

struct StacBrowseOptions {
    int maxDepth = 8;            // levels of child catalogues below the root
    std::size_t maxItems = 2000; // over the whole walk; more items are not read
};

struct StacBrowseResult {
    StacNode root;
    std::size_t itemCount = 0;
    std::size_t documents = 0; // documents (pages) read
    bool truncated = false;    // maxItems or maxDepth stopped the walk
};

// Throws HttpError (naming the document's URL; a missing child names the catalogue linking to
// it) or StacError (naming the URL and the field).
StacBrowseResult browseStacCatalogue(const remote::HttpClient& client, const std::string& url,
                                     const StacBrowseOptions& options = {});

// The walked tree as JSON: {url, type, id, title, description, children: [...], items: [...]}
// with items as stacItemsJson writes them.
std::string stacNodeJson(const StacNode& node);

} // namespace twins::data::stac
