#include "twinbench/data/remote/RemoteFile.h"

#include "twinbench/data/remote/RemoteOffline.h"
#include "twinbench/data/remote/RemoteReadLog.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace twins::data::remote {

std::shared_ptr<RemoteFile> RemoteFile::openOffline(std::shared_ptr<const HttpClient> client,
                                                    const std::string& url,
                                                    std::shared_ptr<RemoteCache> cache,
                                                    const HttpError& unreachable) {
    const auto cached =
        cache != nullptr ? cache->cachedVersion(url) : std::optional<RemoteCache::CachedVersion>();
    if (!cached) {
        throw unreachable;
    }
    noteOfflineCopy(url, cached->object, cached->confirmedAt, unreachable.reason());
    auto file = std::shared_ptr<RemoteFile>(
        new RemoteFile(std::move(client), url, cached->object, std::move(cache)));
    file->m_offline = true;
    return file;
}

std::shared_ptr<RemoteFile> RemoteFile::open(std::shared_ptr<const HttpClient> client,
                                             const std::string& url,
                                             std::shared_ptr<RemoteCache> cache) {
    HttpObject object;
    try {
        object = client->stat(url);
    } catch (const HttpError& error) {
        if (!error.unreachable() || cache == nullptr) {
            throw;
        }
        return openOffline(std::move(client), url, std::move(cache), error);
    }
    if (cache != nullptr && !cache->validate(url, object)) {
        cache = nullptr; // no validator: a cached copy could never be trusted
    }
    return std::shared_ptr<RemoteFile>(
        new RemoteFile(std::move(client), url, std::move(object), std::move(cache)));
}

RemoteFile::RemoteFile(std::shared_ptr<const HttpClient> client, std::string url, HttpObject object,
                       std::shared_ptr<RemoteCache> cache)
    : m_client(std::move(client)), m_url(std::move(url)), m_object(std::move(object)),
      m_cache(std::move(cache)) {}

std::vector<std::byte> RemoteFile::fetch(std::uint64_t offset, std::size_t length) const {
    if (m_cache != nullptr) {
        if (auto cached = m_cache->find(m_url, offset, length)) {
            noteRemoteRead(m_url, m_object, offset, *cached, true);
            return std::move(*cached);
        }
    }
    if (m_offline) {
        throw HttpError(m_url, 0, false,
                        "the server cannot be reached and bytes " + std::to_string(offset) + "-" +
                            std::to_string(offset + length - 1) +
                            " of this object were never read while it could (offline: only what "
                            "was shown before can be shown again)");
    }
    std::vector<std::byte> bytes = m_client->getRange(m_url, offset, length, &m_object);
    if (m_cache != nullptr) {
        m_cache->store(m_url, offset, bytes);
    }
    noteRemoteRead(m_url, m_object, offset, bytes, false); // for provenance (RemoteReadLog.h)
    return bytes;
}

void RemoteFile::read(std::uint64_t offset, std::size_t length, std::byte* out) const {
    // What lies past the end of the object reads as zeros.
    const std::uint64_t end = offset + length;
    if (end > m_object.size) {
        const std::size_t inside =
            offset >= m_object.size ? 0 : static_cast<std::size_t>(m_object.size - offset);
        std::memset(out + inside, 0, length - inside);
        length = inside;
    }
    if (length == 0) {
        return;
    }
    if (length >= blockBytes) {
        const std::vector<std::byte> bytes = fetch(offset, length);
        std::memcpy(out, bytes.data(), length);
        return;
    }
    readThroughBlocks(offset, length, out);
}

void RemoteFile::readThroughBlocks(std::uint64_t offset, std::size_t length, std::byte* out) const {
    std::lock_guard lock(m_mutex);
    const std::uint64_t first = offset / blockBytes;
    const std::uint64_t last = (offset + length - 1) / blockBytes;
    // Fetch the missing blocks of [first, last] (at most two: length < blockBytes) in one
    // request when they are adjacent.
    std::uint64_t missingFirst = last + 1;
    std::uint64_t missingLast = first;
    for (std::uint64_t block = first; block <= last; ++block) {
        if (m_blocks.find(block) == m_blocks.end()) {
            missingFirst = std::min(missingFirst, block);
            missingLast = std::max(missingLast, block);
        }
    }
    if (missingFirst <= missingLast) {
        const std::uint64_t from = missingFirst * blockBytes;
        const std::uint64_t to =
            std::min<std::uint64_t>((missingLast + 1) * blockBytes, m_object.size);
        const std::vector<std::byte> bytes = fetch(from, static_cast<std::size_t>(to - from));
        for (std::uint64_t block = missingFirst; block <= missingLast; ++block) {
            const std::size_t begin = static_cast<std::size_t>((block - missingFirst) * blockBytes);
            const std::size_t stop = std::min(bytes.size(), begin + blockBytes);
            std::vector<std::byte> data(bytes.begin() + static_cast<std::ptrdiff_t>(begin),
                                        bytes.begin() + static_cast<std::ptrdiff_t>(stop));
            if (m_blocks.find(block) != m_blocks.end()) {
                continue;
            }
            m_lru.push_front(block);
            m_blocks.emplace(block, std::make_pair(std::move(data), m_lru.begin()));
        }
    }
    for (std::uint64_t block = first; block <= last; ++block) {
        auto& entry = m_blocks.at(block);
        m_lru.splice(m_lru.begin(), m_lru, entry.second); // most recently used
        const std::uint64_t blockStart = block * blockBytes;
        const std::uint64_t from = std::max(offset, blockStart);
        const std::uint64_t to =
            std::min<std::uint64_t>(offset + length, blockStart + entry.first.size());
        if (from < to) {
            std::memcpy(out + (from - offset), entry.first.data() + (from - blockStart),
                        static_cast<std::size_t>(to - from));
        }
    }
    while (m_blocks.size() > maxBlocks) {
        m_blocks.erase(m_lru.back());
        m_lru.pop_back();
    }
}

} // namespace twins::data::remote
