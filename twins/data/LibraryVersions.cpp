#include "twinbench/data/LibraryVersions.h"

#include <gdal.h>
#include <hdf5.h>
#include <netcdf.h>

namespace twins::data {

std::string netcdfVersion() {
    // nc_inq_libvers() gives e.g. "4.9.0 of Jan  1 2023 00:00:00 $"; keep the version number.
    std::string full = nc_inq_libvers();
    return full.substr(0, full.find(' '));
}

std::string hdf5Version() {
    unsigned major = 0;
    unsigned minor = 0;
    unsigned release = 0;
    H5get_libversion(&major, &minor, &release);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

std::string gdalVersion() {
    return GDALVersionInfo("RELEASE_NAME");
}

} // namespace twins::data
