#pragma once

#include <mutex>
#include <string>

namespace twins::data {

// NetCDF-C (and the HDF5 library under it) is not thread-safe. Every call into nc_* in this
// project holds this lock; readers run on worker threads so the GUI never waits on I/O, and the
// lock serialises them.
std::recursive_mutex& netcdfLibraryMutex();

// Throws DataError(path, variable, context + ": " + nc_strerror(status)) when status != NC_NOERR.
void throwIfNetcdfError(int status, const std::string& path, const std::string& variable,
                        const std::string& context);

} // namespace twins::data
