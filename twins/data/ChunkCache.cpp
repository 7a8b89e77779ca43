#include "twinbench/data/ChunkCache.h"

namespace twins::data {

ChunkCache::ChunkCache(std::size_t budgetBytes) : m_budget(budgetBytes) {
    m_statistics.budgetBytes = budgetBytes;
}

std::shared_ptr<const RawArray> ChunkCache::find(const std::string& variablePath,
                                                 std::uint64_t chunk) {
    std::lock_guard lock(m_mutex);
    const auto found = m_index.find(Key{variablePath, chunk});
    if (found == m_index.end()) {
        ++m_statistics.misses;
        return nullptr;
    }
    ++m_statistics.hits;
    m_entries.splice(m_entries.begin(), m_entries, found->second);
    return found->second->values;
}

void ChunkCache::insert(const std::string& variablePath, std::uint64_t chunk,
                        std::shared_ptr<const RawArray> values) {
    const std::size_t size = values->bytes.size();
    if (size > m_budget) {
        return;
    }
    std::lock_guard lock(m_mutex);
    Key key{variablePath, chunk};
    if (const auto found = m_index.find(key); found != m_index.end()) {
        m_statistics.bytes -= found->second->values->bytes.size();
        m_entries.erase(found->second);
        m_index.erase(found);
    }
    m_entries.push_front(Entry{key, std::move(values)});
    m_index.emplace(std::move(key), m_entries.begin());
    m_statistics.bytes += size;
    evictToFit();
    m_statistics.entries = m_entries.size();
}

void ChunkCache::evictToFit() {
    while (m_statistics.bytes > m_budget && !m_entries.empty()) {
        const Entry& last = m_entries.back();
        m_statistics.bytes -= last.values->bytes.size();
        m_index.erase(last.key);
        m_entries.pop_back();
        ++m_statistics.evictions;
    }
}

void ChunkCache::clear() {
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_index.clear();
    m_statistics.bytes = 0;
    m_statistics.entries = 0;
}

CacheStatistics ChunkCache::statistics() const {
    std::lock_guard lock(m_mutex);
    return m_statistics;
}

} // namespace twins::data
