#include "twinbench/data/remote/RemoteCache.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QStandardPaths>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace twins::data::remote {

namespace fs = std::filesystem;

namespace {

std::string hashOf(const std::string& text) {
    return QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

std::string versionOf(const HttpObject& object) {
    const std::string validator = !object.etag.empty() ? object.etag : object.lastModified;
    return validator.empty() ? std::string() : validator + " " + std::to_string(object.size);
}

std::string entryName(std::uint64_t offset, std::size_t length) {
    return std::to_string(offset) + "-" + std::to_string(length);
}

std::string readText(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(stream), {});
}

} // namespace

RemoteCache::RemoteCache(fs::path folder, std::uint64_t budgetBytes)
    : m_folder(std::move(folder)), m_budget(budgetBytes) {
    fs::create_directories(m_folder);
}

fs::path RemoteCache::objectFolder(const std::string& url) const {
    return m_folder / hashOf(url);
}

bool RemoteCache::validate(const std::string& url, const HttpObject& object) {
    const std::string version = versionOf(object);
    if (version.empty()) {
        return false;
    }
    std::lock_guard lock(m_mutex);
    const fs::path folder = objectFolder(url);
    std::error_code error;
    if (readText(folder / "version") != version) {
        fs::remove_all(folder, error); // another version's bytes, or none
        fs::create_directories(folder, error);
        std::ofstream(folder / "version", std::ios::binary | std::ios::trunc) << version;
        std::ofstream(folder / "url", std::ios::binary | std::ios::trunc) << url;
    }
    // What opening it offline needs: the version's fields and when the server last confirmed it.
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    std::ofstream(folder / "object", std::ios::binary | std::ios::trunc)
        << object.size << '\n'
        << object.etag << '\n'
        << object.lastModified << '\n'
        << now << '\n';
    return !error;
}

std::optional<RemoteCache::CachedVersion> RemoteCache::cachedVersion(const std::string& url) const {
    std::lock_guard lock(m_mutex);
    std::ifstream stream(objectFolder(url) / "object", std::ios::binary);
    CachedVersion cached;
    std::string size, confirmedAt;
    if (!std::getline(stream, size) || !std::getline(stream, cached.object.etag) ||
        !std::getline(stream, cached.object.lastModified) || !std::getline(stream, confirmedAt)) {
        return std::nullopt;
    }
    try {
        cached.object.size = std::stoull(size);
        cached.confirmedAt = std::stoll(confirmedAt);
    } catch (const std::exception&) {
        return std::nullopt; // a damaged record: as if nothing were cached
    }
    return cached;
}

std::optional<std::vector<std::byte>> RemoteCache::find(const std::string& url,
                                                        std::uint64_t offset, std::size_t length) {
    std::lock_guard lock(m_mutex);
    const fs::path entry = objectFolder(url) / entryName(offset, length);
    std::ifstream stream(entry, std::ios::binary);
    if (!stream) {
        return std::nullopt;
    }
    std::vector<std::byte> bytes(length);
    stream.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(length));
    if (static_cast<std::size_t>(stream.gcount()) != length) {
        return std::nullopt;
    }
    std::error_code error;
    fs::last_write_time(entry, fs::file_time_type::clock::now(), error); // recently used
    return bytes;
}

void RemoteCache::store(const std::string& url, std::uint64_t offset,
                        const std::vector<std::byte>& bytes) {
    {
        std::lock_guard lock(m_mutex);
        const fs::path folder = objectFolder(url);
        if (!fs::exists(folder / "version")) {
            return; // not validated (or dropped meanwhile)
        }
        const fs::path entry = folder / entryName(offset, bytes.size());
        const fs::path temporary =
            folder / (".partial-" + std::to_string(::getpid()) + "-" + entry.filename().string());
        {
            std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
            stream.write(reinterpret_cast<const char*>(bytes.data()),
                         static_cast<std::streamsize>(bytes.size()));
            if (!stream.flush()) {
                std::error_code error;
                fs::remove(temporary, error); // a full disk: no entry rather than half of one
                return;
            }
        }
        std::error_code error;
        fs::rename(temporary, entry, error);
        if (error) {
            fs::remove(temporary, error);
            return;
        }
    }
    evictOverBudget();
}

std::uint64_t RemoteCache::bytesOnDisk() const {
    std::lock_guard lock(m_mutex);
    std::uint64_t total = 0;
    std::error_code error;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(m_folder, error)) {
        if (entry.is_regular_file(error)) {
            total += entry.file_size(error);
        }
    }
    return total;
}

void RemoteCache::evictOverBudget() {
    std::lock_guard lock(m_mutex);
    struct Entry {
        fs::path path;
        std::uint64_t bytes;
        fs::file_time_type used;
    };
    std::vector<Entry> entries;
    std::uint64_t total = 0;
    std::error_code error;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(m_folder, error)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file(error) || name == "version" || name == "url" ||
            name == "object") {
            continue;
        }
        entries.push_back({entry.path(), entry.file_size(error), entry.last_write_time(error)});
        total += entries.back().bytes;
    }
    if (total <= m_budget) {
        return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.used < b.used; });
    for (const Entry& entry : entries) {
        if (total <= m_budget) {
            break;
        }
        fs::remove(entry.path, error);
        total -= entry.bytes;
    }
}

std::shared_ptr<RemoteCache> defaultRemoteCache() {
    static const std::shared_ptr<RemoteCache> cache = []() -> std::shared_ptr<RemoteCache> {
        const char* setting = std::getenv("TWINBENCH_REMOTE_CACHE");
        if (setting != nullptr && std::string(setting) == "off") {
            return nullptr;
        }
        fs::path folder;
        if (setting != nullptr && *setting != '\0') {
            folder = setting;
        } else {
            const QString base =
                QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
            if (base.isEmpty()) {
                return nullptr;
            }
            folder = fs::path(base.toStdString()) / "twinbench" / "remote";
        }
        std::uint64_t budget = std::uint64_t(2) << 30;
        if (const char* bytes = std::getenv("TWINBENCH_REMOTE_CACHE_BYTES")) {
            budget = std::strtoull(bytes, nullptr, 10);
        }
        try {
            return std::make_shared<RemoteCache>(folder, budget);
        } catch (const fs::filesystem_error&) {
            return nullptr; // no cache rather than no data
        }
    }();
    return cache;
}

} // namespace twins::data::remote
