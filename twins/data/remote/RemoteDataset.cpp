#include "twinbench/data/remote/RemoteDataset.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/DatasetBackend.h"
#include "twinbench/data/NetcdfLibrary.h"
#include "twinbench/data/remote/ClassicRangeBackend.h"
#include "twinbench/data/remote/GdalHttpFilesystem.h"
#include "twinbench/data/remote/Hdf5HttpDriver.h"
#include "twinbench/data/remote/ParkedError.h"
#include "twinbench/data/remote/RemoteCancel.h"
#include "twinbench/data/remote/RemoteFile.h"

#include <hdf5.h>

#include <array>
#include <cstdlib>
#include <cstring>

namespace twins::data::remote {

namespace {

// A local backend reading remote bytes, plus what must outlive it (the object it reads) and
// the translation of "the library could not read" back into what the server did.
class RemoteBackend final : public DatasetBackend {
public:
    RemoteBackend(std::unique_ptr<DatasetBackend> inner, std::shared_ptr<RemoteFile> file)
        : m_file(std::move(file)), m_inner(std::move(inner)) {}

    std::string formatName() const override { return m_inner->formatName(); }
    const DatasetGroup& root() const override { return m_inner->root(); }
    RawArray read(const DatasetVariable& variable, const Hyperslab& slab) const override {
        clearParkedError();
        try {
            RawArray values = m_inner->read(variable, slab);
            // GDAL's Zarr reads a chunk it could not fetch as fill values: not a success.
            rethrowParkedError();
            return values;
        } catch (const HttpError&) {
            throw;
        } catch (const DataError&) {
            rethrowParkedError();
            throw;
        }
    }

private:
    std::shared_ptr<RemoteFile> m_file; // destroyed after m_inner, which reads it
    std::unique_ptr<DatasetBackend> m_inner;
};

enum class Signature { Hdf5, NetCDF3, Tiff, Other };

Signature signatureOf(const std::array<unsigned char, 8>& head) {
    if (std::memcmp(head.data(), "\x89HDF\r\n\x1a\n", 8) == 0) {
        return Signature::Hdf5;
    }
    if (std::memcmp(head.data(), "CDF", 3) == 0 && (head[3] == 1 || head[3] == 2 || head[3] == 5)) {
        return Signature::NetCDF3;
    }
    if (std::memcmp(head.data(), "II*\0", 4) == 0 || std::memcmp(head.data(), "MM\0*", 4) == 0 ||
        std::memcmp(head.data(), "II+\0", 4) == 0 || std::memcmp(head.data(), "MM\0+", 4) == 0) {
        return Signature::Tiff;
    }
    return Signature::Other;
}

OpenedRemote openHdf5(const std::string& url, const std::shared_ptr<RemoteFile>& file,
                      std::chrono::milliseconds deadline) {
    // By value: after the deadline this frame is gone while the open may still finish.
    std::unique_ptr<DatasetBackend> backend =
        runWithLibraryDeadline<std::unique_ptr<DatasetBackend>>(
            url, deadline, [url, file, cancel = currentRemoteCancel()] {
                // The open runs on a helper thread: the caller's cancel flag comes along.
                const RemoteCancelScope cancelScope(cancel);
                std::lock_guard lock(netcdfLibraryMutex());
                clearParkedError();
                Hdf5Access access;
                access.fileAccessList = makeHdf5HttpAccessList(*file);
                access.netcdf4Conventions = true;
                try {
                    auto opened = openHdf5Backend(url, access);
                    H5Pclose(access.fileAccessList);
                    return opened;
                } catch (const DataError&) {
                    H5Pclose(access.fileAccessList);
                    rethrowParkedError();
                    throw;
                }
            });
    OpenedRemote opened;
    opened.format =
        backend->formatName().rfind("netCDF", 0) == 0 ? DatasetFormat::NetCDF : DatasetFormat::HDF5;
    opened.backend = std::make_unique<RemoteBackend>(std::move(backend), file);
    return opened;
}

template <typename Open> std::unique_ptr<DatasetBackend> openThroughGdal(Open open) {
    clearParkedError();
    try {
        auto backend = open();
        rethrowParkedError();
        return std::make_unique<RemoteBackend>(std::move(backend), nullptr);
    } catch (const HttpError&) {
        throw;
    } catch (const DataError&) {
        rethrowParkedError();
        throw;
    }
}

} // namespace

std::shared_ptr<const HttpClient> defaultHttpClient() {
    static const std::shared_ptr<const HttpClient> client = [] {
        HttpOptions options;
        // A site's own certificate authority (or the tests'): trusted instead of the system's.
        if (const char* caFile = std::getenv("TWINBENCH_CA_FILE"); caFile != nullptr) {
            options.caFile = caFile;
        }
        // s3:// URLs: the endpoint and region, and the keys under AWS's usual names.
        const auto setFrom = [](const char* name, std::string& value) {
            if (const char* text = std::getenv(name); text != nullptr && *text != '\0') {
                value = text;
            }
        };
        setFrom("TWINBENCH_S3_ENDPOINT", options.s3.endpoint);
        setFrom("TWINBENCH_S3_REGION", options.s3.region);
        setFrom("AWS_ACCESS_KEY_ID", options.s3.accessKey);
        setFrom("AWS_SECRET_ACCESS_KEY", options.s3.secretKey);
        // Without an endpoint in the environment: the settings and keychain, when the program
        // installed their provider (S3SettingsProvider.h).
        options.s3FromProvider = true;
        return std::make_shared<HttpClient>(options);
    }();
    return client;
}

namespace {

// An object's format from its first bytes, opened by the backend that reads it.
OpenedRemote openObject(const std::shared_ptr<const HttpClient>& client, const std::string& url,
                        const std::shared_ptr<RemoteFile>& file,
                        std::chrono::milliseconds metadataDeadline) {
    std::array<unsigned char, 8> head{};
    file->read(0, head.size(), reinterpret_cast<std::byte*>(head.data()));
    switch (signatureOf(head)) {
    case Signature::Hdf5:
        return openHdf5(url, file, metadataDeadline);
    case Signature::NetCDF3: {
        OpenedRemote opened;
        opened.format = DatasetFormat::NetCDF;
        opened.backend = std::make_unique<RemoteBackend>(openClassicRangeBackend(file), file);
        return opened;
    }
    case Signature::Tiff:
    case Signature::Other:
        break;
    }
    OpenedRemote opened;
    opened.format = DatasetFormat::GdalRaster;
    opened.backend =
        openThroughGdal([&] { return openGdalRasterBackend(url, gdalHttpName(client, url)); });
    return opened;
}

} // namespace

OpenedRemote openRemoteBackend(const std::string& url, std::chrono::milliseconds metadataDeadline) {
    const std::shared_ptr<const HttpClient> client = defaultHttpClient();
    long status = 0;
    try {
        status = client->probe(url);
    } catch (const HttpError& error) {
        if (!error.unreachable()) {
            throw;
        }
        // No answer from the server: an object the cache holds opens from it, saying so
        // (RemoteOffline.h); anything else rethrows the connection's error.
        return openObject(client, url,
                          RemoteFile::openOffline(client, url, defaultRemoteCache(), error),
                          metadataDeadline);
    }
    if (status != 200) {
        if (isZarrStoreUrl(*client, url)) {
            OpenedRemote opened;
            opened.format = DatasetFormat::Zarr;
            opened.backend =
                openThroughGdal([&] { return openZarrBackend(url, gdalHttpName(client, url)); });
            return opened;
        }
        client->stat(url); // throws what the server answered (404 naming the URL, ...)
    }
    return openObject(client, url, RemoteFile::open(client, url, defaultRemoteCache()),
                      metadataDeadline);
}

} // namespace twins::data::remote
