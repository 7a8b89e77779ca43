#pragma once

// netCDF-3 (CDF-1 classic, CDF-2 64-bit offset, CDF-5) read by range requests: NetCDF-C 4.9.0
// in Debian has no byte-range support, so the header is parsed here (the format is a short,
// fixed specification: Unidata's "NetCDF Classic Format Specification") and values are read as
// the runs of big-endian bytes a slab covers, record variables one record at a time.
#include "twinbench/data/remote/RemoteFile.h"

#include <memory>

namespace twins::data {
class DatasetBackend;
}

namespace twins::data::remote {

// Throws DataError naming the URL for a header that is not netCDF-3 or does not fit the object.
std::unique_ptr<DatasetBackend> openClassicRangeBackend(std::shared_ptr<RemoteFile> file);

} // namespace twins::data::remote
