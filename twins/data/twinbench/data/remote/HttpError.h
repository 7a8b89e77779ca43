#pragma once

#include "twinbench/data/DataError.h"

#include <string>

namespace twins::data::remote {

// A request that failed: path() is the URL, status() the HTTP status (0 when no answer came).
// unreachable(): the server gave no answer at all (refused, no route, timed out, dropped), as
// opposed to an answer, a cancel or a request the policy refused to send.
class HttpError : public DataError {
public:
    HttpError(const std::string& url, long status, bool cancelled, std::string reason,
              bool unreachable = false)
        : DataError(url, "", std::move(reason)), m_status(status), m_cancelled(cancelled),
          m_unreachable(unreachable) {}
    long status() const { return m_status; }
    bool cancelled() const { return m_cancelled; }
    bool unreachable() const { return m_unreachable; }

private:
    long m_status;
    bool m_cancelled;
    bool m_unreachable;
};

} // namespace twins::data::remote
