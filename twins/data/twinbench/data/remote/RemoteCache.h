#pragma once

// The on-disk cache of remote bytes: every range a RemoteFile fetched, kept in the user's cache
// folder so a view shown again (or a file opened again) costs only the HEAD that validates it.
// Entries belong to one version of an object, named by its ETag (else Last-Modified) and size:
// when RemoteFile::open sees another version, that object's entries are dropped. An entry is
// written to a temporary file and renamed into place only when its whole range arrived, so a
// read that failed halfway leaves nothing behind. The folder is bounded: past the budget the
// least recently used entries go (a hit touches its entry).
#include "twinbench/data/remote/HttpClient.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace twins::data::remote {

class RemoteCache {
public:
    RemoteCache(std::filesystem::path folder, std::uint64_t budgetBytes);

    const std::filesystem::path& folder() const { return m_folder; }

    // Drops the object's entries unless they belong to this version. False when the object has
    // no validator (no ETag and no Last-Modified): it is then never cached.
    bool validate(const std::string& url, const HttpObject& object);
    std::optional<std::vector<std::byte>> find(const std::string& url, std::uint64_t offset,
                                               std::size_t length);
    void store(const std::string& url, std::uint64_t offset, const std::vector<std::byte>& bytes);
    // Bytes of all entries on disk now.
    std::uint64_t bytesOnDisk() const;

    // The version of an object the cache holds bytes of, and when it was last confirmed by the
    // server (validate), for opening it when the server cannot be reached. nullopt when the
    // cache holds nothing of it.
    struct CachedVersion {
        HttpObject object;
        std::int64_t confirmedAt = 0; // seconds since the epoch, UTC
    };
    std::optional<CachedVersion> cachedVersion(const std::string& url) const;

private:
    std::filesystem::path objectFolder(const std::string& url) const;
    void evictOverBudget();

    std::filesystem::path m_folder;
    std::uint64_t m_budget;
    mutable std::mutex m_mutex;
};

// The process's cache: $TWINBENCH_REMOTE_CACHE when set ("off" turns caching off), else
// <user cache folder>/twinbench/remote; budget $TWINBENCH_REMOTE_CACHE_BYTES or 2 GiB. nullptr
// when off or when the folder cannot be made.
std::shared_ptr<RemoteCache> defaultRemoteCache();

} // namespace twins::data::remote
