#pragma once

// The contract between Dataset and one file-format library. Backends read the structure once
// at open and then serve hyperslab reads; Dataset validates every slab before it gets here.

#include "twinbench/data/Dataset.h"

#include <cstdint>
#include <memory>
#include <string>

namespace twins::data {

class DatasetBackend {
public:
    virtual ~DatasetBackend() = default;
    virtual std::string formatName() const = 0;
    virtual const DatasetGroup& root() const = 0;
    // Reads a validated, strided hyperslab (start, count and stride all of the variable's
    // rank) in the variable's stored type. Must be safe to call from several threads at once:
    // implementations hold their library's lock around library calls.
    virtual RawArray read(const DatasetVariable& variable, const Hyperslab& slab) const = 0;
};

// How the HDF5 backend reaches the file: a local path by default; a remote object through a file
// access list with Twinbench's HTTP driver (remote/Hdf5HttpDriver.h), where the netCDF-4
// conventions are read by the HDF5 backend itself (Netcdf4Conventions.h).
struct Hdf5Access {
    std::int64_t fileAccessList = 0; // an hid_t; 0 is H5P_DEFAULT
    bool netcdf4Conventions = false;
};

// Each throws DataError(path, "", reason) when the file cannot be opened by that library.
// `gdalName` is what GDAL opens when it differs from the path shown to people (a remote
// object's /vsitwinbench/ name, see remote/GdalHttpFilesystem.h).
std::unique_ptr<DatasetBackend> openNetcdfBackend(const std::string& path);
std::unique_ptr<DatasetBackend> openHdf5Backend(const std::string& path,
                                                const Hdf5Access& access = {});
std::unique_ptr<DatasetBackend> openZarrBackend(const std::string& path,
                                                const std::string& gdalName = {});
std::unique_ptr<DatasetBackend> openGdalRasterBackend(const std::string& path,
                                                      const std::string& gdalName = {});

} // namespace twins::data
