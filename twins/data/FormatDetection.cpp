#include "twinbench/data/FormatDetection.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/NetcdfLibrary.h"

#include <hdf5.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace twins::data {

namespace {

bool hasAttribute(hid_t object, const char* name) {
    return H5Aexists(object, name) > 0;
}

// True when the attribute CLASS of the object is the text "DIMENSION_SCALE".
bool isDimensionScale(hid_t object) {
    if (!hasAttribute(object, "CLASS")) {
        return false;
    }
    bool scale = false;
    const hid_t attribute = H5Aopen(object, "CLASS", H5P_DEFAULT);
    if (attribute < 0) {
        return false;
    }
    const hid_t type = H5Aget_type(attribute);
    if (type >= 0 && H5Tget_class(type) == H5T_STRING && !H5Tis_variable_str(type)) {
        const std::size_t size = H5Tget_size(type);
        std::string text(size, '\0');
        if (H5Aread(attribute, type, text.data()) >= 0) {
            scale = std::strncmp(text.c_str(), "DIMENSION_SCALE", 15) == 0;
        }
    }
    if (type >= 0) {
        H5Tclose(type);
    }
    H5Aclose(attribute);
    return scale;
}

struct ScaleSearch {
    bool found = false;
    int depth = 0;
};

herr_t visitForScales(hid_t group, const char* name, const H5L_info_t* info, void* data) {
    auto* search = static_cast<ScaleSearch*>(data);
    if (info->type != H5L_TYPE_HARD) {
        return 0;
    }
    const hid_t object = H5Oopen(group, name, H5P_DEFAULT);
    if (object < 0) {
        return 0;
    }
    const H5I_type_t type = H5Iget_type(object);
    if (type == H5I_DATASET) {
        search->found = isDimensionScale(object);
    } else if (type == H5I_GROUP && search->depth < 32) {
        ++search->depth;
        hsize_t index = 0;
        H5Literate(object, H5_INDEX_NAME, H5_ITER_NATIVE, &index, visitForScales, data);
        --search->depth;
    }
    H5Oclose(object);
    return search->found ? 1 : 0; // a positive return stops the iteration
}

// Whether an HDF5 file carries netCDF-4 structure (see FormatDetection.h).
bool hasNetcdf4Structure(const std::string& path) {
    std::lock_guard lock(netcdfLibraryMutex()); // also silences HDF5's error printing
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) {
        throw DataError(path, "",
                        "has an HDF5 signature but HDF5 cannot open it (truncated or "
                        "corrupt)");
    }
    bool netcdf = false;
    const hid_t root = H5Gopen2(file, "/", H5P_DEFAULT);
    if (root >= 0) {
        netcdf = hasAttribute(root, "_NCProperties");
        if (!netcdf) {
            ScaleSearch search;
            hsize_t index = 0;
            H5Literate(root, H5_INDEX_NAME, H5_ITER_NATIVE, &index, visitForScales, &search);
            netcdf = search.found;
        }
        H5Gclose(root);
    }
    H5Fclose(file);
    return netcdf;
}

} // namespace

DetectedFormat detectFormat(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
        throw DataError(path, "", "file does not exist");
    }
    if (fs::is_directory(status)) {
        for (const char* marker : {".zgroup", ".zarray", ".zmetadata"}) {
            if (fs::exists(fs::path(path) / marker, error)) {
                return DetectedFormat::Zarr;
            }
        }
        throw DataError(path, "",
                        "is a directory without .zgroup, .zarray or .zmetadata, expected a file "
                        "or a Zarr v2 store");
    }
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        throw DataError(path, "", "cannot be opened for reading (permissions?)");
    }
    std::array<unsigned char, 8> magic{};
    stream.read(reinterpret_cast<char*>(magic.data()), magic.size());
    const std::size_t length = static_cast<std::size_t>(stream.gcount());
    auto startsWith = [&](std::initializer_list<unsigned char> bytes) {
        if (bytes.size() > length) {
            return false;
        }
        return std::equal(bytes.begin(), bytes.end(), magic.begin());
    };
    if (startsWith({'C', 'D', 'F', 1}) || startsWith({'C', 'D', 'F', 2}) ||
        startsWith({'C', 'D', 'F', 5})) {
        return DetectedFormat::NetCDF3;
    }
    // HDF5 may put a user block before the superblock (at 512, 1024, ... bytes); HDF5 itself
    // finds it, so only the common case at offset 0 is checked here and H5Fis_hdf5 does the rest.
    if (startsWith({0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'})) {
        return hasNetcdf4Structure(path) ? DetectedFormat::NetCDF4 : DetectedFormat::HDF5;
    }
    if (startsWith({'I', 'I', '*', 0}) || startsWith({'M', 'M', 0, '*'}) ||
        startsWith({'I', 'I', '+', 0}) || startsWith({'M', 'M', 0, '+'})) {
        return DetectedFormat::Tiff;
    }
    if (length == 0) {
        throw DataError(path, "", "is empty (0 bytes)");
    }
    {
        std::lock_guard lock(netcdfLibraryMutex());
        if (H5Fis_hdf5(path.c_str()) > 0) {
            return hasNetcdf4Structure(path) ? DetectedFormat::NetCDF4 : DetectedFormat::HDF5;
        }
    }
    return DetectedFormat::Other;
}

} // namespace twins::data
