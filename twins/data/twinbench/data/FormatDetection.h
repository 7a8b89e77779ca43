#pragma once

#include <string>

namespace twins::data {

// What the bytes of a file (or the files of a directory) say it is; the extension is ignored
// because files get renamed (a Zarr store called "x.nc", a GeoTIFF called "scan.dat").
enum class DetectedFormat {
    NetCDF3, // "CDF\x01", "CDF\x02" (64-bit offset) or "CDF\x05" (CDF5)
    NetCDF4, // HDF5 signature, and the file carries netCDF-4 structure (see below)
    HDF5,    // HDF5 signature without netCDF-4 structure
    Zarr,    // a directory with .zgroup, .zarray or .zmetadata
    Tiff,    // "II*\0", "MM\0*" (classic) or "II+\0", "MM\0+" (BigTIFF)
    Other,   // anything else: GDAL gets a try
};

// Throws DataError(path, "", ...) for a path that does not exist or cannot be read.
//
// An HDF5 file is NetCDF4 when its root group has the _NCProperties attribute (every file
// written by netCDF-C >= 4.4.1) or any object in it is a dimension scale (CLASS =
// "DIMENSION_SCALE"), which is how netCDF-4 and h5netcdf name dimensions. Why not always use
// NetCDF-C for HDF5: it hides what plain HDF5 files hold (compound types, datasets without
// dimension scales become anonymous phony dimensions, attributes of groups that are not netCDF
// groups), so a plain HDF5 file is shown by the HDF5 backend as HDF5 sees it.
DetectedFormat detectFormat(const std::string& path);

} // namespace twins::data
