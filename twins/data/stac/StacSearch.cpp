#include "twinbench/data/stac/StacSearch.h"

#include "stac/StacJson.h"
#include "twinbench/data/remote/HttpError.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <set>
#include <stdexcept>

namespace twins::data::stac {

namespace {

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

QDateTime rfc3339(const QString& text) {
    const bool zoned = text.endsWith(QLatin1Char('Z'), Qt::CaseInsensitive) ||
                       (text.size() > 6 && (text[text.size() - 6] == QLatin1Char('+') ||
                                            text[text.size() - 6] == QLatin1Char('-')));
    if (!zoned || !text.contains(QLatin1Char('T'), Qt::CaseInsensitive)) {
        return {};
    }
    return QDateTime::fromString(text.toUpper(), Qt::ISODateWithMs);
}

QJsonObject requestBody(const StacSearchRequest& request) {
    QJsonObject body;
    if (!request.collections.empty()) {
        QJsonArray collections;
        for (const std::string& id : request.collections) {
            collections.append(q(id));
        }
        body["collections"] = collections;
    }
    if (request.bbox) {
        body["bbox"] = QJsonArray{(*request.bbox)[0], (*request.bbox)[1], (*request.bbox)[2],
                                  (*request.bbox)[3]};
    }
    if (!request.datetime.empty()) {
        body["datetime"] = q(request.datetime);
    }
    if (request.pageSize > 0) {
        body["limit"] = request.pageSize;
    }
    return body;
}

// The search as GET query parameters (lists comma-separated, as STAC API asks).
std::string withQuery(const std::string& endpoint, const QJsonObject& body) {
    QUrl url(q(endpoint));
    QUrlQuery query(url);
    for (auto it = body.begin(); it != body.end(); ++it) {
        QString value;
        if (it.value().isArray()) {
            QStringList parts;
            for (const QJsonValue& part : it.value().toArray()) {
                parts << (part.isDouble() ? QString::number(part.toDouble(), 'g', 17)
                                          : part.toString());
            }
            value = parts.join(QLatin1Char(','));
        } else if (it.value().isDouble()) {
            value = QString::number(it.value().toDouble(), 'g', 17);
        } else {
            value = it.value().toString();
        }
        query.removeAllQueryItems(it.key());
        query.addQueryItem(it.key(), value);
    }
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded).toStdString();
}

struct Page {
    std::vector<StacItem> items;
    std::optional<StacLink> next;
    std::optional<std::uint64_t> matched;
};

Page readPage(const std::string& url, const QJsonObject& document) {
    const std::string type = stacType(url, document);
    if (type != "FeatureCollection") {
        throw StacError(url, "type",
                        "expected \"FeatureCollection\" (a STAC ItemCollection), found \"" + type +
                            "\"");
    }
    const QJsonValue features = document.value(QLatin1String("features"));
    if (!features.isArray()) {
        throw StacError(url, "features",
                        features.isUndefined() ? "missing; a STAC ItemCollection must have it"
                                               : "expected an array of Items");
    }
    Page page;
    const QJsonArray array = features.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const std::string field = "features[" + std::to_string(i) + "]";
        if (!array[i].isObject()) {
            throw StacError(url, field, "expected an Item object");
        }
        page.items.push_back(parseStacItem(url, array[i].toObject(), field));
    }
    page.next = findLink(stacLinks(url, document), "next");
    const QJsonValue matched = document.value(QLatin1String("numberMatched"));
    if (matched.isDouble() && matched.toDouble() >= 0) {
        page.matched = static_cast<std::uint64_t>(matched.toDouble());
    }
    return page;
}

bool isSearchEndpoint(const std::string& url) {
    QString path = QUrl(q(url)).path();
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    return path.endsWith(QLatin1String("/search"));
}

} // namespace

std::array<double, 4> parseBbox(const std::string& text) {
    const QStringList parts = q(text).split(QLatin1Char(','));
    if (parts.size() != 4) {
        throw std::invalid_argument("bbox '" + text +
                                    "': expected four numbers WEST,SOUTH,EAST,NORTH in degrees");
    }
    std::array<double, 4> box{};
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        box[static_cast<std::size_t>(i)] = parts[i].trimmed().toDouble(&ok);
        if (!ok) {
            throw std::invalid_argument("bbox '" + text + "': '" + parts[i].toStdString() +
                                        "' is not a number");
        }
    }
    const auto [west, south, east, north] = box;
    if (west < -180 || west > 180 || east < -180 || east > 180) {
        throw std::invalid_argument("bbox '" + text + "': longitudes must lie in -180..180");
    }
    if (south < -90 || north > 90 || south > north) {
        throw std::invalid_argument("bbox '" + text +
                                    "': latitudes must lie in -90..90 with SOUTH <= NORTH");
    }
    return box;
}

void checkDatetimeFilter(const std::string& text) {
    const QString value = q(text);
    const QStringList parts = value.split(QLatin1Char('/'));
    const auto bad = [&](const std::string& why) {
        throw std::invalid_argument("datetime '" + text + "': " + why +
                                    " (an RFC 3339 instant like 2020-01-31T00:00:00Z, or an "
                                    "interval A/B with '..' for an open end)");
    };
    if (parts.size() > 2) {
        bad("more than one '/'");
    }
    QDateTime ends[2];
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (parts.size() == 2 && (parts[i].isEmpty() || parts[i] == QLatin1String(".."))) {
            continue;
        }
        ends[i] = rfc3339(parts[i]);
        if (!ends[i].isValid()) {
            bad("'" + parts[i].toStdString() + "' is not an RFC 3339 date-time");
        }
    }
    if (parts.size() == 2 && !ends[0].isValid() && !ends[1].isValid()) {
        bad("both ends are open");
    }
    if (ends[0].isValid() && ends[1].isValid() && ends[0] > ends[1]) {
        bad("the interval ends before it starts");
    }
}

StacSearchResult searchStac(const remote::HttpClient& client, const std::string& url,
                            const StacSearchRequest& request) {
    if (request.bbox) {
        const auto& box = *request.bbox;
        parseBbox(std::to_string(box[0]) + "," + std::to_string(box[1]) + "," +
                  std::to_string(box[2]) + "," + std::to_string(box[3]));
    }
    if (!request.datetime.empty()) {
        checkDatetimeFilter(request.datetime);
    }
    StacSearchResult result;
    if (isSearchEndpoint(url)) {
        result.searchUrl = url;
        result.method = "POST";
    } else {
        const QJsonObject landing = fetchStacDocument(client, url);
        const std::vector<StacLink> links = stacLinks(url, landing);
        std::optional<StacLink> search = findLink(links, "search", "POST");
        if (!search) {
            search = findLink(links, "search");
        }
        if (!search) {
            throw StacError(
                url, "links",
                "no link with rel \"search\": this is not a STAC API with item "
                "search (a static catalogue can be browsed: twinbench-run stac browse)");
        }
        result.searchUrl = search->href;
        result.method = search->method;
    }

    const QJsonObject firstBody = requestBody(request);
    QJsonObject body = firstBody;
    std::string endpoint =
        result.method == "GET" ? withQuery(result.searchUrl, body) : result.searchUrl;
    std::string method = result.method;
    std::set<std::string> seen;
    while (true) {
        const std::string postBody =
            method == "POST" ? QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString()
                             : "";
        if (!seen.insert(method + " " + endpoint + " " + postBody).second) {
            throw StacError(endpoint, "links",
                            "the \"next\" link leads to the page just read again (page " +
                                std::to_string(result.pages + 1) + ")");
        }
        QJsonObject document;
        try {
            document = fetchStacDocument(client, endpoint, method == "POST" ? postBody : "");
        } catch (const remote::HttpError& error) {
            // POST /search is optional in STAC API; GET is required: ask again by GET.
            if (error.status() != 405 || method != "POST" || result.pages != 0) {
                throw;
            }
            method = result.method = "GET";
            endpoint = withQuery(result.searchUrl, body);
            continue;
        }
        Page page = readPage(endpoint, document);
        ++result.pages;
        if (page.matched && !result.matched) {
            result.matched = page.matched;
        }
        for (StacItem& item : page.items) {
            if (result.items.size() >= request.maxItems) {
                result.truncated = true;
                break;
            }
            result.items.push_back(std::move(item));
        }
        if (!page.next || result.truncated) {
            break;
        }
        if (result.items.size() >= request.maxItems) {
            result.truncated = true;
            break;
        }
        method = page.next->method;
        endpoint = page.next->href;
        if (method == "POST") {
            // STAC API paging: the link's body replaces the request's, or with "merge" is
            // merged into the first request.
            QJsonObject next = page.next->merge ? firstBody : QJsonObject{};
            for (auto it = page.next->body.begin(); it != page.next->body.end(); ++it) {
                next[it.key()] = it.value();
            }
            body = next;
        }
    }
    return result;
}

} // namespace twins::data::stac
