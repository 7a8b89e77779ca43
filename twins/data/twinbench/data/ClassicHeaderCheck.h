#pragma once

#include <string>

namespace twins::data {

// Walks the header of a netCDF-3 file (CDF-1, CDF-2 or CDF-5) and checks every count and
// length it declares against the bytes the file actually has, before NetCDF-C sees it.
// Why: NetCDF-C allocates what a header claims before reading it, so a corrupt header that
// claims 2^31 attributes makes nc_open itself try to allocate 18 GB (found by
// fuzz_dataset_open). A genuine header item needs at least a few bytes of header each, so a
// count larger than the remaining file cannot be right.
// Throws DataError naming the file and the implausible claim; does nothing for files that do
// not start with the netCDF-3 magic.
void checkClassicHeader(const std::string& path);

} // namespace twins::data
