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

} // namespace

bool isRemoteUrl(const std::string& path) {
    return startsWithNoCase(path, "http://") || startsWithNoCase(path, "https://");
}

std::string urlHost(const std::string& url) {
    CURLU* handle = curl_url();
    std::string host;
    if (handle != nullptr && curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
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

} // namespace twins::data::remote
