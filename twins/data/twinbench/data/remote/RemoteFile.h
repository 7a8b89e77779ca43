#pragma once

// One remote object read by byte ranges: what the HDF5 driver and GDAL's file system see as a
// file. Large reads (a chunk) are one range request each, exactly the bytes asked for; small
// reads (HDF5 object headers and B-tree nodes, TIFF tags) are served from aligned blocks kept in
// a small LRU, so opening a file costs a few requests instead of hundreds.
#include "twinbench/data/remote/HttpClient.h"
#include "twinbench/data/remote/HttpError.h"
#include "twinbench/data/remote/RemoteCache.h"

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace twins::data::remote {

class RemoteFile {
public:
    // Reads below this many bytes go through the block cache.
    static constexpr std::size_t blockBytes = std::size_t(32) << 10;
    static constexpr std::size_t maxBlocks = 128; // 4 MiB per file

    // stat()s the object; throws HttpError (404 naming the URL, ...). With a cache, ranges are
    // looked up there first and kept there once fetched (RemoteCache.h). When the server gives
    // no answer at all and the cache holds bytes of the object, it opens offline on the cached
    // version (RemoteOffline.h says so to whoever shows it).
    static std::shared_ptr<RemoteFile> open(std::shared_ptr<const HttpClient> client,
                                            const std::string& url,
                                            std::shared_ptr<RemoteCache> cache = nullptr);
    // The cached version without asking the server (which gave no answer: `unreachable`), or
    // rethrows `unreachable` when the cache holds nothing of the object.
    static std::shared_ptr<RemoteFile> openOffline(std::shared_ptr<const HttpClient> client,
                                                   const std::string& url,
                                                   std::shared_ptr<RemoteCache> cache,
                                                   const HttpError& unreachable);

    const std::string& url() const { return m_url; }
    std::uint64_t size() const { return m_object.size; }
    const HttpObject& object() const { return m_object; }
    const HttpClient& client() const { return *m_client; }
    bool offline() const { return m_offline; }

    // Copies bytes [offset, offset + length) into out; bytes past the end of the object are
    // zero (HDF5 reads up to its end-of-allocation). Throws HttpError.
    void read(std::uint64_t offset, std::size_t length, std::byte* out) const;

private:
    RemoteFile(std::shared_ptr<const HttpClient> client, std::string url, HttpObject object,
               std::shared_ptr<RemoteCache> cache);
    std::vector<std::byte> fetch(std::uint64_t offset, std::size_t length) const;
    void readThroughBlocks(std::uint64_t offset, std::size_t length, std::byte* out) const;

    std::shared_ptr<const HttpClient> m_client;
    std::string m_url;
    HttpObject m_object;
    std::shared_ptr<RemoteCache> m_cache; // null: not cached
    bool m_offline = false;               // reading the cached version only
    mutable std::mutex m_mutex;
    mutable std::list<std::uint64_t> m_lru; // block indices, most recent first
    mutable std::unordered_map<
        std::uint64_t, std::pair<std::vector<std::byte>, std::list<std::uint64_t>::iterator>>
        m_blocks;
};

} // namespace twins::data::remote
