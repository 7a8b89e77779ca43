#pragma once

// Objects this process read from the on-disk cache because their server could not be reached
// (no answer at all: refused, unreachable, timed out; an HTTP error such as 404 or 403 is never
// taken as "offline"). Whoever shows or records what was read says so: the GUI beside the
// opened file, `twinbench-run inspect|slice` on stderr, and the provenance of a slice.
#include "twinbench/data/remote/HttpClient.h"

#include <cstdint>
#include <string>
#include <vector>

namespace twins::data::remote {

struct OfflineCopy {
    std::string url; // without credentials (urlForRecords)
    HttpObject object;
    std::int64_t confirmedAt = 0; // when the server last confirmed this version (epoch seconds)
    std::string reason;           // why the server was not used
};

void noteOfflineCopy(const std::string& url, const HttpObject& object, std::int64_t confirmedAt,
                     const std::string& reason);
std::vector<OfflineCopy> offlineCopies();

// One sentence for people when `url` (or an object under it, for a Zarr store) was opened
// offline: which URL, which version and when it was last confirmed; "" otherwise.
std::string offlineNotice(const std::string& url);

// "2026-12-07 14:03 UTC"
std::string utcText(std::int64_t secondsSinceEpoch);

} // namespace twins::data::remote
