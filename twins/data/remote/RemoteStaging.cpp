#include "twinbench/data/remote/RemoteStaging.h"

#include "twinbench/data/DataError.h"

#include <QCryptographicHash>

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

} // namespace twins::data::remote
