#pragma once

#include <string>

namespace twins::data {

// Libraries report a full disk in their own words: HDF5 behind NetCDF-C says "NetCDF: HDF
// error", which tells a user nothing. A writer that failed asks this, right after the failing
// call and before it removes its partial file (which frees the space again): "no space left on
// device (the file system holding DIR has N KiB free)" when errno says ENOSPC or the file system
// holding `path` has less than a mebibyte free; otherwise an empty text.
std::string noSpaceReason(const std::string& path, int errorNumber);

} // namespace twins::data
