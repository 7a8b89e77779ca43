#pragma once

// netCDF-4's layer over HDF5, read with HDF5 alone: what the HDF5 backend needs to show a
// netCDF-4 file as NetCDF-C does when NetCDF-C cannot open it (a remote file read through
// Twinbench's HTTP driver: NetCDF-C 4.9.0 cannot be handed a driver).
//
// netCDF-4 stores a dimension as an HDF5 dimension scale named like the dimension (the
// coordinate variable, or a placeholder dataset whose NAME says "This is a netCDF dimension but
// not a netCDF variable"), attaches the scales to each variable's axes (DIMENSION_LIST), and
// keeps bookkeeping attributes (CLASS, NAME, REFERENCE_LIST, _Netcdf4Dimid, _NCProperties,
// ...) that NetCDF-C hides. The group's dimensions are ordered by _Netcdf4Dimid.
#include "twinbench/data/Dataset.h"

#include <cstdint>

namespace twins::data {

// True when the open HDF5 file (`file`, an hid_t) is netCDF-4: its root group carries
// _NCProperties or one of its datasets is a dimension scale.
bool looksLikeNetcdf4(std::int64_t file, const DatasetGroup& root);

// Rewrites the HDF5 view of `root` (read by the HDF5 backend, with phony dimensions) into the
// netCDF view: named dimensions with their unlimited flag, dimension-only datasets removed,
// bookkeeping attributes hidden. Returns "netCDF-4" or "netCDF-4 classic model". Call with
// netcdfLibraryMutex() held.
std::string applyNetcdf4Conventions(std::int64_t file, DatasetGroup& root);

} // namespace twins::data
