#include "twinbench/data/remote/RemoteUrl.h"

#include <algorithm>
#include <cctype>
#include <curl/curl.h>

namespace twins::data::remote {

namespace {

bool startsWithNoCase(const std::string& text, const std::string& prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
}

// Query parameter names whose values are credentials.
bool carriesCredential(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name.rfind("x-amz-", 0) == 0) {
        return true;
    }
    for (const char* word :
         {"token", "sig", "key", "secret", "passw", "credential", "auth", "session", "code"}) {
        if (name.find(word) != std::string::npos) {
            return true;
        }
    }
    return false;
}

std::string redactedQuery(const std::string& query) {
    std::string result;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string::npos) {
            end = query.size();
        }
        std::string pair = query.substr(start, end - start);
        const std::size_t equals = pair.find('=');
        if (equals != std::string::npos && carriesCredential(pair.substr(0, equals))) {
            pair = pair.substr(0, equals + 1) + "REDACTED";
        }
        result += (result.empty() && start == 0 ? "" : "&") + pair;
        start = end + 1;
    }
    return result;
}

} // namespace

std::string urlForRecords(const std::string& url) {
    CURLU* handle = curl_url();
    std::string shown;
    if (handle != nullptr &&
        curl_url_set(handle, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
        curl_url_set(handle, CURLUPART_USER, nullptr, 0);
        curl_url_set(handle, CURLUPART_PASSWORD, nullptr, 0);
        curl_url_set(handle, CURLUPART_OPTIONS, nullptr, 0);
        char* query = nullptr;
        if (curl_url_get(handle, CURLUPART_QUERY, &query, 0) == CURLUE_OK && query != nullptr) {
            const std::string redacted = redactedQuery(query);
            curl_free(query);
            curl_url_set(handle, CURLUPART_QUERY, redacted.c_str(), 0);
        }
        char* whole = nullptr;
        if (curl_url_get(handle, CURLUPART_URL, &whole, 0) == CURLUE_OK && whole != nullptr) {
            shown = whole;
            curl_free(whole);
        }
    }
    curl_url_cleanup(handle);
    // A text libcurl cannot parse is not shown at all: it might be anything.
    return shown.empty() ? std::string("(a URL that cannot be parsed)") : shown;
}

bool isRemoteUrl(const std::string& path) {
    return startsWithNoCase(path, "http://") || startsWithNoCase(path, "https://") ||
           startsWithNoCase(path, "dav://") || startsWithNoCase(path, "davs://") || isS3Url(path);
}

bool isS3Url(const std::string& url) {
    return startsWithNoCase(url, "s3://") && url.size() > 5;
}

std::string transferUrl(const std::string& url) {
    if (startsWithNoCase(url, "davs://")) {
        return "https://" + url.substr(7);
    }
    if (startsWithNoCase(url, "dav://")) {
        return "http://" + url.substr(6);
    }
    return url;
}

std::string urlHost(const std::string& url) {
    CURLU* handle = curl_url();
    std::string host;
    if (handle != nullptr &&
        curl_url_set(handle, CURLUPART_URL, transferUrl(url).c_str(), 0) == CURLUE_OK) {
        char* part = nullptr;
        if (curl_url_get(handle, CURLUPART_HOST, &part, 0) == CURLUE_OK && part != nullptr) {
            host = part;
            curl_free(part);
        }
    }
    curl_url_cleanup(handle);
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return host;
}

bool isLoopbackHost(const std::string& host) {
    if (host == "localhost" || host == "[::1]" || host == "::1") {
        return true;
    }
    // 127.0.0.0/8 written as a dotted quad: "127." followed by digits and dots only.
    return host.rfind("127.", 0) == 0 && std::all_of(host.begin(), host.end(), [](unsigned char c) {
               return std::isdigit(c) || c == '.';
           });
}

bool recordedUnder(const std::string& recorded, const std::string& source) {
    std::string prefix = urlForRecords(source);
    while (!prefix.empty() && prefix.back() == '/') {
        prefix.pop_back();
    }
    return recorded == prefix || recorded.rfind(prefix + "/", 0) == 0;
}

} // namespace twins::data::remote
