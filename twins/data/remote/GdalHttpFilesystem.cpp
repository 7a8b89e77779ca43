#include "twinbench/data/remote/GdalHttpFilesystem.h"

#include "twinbench/data/remote/ParkedError.h"
#include "twinbench/data/remote/RemoteFile.h"

#include <algorithm>
#include <cerrno>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <cstring>
#include <memory>
#include <mutex>
#include <sys/stat.h>

namespace twins::data::remote {

namespace {

constexpr const char* prefix = "/vsitwinbench/";

struct Filesystem {
    std::shared_ptr<const HttpClient> client;
};

struct OpenObject {
    std::shared_ptr<RemoteFile> file;
    std::uint64_t position = 0;
    bool atEnd = false;
};

std::string urlOf(const char* gdalName) {
    const std::string name(gdalName);
    std::string url = name.rfind(prefix, 0) == 0 ? name.substr(std::strlen(prefix)) : name;
    while (url.size() > 8 && url.back() == '/') {
        url.pop_back(); // "store.zarr/" and "store.zarr" are the same directory
    }
    return url;
}

int statObject(void* user, const char* name, VSIStatBufL* out, int) {
    const auto* filesystem = static_cast<const Filesystem*>(user);
    const std::string url = urlOf(name);
    std::memset(out, 0, sizeof(*out));
    try {
        HttpObject object;
        const long status = filesystem->client->probe(url, &object);
        if (status == 200) {
            out->st_mode = S_IFREG | 0444;
            out->st_size = static_cast<decltype(out->st_size)>(object.size);
            return 0;
        }
        // Only a name that could be a store or group (GDAL also asks for ".zarray.gmac" and
        // other sidecars, which are never directories).
        const std::string name = url.substr(url.find_last_of('/') + 1);
        if (!name.empty() && name.front() != '.' && isZarrStoreUrl(*filesystem->client, url)) {
            out->st_mode = S_IFDIR | 0555;
            return 0;
        }
    } catch (const HttpError& error) {
        parkError(error);
    }
    errno = ENOENT;
    return -1;
}

void* openObject(void* user, const char* name, const char* access) {
    if (access == nullptr || std::strchr(access, 'w') != nullptr ||
        std::strchr(access, 'a') != nullptr || std::strchr(access, '+') != nullptr) {
        errno = EACCES;
        return nullptr; // read-only
    }
    const auto* filesystem = static_cast<const Filesystem*>(user);
    try {
        auto opened = std::make_unique<OpenObject>();
        opened->file = RemoteFile::open(filesystem->client, urlOf(name), defaultRemoteCache());
        return opened.release();
    } catch (const HttpError& error) {
        // A missing object is an answer (GDAL probes for optional files, Zarr chunks that were
        // never written are fill values, and a store's URL is a "directory" that redirects);
        // no answer, refused credentials or a failing server are failures to report.
        const long status = error.status();
        if (status == 0 || status == 401 || status == 403 || status >= 500) {
            parkError(error);
        }
    }
    errno = ENOENT;
    return nullptr;
}

vsi_l_offset tellObject(void* handle) {
    return static_cast<OpenObject*>(handle)->position;
}

int seekObject(void* handle, vsi_l_offset offset, int whence) {
    auto* opened = static_cast<OpenObject*>(handle);
    opened->atEnd = false;
    if (whence == SEEK_SET) {
        opened->position = offset;
    } else if (whence == SEEK_CUR) {
        opened->position += offset;
    } else if (whence == SEEK_END) {
        opened->position = opened->file->size() + offset;
    } else {
        return -1;
    }
    return 0;
}

size_t readObject(void* handle, void* buffer, size_t size, size_t count) {
    auto* opened = static_cast<OpenObject*>(handle);
    if (size == 0 || count == 0) {
        return 0;
    }
    const std::uint64_t available =
        opened->position >= opened->file->size() ? 0 : opened->file->size() - opened->position;
    const std::uint64_t bytes = std::min<std::uint64_t>(available, std::uint64_t(size) * count);
    try {
        opened->file->read(opened->position, static_cast<std::size_t>(bytes),
                           static_cast<std::byte*>(buffer));
    } catch (const HttpError& error) {
        parkError(error);
        CPLError(CE_Failure, CPLE_FileIO, "%s", error.what());
        return 0;
    }
    opened->position += bytes;
    if (bytes < std::uint64_t(size) * count) {
        opened->atEnd = true;
    }
    return static_cast<size_t>(bytes / size);
}

int endOfObject(void* handle) {
    return static_cast<OpenObject*>(handle)->atEnd ? 1 : 0;
}

int closeObject(void* handle) {
    delete static_cast<OpenObject*>(handle);
    return 0;
}

// No sidecar files (.aux.xml, .ovr, .msk): saying so saves GDAL a HEAD request for each.
char** noSiblings(void*, const char*) {
    return static_cast<char**>(CPLCalloc(1, sizeof(char*)));
}

} // namespace

bool isZarrStoreUrl(const HttpClient& client, std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    for (const char* member : {"/.zmetadata", "/.zgroup", "/.zarray"}) {
        if (client.probe(url + member) == 200) {
            return true;
        }
    }
    return false;
}

std::string gdalHttpName(const std::shared_ptr<const HttpClient>& client, const std::string& url) {
    static std::once_flag once;
    std::call_once(once, [&client] {
        static Filesystem filesystem{client};
        VSIFilesystemPluginCallbacksStruct* callbacks = VSIAllocFilesystemPluginCallbacksStruct();
        callbacks->pUserData = &filesystem;
        callbacks->stat = statObject;
        callbacks->open = openObject;
        callbacks->tell = tellObject;
        callbacks->seek = seekObject;
        callbacks->read = readObject;
        callbacks->eof = endOfObject;
        callbacks->close = closeObject;
        callbacks->sibling_files = noSiblings;
        VSIInstallPluginHandler(prefix, callbacks);
        VSIFreeFilesystemPluginCallbacksStruct(callbacks);
    });
    return prefix + url;
}

} // namespace twins::data::remote
