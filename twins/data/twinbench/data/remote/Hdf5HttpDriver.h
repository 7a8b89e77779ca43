#pragma once

// An HDF5 virtual file driver that reads a RemoteFile, so netCDF-4 and HDF5 files are read over
// HTTP range requests with HDF5's own decoding (filters, B-trees, dimension scales). Why our
// own and not ROS3: ROS3 speaks only S3-style requests with its own curl handling, and this way
// the token rule, retries, byte counts and (later) the chunk cache stay in the one HttpClient.
// NetCDF-C 4.9.0 cannot be handed a driver, so remote netCDF-4 is read by the HDF5 backend.
#include "twinbench/data/remote/RemoteFile.h"

#include <cstdint>

namespace twins::data::remote {

// A file access property list (close it with H5Pclose) whose H5Fopen reads `file`: the name
// given to H5Fopen is ignored. `file` must outlive every HDF5 file opened with the list. A
// failed read parks its HttpError (ParkedError.h). Call with netcdfLibraryMutex() held.
std::int64_t makeHdf5HttpAccessList(const RemoteFile& file);

} // namespace twins::data::remote
