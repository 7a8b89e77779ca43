#pragma once

// Where the HTTP client may send a request, checked before any connection is made: plain
// http:// only to this machine (loopback) unless the user allowed it, and a bearer token only
// over https:// or to loopback (a token sent in clear text could be replayed by anyone on the
// path).
#include <string>

namespace twins::data::remote {

// Throws HttpError (status 0) naming the URL when the request must not be sent.
void checkRequestPolicy(const std::string& url, bool allowPlainHttp, bool sendsToken);

} // namespace twins::data::remote
