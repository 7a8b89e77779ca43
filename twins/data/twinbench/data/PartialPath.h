#pragma once

#include <string>

namespace twins::data {

// Where a writer builds its output before renaming it into place on commit ("<path>.partial-N"):
// beside the target, so the rename stays on one file system and is atomic, and a failed or
// abandoned write never leaves a half-written file under the real name. Used by the NetCDF,
// HDF5 and Zarr writers.
std::string partialPathFor(const std::string& path);

} // namespace twins::data
