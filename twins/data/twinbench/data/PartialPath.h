#pragma once

#include <string>

namespace twins::data {

// Where a writer builds its output before renaming it into place on commit ("<path>.partial-N"):
// beside the target, so the rename stays on one file system and is atomic, and a failed or
// abandoned write never leaves a half-written file under the real name. Used by the NetCDF,
// HDF5 and Zarr writers.
std::string partialPathFor(const std::string& path);

// Deletes an abandoned partial file and gives its space back at once. The file is cut to zero
// length before it is unlinked: when a write fails on a full disk, HDF5 may keep the file open
// (its close failed while flushing), and an unlinked file that is still open keeps its blocks
// until the process exits, so the job could not even record that it failed. Never throws.
void discardPartialFile(const std::string& partialPath);

} // namespace twins::data
