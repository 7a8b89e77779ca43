#include "twinbench/data/remote/RemoteStaging.h"

#include "twinbench/data/DataError.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <fstream>
#include <system_error>

namespace twins::data::remote {

std::string stagedFileName(const std::string& url) {
    std::string path = url;
    for (const char separator : {'?', '#'}) {
        path = path.substr(0, path.find(separator));
    }
    while (!path.empty() && path.back() == '/') {
        path.pop_back();
    }
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (path.find("://") != std::string::npos &&
        path.find('/', path.find("://") + 3) == std::string::npos) {
        name.clear(); // only a host: no object name
    }
    for (char& c : name) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (!safe) {
            c = '_';
        }
    }
    if (name.empty() || name == "." || name == "..") {
        name = "object";
    }
    return name;
}

StagedObject stageRemoteObject(const HttpOptions& options, const std::string& url,
                               const std::filesystem::path& target, const StagingProgress& progress,
                               std::size_t piece) {
    // A client of its own: its byte count is this fetch's alone.
    const HttpClient client(options);
    StagedObject staged;
    staged.path = target;
    staged.object = client.stat(url);
    std::error_code error;
    std::filesystem::create_directories(target.parent_path(), error);
    const std::filesystem::path partial = target.string() + ".part";
    QCryptographicHash hash(QCryptographicHash::Sha256);
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw DataError(partial.string(), "", "cannot write the local copy of " + url);
        }
        try {
            for (std::uint64_t offset = 0; offset < staged.object.size; offset += piece) {
                const std::size_t length = static_cast<std::size_t>(
                    std::min<std::uint64_t>(piece, staged.object.size - offset));
                const std::vector<std::byte> bytes =
                    client.getRange(url, offset, length, &staged.object);
                const auto* data = reinterpret_cast<const char*>(bytes.data());
                hash.addData(QByteArrayView(data, static_cast<qsizetype>(bytes.size())));
                out.write(data, static_cast<std::streamsize>(bytes.size()));
                if (!out) {
                    throw DataError(partial.string(), "",
                                    "cannot write the local copy of " + url +
                                        " (is the disk full?)");
                }
                if (progress && !progress(offset + length, staged.object.size)) {
                    throw HttpError(url, 0, true, "fetching was cancelled");
                }
            }
            out.close();
            if (!out) {
                throw DataError(partial.string(), "", "cannot write the local copy of " + url);
            }
        } catch (...) {
            out.close();
            std::filesystem::remove(partial, error);
            throw;
        }
    }
    std::filesystem::rename(partial, target, error);
    if (error) {
        std::filesystem::remove(partial, error);
        throw DataError(target.string(), "", "cannot put the local copy of " + url + " in place");
    }
    staged.bytesFetched = client.statistics().bytesReceived;
    staged.sha256 = hash.result().toHex().toStdString();
    return staged;
}

namespace {

// The chunk keys of a Zarr v2 array: every index of the chunk grid, joined by its separator.
std::vector<std::string> chunkKeys(const QJsonObject& array) {
    const QJsonArray shape = array.value(QStringLiteral("shape")).toArray();
    const QJsonArray chunks = array.value(QStringLiteral("chunks")).toArray();
    const std::string separator = array.value(QStringLiteral("dimension_separator"))
                                      .toString(QStringLiteral("."))
                                      .toStdString();
    if (shape.isEmpty()) {
        return {"0"};
    }
    std::vector<std::uint64_t> counts;
    for (qsizetype axis = 0; axis < shape.size(); ++axis) {
        const auto length = static_cast<std::uint64_t>(shape.at(axis).toInteger());
        const auto chunk =
            static_cast<std::uint64_t>(std::max<qint64>(1, chunks.at(axis).toInteger()));
        counts.push_back((length + chunk - 1) / chunk);
        if (counts.back() == 0) {
            return {};
        }
    }
    std::vector<std::string> keys;
    std::vector<std::uint64_t> index(counts.size(), 0);
    while (true) {
        std::string key;
        for (std::size_t axis = 0; axis < index.size(); ++axis) {
            key += (axis == 0 ? "" : separator) + std::to_string(index[axis]);
        }
        keys.push_back(std::move(key));
        std::size_t axis = index.size();
        while (axis > 0 && ++index[axis - 1] == counts[axis - 1]) {
            index[--axis] = 0;
        }
        if (axis == 0) {
            return keys;
        }
    }
}

} // namespace

StagedObject stageRemoteZarrStore(const HttpOptions& options, const std::string& url,
                                  const std::filesystem::path& target,
                                  const StagingProgress& progress) {
    const HttpClient client(options);
    std::string base = url;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    std::string consolidated;
    try {
        consolidated = client.getText(base + "/.zmetadata");
    } catch (const HttpError& error) {
        if (error.status() != 404) {
            throw;
        }
        throw HttpError(url, 404, false,
                        "a Zarr store given as a URL needs consolidated metadata (.zmetadata) "
                        "to be fetched: its chunks cannot be listed over HTTP");
    }
    const QJsonObject metadata = QJsonDocument::fromJson(QByteArray::fromStdString(consolidated))
                                     .object()
                                     .value(QStringLiteral("metadata"))
                                     .toObject();
    if (metadata.isEmpty()) {
        throw HttpError(url, 200, false, "its .zmetadata names no metadata objects");
    }
    std::vector<std::string> keys{".zmetadata"};
    for (const QString& key : metadata.keys()) {
        keys.push_back(key.toStdString());
        if (key.endsWith(QLatin1String(".zarray"))) {
            const std::string folder = key.chopped(7).toStdString(); // "field/" or ""
            for (const std::string& chunk : chunkKeys(metadata.value(key).toObject())) {
                keys.push_back(folder + chunk);
            }
        }
    }
    std::sort(keys.begin(), keys.end());
    std::error_code error;
    const std::filesystem::path partial = target.string() + ".part";
    std::filesystem::remove_all(partial, error);
    StagedObject staged;
    staged.path = target;
    QCryptographicHash manifest(QCryptographicHash::Sha256);
    try {
        std::size_t done = 0;
        for (const std::string& key : keys) {
            if (key.empty() || key.find("..") != std::string::npos || key.front() == '/') {
                throw HttpError(url, 0, false, "its metadata names an unsafe key: " + key);
            }
            std::string bytes = key == ".zmetadata" ? consolidated : std::string();
            try {
                if (key != ".zmetadata") {
                    bytes = client.getText(base + "/" + key, std::size_t(1) << 30);
                }
            } catch (const HttpError& missing) {
                if (missing.status() == 404 && key.find(".z") == std::string::npos) {
                    ++done; // a chunk never written: fill values
                    continue;
                }
                throw;
            }
            const std::filesystem::path file = partial / key;
            std::filesystem::create_directories(file.parent_path(), error);
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            out.close();
            if (!out) {
                throw DataError(file.string(), "",
                                "cannot write the local copy of " + url + " (is the disk full?)");
            }
            const QByteArray content = QByteArray::fromStdString(bytes);
            manifest.addData(QByteArray::fromStdString(
                key + " " +
                QCryptographicHash::hash(content, QCryptographicHash::Sha256)
                    .toHex()
                    .toStdString() +
                "\n"));
            staged.object.size += bytes.size();
            ++staged.storeObjects;
            ++done;
            if (progress && !progress(done, keys.size())) {
                throw HttpError(url, 0, true, "fetching was cancelled");
            }
        }
    } catch (...) {
        std::filesystem::remove_all(partial, error);
        throw;
    }
    std::filesystem::remove_all(target, error);
    std::filesystem::rename(partial, target, error);
    if (error) {
        std::filesystem::remove_all(partial, error);
        throw DataError(target.string(), "", "cannot put the local copy of " + url + " in place");
    }
    staged.bytesFetched = client.statistics().bytesReceived;
    staged.sha256 = manifest.result().toHex().toStdString();
    return staged;
}

} // namespace twins::data::remote
