#include "twinbench/data/remote/Hdf5HttpDriver.h"

#include "twinbench/data/remote/ParkedError.h"

#include <hdf5.h>

#include <H5FDpublic.h>
#include <cstring>
#include <mutex>

namespace twins::data::remote {

namespace {

// What the access list carries to the driver's open callback (copied by value by HDF5).
struct DriverInfo {
    const RemoteFile* file;
};

// HDF5 allocates nothing for us: the driver's file struct starts with the public H5FD_t.
struct HttpDriverFile {
    H5FD_t base;
    const RemoteFile* file;
    haddr_t endOfAllocation;
};

H5FD_t* openFile(const char*, unsigned flags, hid_t fapl, haddr_t) {
    if ((flags & (H5F_ACC_RDWR | H5F_ACC_CREAT | H5F_ACC_TRUNC)) != 0) {
        return nullptr; // read-only
    }
    const auto* info = static_cast<const DriverInfo*>(H5Pget_driver_info(fapl));
    if (info == nullptr || info->file == nullptr) {
        return nullptr;
    }
    auto* opened = new HttpDriverFile{};
    opened->file = info->file;
    return &opened->base;
}

herr_t closeFile(H5FD_t* file) {
    delete reinterpret_cast<HttpDriverFile*>(file);
    return 0;
}

haddr_t endOfAllocation(const H5FD_t* file, H5FD_mem_t) {
    return reinterpret_cast<const HttpDriverFile*>(file)->endOfAllocation;
}

herr_t setEndOfAllocation(H5FD_t* file, H5FD_mem_t, haddr_t address) {
    reinterpret_cast<HttpDriverFile*>(file)->endOfAllocation = address;
    return 0;
}

haddr_t endOfFile(const H5FD_t* file, H5FD_mem_t) {
    return reinterpret_cast<const HttpDriverFile*>(file)->file->size();
}

herr_t readBytes(H5FD_t* file, H5FD_mem_t, hid_t, haddr_t address, size_t size, void* buffer) {
    const auto* opened = reinterpret_cast<const HttpDriverFile*>(file);
    try {
        opened->file->read(address, size, static_cast<std::byte*>(buffer));
        return 0;
    } catch (const HttpError& error) {
        parkError(error);
    } catch (const std::exception& error) {
        parkError(HttpError(opened->file->url(), 0, false, error.what()));
    }
    return -1;
}

herr_t writeBytes(H5FD_t*, H5FD_mem_t, hid_t, haddr_t, size_t, const void*) {
    return -1; // read-only
}

herr_t queryFeatures(const H5FD_t*, unsigned long* flags) {
    // Let HDF5 gather small metadata reads and sieve small contiguous raw reads: fewer requests.
    *flags = H5FD_FEAT_DATA_SIEVE;
    return 0;
}

int compareFiles(const H5FD_t* a, const H5FD_t* b) {
    const auto* left = reinterpret_cast<const HttpDriverFile*>(a)->file;
    const auto* right = reinterpret_cast<const HttpDriverFile*>(b)->file;
    return left == right ? 0 : (left < right ? -1 : 1);
}

hid_t driverId() {
    static hid_t id = -1;
    static std::once_flag once;
    std::call_once(once, [] {
        static H5FD_class_t driver{};
        driver.name = "twinbench_http";
        driver.maxaddr = (haddr_t(1) << 62) - 1;
        driver.fc_degree = H5F_CLOSE_WEAK;
        driver.fapl_size = sizeof(DriverInfo);
        driver.open = openFile;
        driver.close = closeFile;
        driver.cmp = compareFiles;
        driver.query = queryFeatures;
        driver.get_eoa = endOfAllocation;
        driver.set_eoa = setEndOfAllocation;
        driver.get_eof = endOfFile;
        driver.read = readBytes;
        driver.write = writeBytes;
        for (H5FD_mem_t& type : driver.fl_map) {
            type = H5FD_MEM_DEFAULT;
        }
        id = H5FDregister(&driver);
    });
    return id;
}

} // namespace

std::int64_t makeHdf5HttpAccessList(const RemoteFile& file) {
    const hid_t list = H5Pcreate(H5P_FILE_ACCESS);
    const DriverInfo info{&file};
    if (list < 0 || driverId() < 0 || H5Pset_driver(list, driverId(), &info) < 0) {
        if (list >= 0) {
            H5Pclose(list);
        }
        throw HttpError(file.url(), 0, false, "HDF5 refuses Twinbench's HTTP file driver");
    }
    return list;
}

} // namespace twins::data::remote
