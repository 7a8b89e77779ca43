#pragma once

// The contract between Dataset and one file-format library. Backends read the structure once
// at open and then serve hyperslab reads; Dataset validates every slab before it gets here.

#include "twinbench/data/Dataset.h"

#include <memory>
#include <string>

namespace twins::data {

class DatasetBackend {
public:
    virtual ~DatasetBackend() = default;
    virtual std::string formatName() const = 0;
    virtual const DatasetGroup& root() const = 0;
    // Reads a validated, strided hyperslab (start, count and stride all of the variable's
    // rank) in the variable's stored type. Must be safe to call from several threads at once:
    // implementations hold their library's lock around library calls.
    virtual RawArray read(const DatasetVariable& variable, const Hyperslab& slab) const = 0;
};

// Each throws DataError(path, "", reason) when the file cannot be opened by that library.
std::unique_ptr<DatasetBackend> openNetcdfBackend(const std::string& path);
std::unique_ptr<DatasetBackend> openHdf5Backend(const std::string& path);
std::unique_ptr<DatasetBackend> openZarrBackend(const std::string& path);
std::unique_ptr<DatasetBackend> openGdalRasterBackend(const std::string& path);

} // namespace twins::data
