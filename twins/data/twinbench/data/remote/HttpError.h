#pragma once

#include "twinbench/data/DataError.h"

#include <string>

namespace twins::data::remote {

// A request that failed: path() is the URL, status() the HTTP status (0 when no answer came).
class HttpError : public DataError {
public:
    HttpError(const std::string& url, long status, bool cancelled, std::string reason)
        : DataError(url, "", std::move(reason)), m_status(status), m_cancelled(cancelled) {}
    long status() const { return m_status; }
    bool cancelled() const { return m_cancelled; }

private:
    long m_status;
    bool m_cancelled;
};

} // namespace twins::data::remote
