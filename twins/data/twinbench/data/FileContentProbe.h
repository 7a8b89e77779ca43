#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace twins::data {

// What `twinbench-run probe FILE` does inside its short-lived process (FileProbe.h is the
// client): opens the file as the GUI would (Dataset::open), reads the first chunk of every
// variable through the Dataset as the GUI would, and, for NetCDF and HDF5 files, walks the file
// again through NetCDF-C itself reading every attribute and the first chunk of every variable
// of any type - strings and other variable-length data included, which live in HDF5's global
// heap, where a corrupt size crashes HDF5 1.10 (H5HG_read). Meant to crash in its own process,
// not in the caller's: it leaks what a corrupt file would make it free (compound members of
// variable-length type), which the process's end reclaims.
struct ContentProbeReport {
    std::string formatName;
    std::size_t attributes = 0;       // read through NetCDF-C (NetCDF and HDF5 files)
    std::size_t variables = 0;        // in the file
    std::size_t chunksRead = 0;       // first chunks read (Dataset and NetCDF-C passes)
    std::vector<std::string> notRead; // "variable: why" for reads refused without a crash
};

// Throws DataError when the file cannot be opened at all (the message the GUI would show).
ContentProbeReport probeFileContent(const std::string& path);

} // namespace twins::data
