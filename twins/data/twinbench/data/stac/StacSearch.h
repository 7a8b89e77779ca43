#pragma once

// Searching a STAC API (STAC API - Item Search): POST /search (or GET, when the API offers only
// that) with collections, bbox and datetime, following "next" links page by page up to a
// maximum number of items. Requests go through the HttpClient, so its rules apply (plain http
// only to this machine unless allowed, tokens only over https or to loopback, retries).
#include "twinbench/data/remote/HttpClient.h"
#include "twinbench/data/stac/StacItem.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace twins::data::stac {

struct StacSearchRequest {
    std::vector<std::string> collections;      // empty: all
    std::optional<std::array<double, 4>> bbox; // west, south, east, north (degrees)
    // An RFC 3339 instant, or an interval "A/B" with ".." (or nothing) for an open end.
    std::string datetime;
    int pageSize = 0;            // "limit" asked of the server; 0: the server's default
    std::size_t maxItems = 1000; // stop following "next" links after this many items
};

struct StacSearchResult {
    std::string searchUrl; // the endpoint searched
    std::string method;    // "POST" or "GET"
    std::vector<StacItem> items;
    int pages = 0;
    std::optional<std::uint64_t> matched; // numberMatched, when the server says
    bool truncated = false;               // the server had more ("next" link) beyond maxItems
};

// `url` is the API's landing page (its "search" link is used, POST preferred) or its /search
// endpoint. Throws HttpError (what the server answered, naming the URL), StacError (an answer
// that is not an ItemCollection of Items, naming the URL and the field), std::invalid_argument
// for a request that cannot be sent (a bad bbox or datetime).
StacSearchResult searchStac(const remote::HttpClient& client, const std::string& url,
                            const StacSearchRequest& request);

// "W,S,E,N" as four numbers; throws std::invalid_argument saying what is wrong.
std::array<double, 4> parseBbox(const std::string& text);
// Checks a datetime instant or interval as searchStac sends it; throws std::invalid_argument.
void checkDatetimeFilter(const std::string& text);

} // namespace twins::data::stac
