#pragma once

#include <string>

namespace twins::data {

// Versions of the data libraries this process runs with (asked at run time, not compile time).
std::string netcdfVersion();
std::string hdf5Version();
std::string gdalVersion();

} // namespace twins::data
