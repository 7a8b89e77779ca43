#include "twinbench/data/remote/RequestPolicy.h"

#include "twinbench/data/remote/HttpError.h"
#include "twinbench/data/remote/RemoteUrl.h"

namespace twins::data::remote {

void checkRequestPolicy(const std::string& url, bool allowPlainHttp, bool sendsToken) {
    if (!isRemoteUrl(url)) {
        throw HttpError(url, 0, false, "not an http(s):// or dav(s):// URL");
    }
    const std::string sent = transferUrl(url); // dav(s):// is http(s):// on the wire
    const bool https = sent[4] == 's' || sent[4] == 'S';
    const std::string host = urlHost(url);
    if (host.empty()) {
        throw HttpError(url, 0, false, "the URL cannot be parsed");
    }
    const bool loopback = isLoopbackHost(host);
    if (!https && !loopback && !allowPlainHttp) {
        throw HttpError(url, 0, false,
                        "plain http:// is allowed only to this machine (loopback); use https:// "
                        "or allow plain http for " +
                            host + " in the settings");
    }
    if (sendsToken && !https && !loopback) {
        throw HttpError(url, 0, false,
                        "refusing to send the access token over plain http:// to " + host +
                            ": tokens go only over https:// or to this machine");
    }
}

} // namespace twins::data::remote
