#pragma once

#include "twinbench/data/Dataset.h"
#include "twinbench/data/RawArray.h"

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace twins::data {

// A least-recently-used cache of raw chunks with a byte budget, keyed by (variable path, flat
// chunk index). Chunks are held as shared_ptr<const RawArray> so a reader keeps its chunk alive
// even when another thread evicts it. Thread-safe; the lock is held only for bookkeeping, never
// during a read from disk (two threads missing the same chunk both read it; the second insert
// replaces the first, which is cheaper than serialising every read behind one lock).
class ChunkCache {
public:
    explicit ChunkCache(std::size_t budgetBytes);

    std::shared_ptr<const RawArray> find(const std::string& variablePath, std::uint64_t chunk);
    // A chunk larger than the whole budget is not kept.
    void insert(const std::string& variablePath, std::uint64_t chunk,
                std::shared_ptr<const RawArray> values);
    void clear();
    CacheStatistics statistics() const;
    std::size_t budgetBytes() const { return m_budget; }

private:
    struct Key {
        std::string variable;
        std::uint64_t chunk = 0;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& key) const {
            return std::hash<std::string>()(key.variable) ^
                   (std::hash<std::uint64_t>()(key.chunk) * 0x9E3779B97F4A7C15ULL);
        }
    };
    struct Entry {
        Key key;
        std::shared_ptr<const RawArray> values;
    };

    void evictToFit();

    const std::size_t m_budget;
    mutable std::mutex m_mutex;
    std::list<Entry> m_entries; // most recently used first
    std::unordered_map<Key, std::list<Entry>::iterator, KeyHash> m_index;
    CacheStatistics m_statistics;
};

} // namespace twins::data
