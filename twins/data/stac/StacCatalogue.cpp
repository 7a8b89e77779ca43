#include "twinbench/data/stac/StacCatalogue.h"

#include "stac/StacJson.h"
#include "twinbench/data/remote/HttpError.h"

#include <QJsonDocument>

#include <set>

namespace twins::data::stac {

namespace {

class Walk {
public:
    Walk(const remote::HttpClient& client, const StacBrowseOptions& options,
         StacBrowseResult& result)
        : m_client(client), m_options(options), m_result(result) {}

    void start(const std::string& url) {
        m_visited.insert(url);
        readNode(url, fetch(url, {}, {}), m_result.root, 0);
    }

private:
    // The document at `url`, linked as `rel` from `parent` (empty for the root): a failure to
    // read it names the catalogue that links to it.
    QJsonObject fetch(const std::string& url, const std::string& parent, const std::string& rel) {
        ++m_result.documents;
        try {
            return fetchStacDocument(m_client, url);
        } catch (const remote::HttpError& error) {
            if (parent.empty() || error.cancelled()) {
                throw;
            }
            throw remote::HttpError(url, error.status(), false,
                                    error.reason() + " (linked as \"" + rel + "\" from " + parent +
                                        ")");
        }
    }

    void readNode(const std::string& url, const QJsonObject& document, StacNode& node, int depth) {
        node.url = url;
        node.type = stacType(url, document);
        if (node.type != "Catalog" && node.type != "Collection") {
            throw StacError(url, "type",
                            "expected \"Catalog\" or \"Collection\", found \"" + node.type + "\"");
        }
        node.id = document.value(QLatin1String("id")).toString().toStdString();
        if (node.id.empty()) {
            throw StacError(url, "id", "missing; a STAC " + node.type + " must have it");
        }
        node.title = document.value(QLatin1String("title")).toString().toStdString();
        node.description = document.value(QLatin1String("description")).toString().toStdString();
        for (const StacLink& link : stacLinks(url, document)) {
            if (full()) {
                return;
            }
            if (link.rel == "item") {
                const QJsonObject item = fetch(link.href, url, link.rel);
                node.items.push_back(parseStacItem(link.href, item, {}));
                ++m_result.itemCount;
            } else if (link.rel == "items") {
                readItemPages(link.href, url, node);
            } else if (link.rel == "child") {
                if (depth >= m_options.maxDepth) {
                    m_result.truncated = true;
                    continue;
                }
                if (!m_visited.insert(link.href).second) {
                    continue; // a catalogue reached twice (or a loop of links)
                }
                StacNode child;
                readNode(link.href, fetch(link.href, url, link.rel), child, depth + 1);
                node.children.push_back(std::move(child));
            }
        }
    }

    // A STAC API collection's items: ItemCollection pages joined by GET "next" links.
    void readItemPages(std::string pageUrl, const std::string& parent, StacNode& node) {
        std::set<std::string> seen;
        while (!pageUrl.empty() && seen.insert(pageUrl).second) {
            const QJsonObject page = fetch(pageUrl, parent, "items");
            const QJsonArray features = page.value(QLatin1String("features")).toArray();
            if (!page.value(QLatin1String("features")).isArray()) {
                throw StacError(pageUrl, "features", "missing; a STAC ItemCollection must have it");
            }
            for (qsizetype i = 0; i < features.size(); ++i) {
                if (full()) {
                    return;
                }
                node.items.push_back(parseStacItem(pageUrl, features[i].toObject(),
                                                   "features[" + std::to_string(i) + "]"));
                ++m_result.itemCount;
            }
            const std::optional<StacLink> next = findLink(stacLinks(pageUrl, page), "next", "GET");
            pageUrl = next ? next->href : std::string();
        }
    }

    bool full() {
        if (m_result.itemCount >= m_options.maxItems) {
            m_result.truncated = true;
            return true;
        }
        return false;
    }

    const remote::HttpClient& m_client;
    const StacBrowseOptions& m_options;
    StacBrowseResult& m_result;
    std::set<std::string> m_visited; // catalogues read (a loop of links is read once)
};

} // namespace

namespace {

QJsonObject nodeObject(const StacNode& node) {
    QJsonArray children;
    for (const StacNode& child : node.children) {
        children.append(nodeObject(child));
    }
    return QJsonObject{{"url", QString::fromStdString(node.url)},
                       {"type", QString::fromStdString(node.type)},
                       {"id", QString::fromStdString(node.id)},
                       {"title", QString::fromStdString(node.title)},
                       {"description", QString::fromStdString(node.description)},
                       {"children", children},
                       {"items", stacItemsArray(node.items)}};
}

} // namespace

std::string stacNodeJson(const StacNode& node) {
    return QJsonDocument(nodeObject(node)).toJson(QJsonDocument::Indented).toStdString();
}

StacBrowseResult browseStacCatalogue(const remote::HttpClient& client, const std::string& url,
                                     const StacBrowseOptions& options) {
    StacBrowseResult result;
    Walk walk(client, options, result);
    walk.start(url);
    return result;
}

} // namespace twins::data::stac
