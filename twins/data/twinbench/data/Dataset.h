#pragma once

// One read API over every file format Twinbench shows: NetCDF-3/-4 (with groups), any HDF5
// file, Zarr v2 stores and GDAL rasters (GeoTIFF). A Dataset is opened once, its structure is
// read at open, and values are read lazily by hyperslab, raw or CF-decoded.
//
// Thread rules: every const member function may be called from any thread at the same time
// (the GUI reads off its main thread). Backends serialise calls into their C library: NetCDF-C
// and HDF5 share netcdfLibraryMutex() (NetCDF-4 calls HDF5, and neither is built thread-safe in
// Debian); GDAL is safe across different dataset handles but not for one handle used from two
// threads, so each GDAL-backed Dataset locks its own handle. Decoded chunks are shared through
// a bounded LRU cache with its own lock.

#include "twinbench/data/CfDecoding.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/data/RawArray.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace twins::data {

class DatasetBackend;
class ChunkCache;

// A variable of any backend. The VariableInfo part (short name, CDL type name, dimension
// names, shape, attributes, storage, chunk sizes) is what NetcdfFile has always reported, so
// CfTimeDecoder, isTimeCoordinate and the inspect summary work on both.
struct DatasetVariable : VariableInfo {
    std::string path; // "/name" in the root group, "/group/sub/name" below it
    DataType type = DataType::Float64;
};

struct DatasetGroup {
    std::string name;                  // "" for the root group
    std::string path;                  // "/" for the root, "/forecast/surface" below it
    std::vector<Dimension> dimensions; // defined in this group
    std::vector<Attribute> attributes;
    std::vector<DatasetVariable> variables;
    std::vector<DatasetGroup> groups;
};

// A strided hyperslab: indices start[d] + k * stride[d] for k < count[d]. An empty stride
// means 1 along every dimension.
struct Hyperslab {
    std::vector<std::size_t> start;
    std::vector<std::size_t> count;
    std::vector<std::size_t> stride;
};

enum class DatasetFormat { NetCDF, HDF5, Zarr, GdalRaster };

struct DatasetOptions {
    // Byte budget of the chunk cache (raw chunks as stored, after decompression).
    std::size_t cacheBytes = std::size_t(256) << 20;
    // The most bytes (as stored) one read may ask a backend for, including a whole chunk read
    // for the cache. A corrupt or hostile header can claim a 2^40-element dimension that the
    // file cannot hold (compressed formats make the file size no bound), so every read is
    // checked against this before a buffer is allocated and refused with a DataError. 4 GiB
    // is 1000 ERA5 2-D fields; callers that really need more read by slabs.
    std::size_t maxReadBytes = std::size_t(4) << 30;
    // How long opening a NetCDF or HDF5 file may take before it is reported as stuck (see
    // LibraryMutex in NetcdfLibrary.h: HDF5 1.10 loops forever on some corrupt files). A
    // minute covers thousands of variables on a slow network file system.
    std::chrono::milliseconds metadataDeadline{60000};
};

struct CacheStatistics {
    std::size_t hits = 0;
    std::size_t misses = 0;
    std::size_t evictions = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;
    std::size_t budgetBytes = 0;
};

// A quick preview of a large variable: the first field (every dimension but the last two at
// index 0), the last two read with one stride so at most maxCells values come back.
struct Overview {
    Hyperslab slab;
    std::vector<std::size_t> shape; // count of the read, one per dimension
    std::vector<double> values;     // CF-decoded, NaN for masked
};

class Dataset {
public:
    // Detects the format from the content (see detectDatasetFormat) and opens it. Throws
    // DataError naming the path for a missing, unreadable, truncated or unknown file.
    static std::shared_ptr<Dataset> open(const std::string& path,
                                         const DatasetOptions& options = {});
    ~Dataset();
    Dataset(const Dataset&) = delete;
    Dataset& operator=(const Dataset&) = delete;

    const std::string& path() const { return m_path; }
    DatasetFormat format() const { return m_format; }
    // For people: "netCDF-4", "netCDF-3 classic", "HDF5", "Zarr v2", "GeoTIFF", ...
    const std::string& formatName() const { return m_formatName; }
    const DatasetGroup& root() const;

    // Every variable, depth first (a group's variables before its subgroups), in file order.
    std::vector<const DatasetVariable*> variables() const;
    // By full path ("/group/temp") or, without a leading '/', by short name: the root group's
    // variable of that name, else the only variable of that name anywhere. nullptr otherwise.
    const DatasetVariable* findVariable(std::string_view nameOrPath) const;
    // As findVariable; throws DataError (path, name, "no such variable ...", listing an
    // ambiguity when several groups hold the name).
    const DatasetVariable& variable(std::string_view nameOrPath) const;
    const DatasetGroup* findGroup(std::string_view groupPath) const;
    // The CF coordinate variable of a dimension as seen from a variable: a 1-D variable named
    // like the dimension in the variable's group or the nearest ancestor group (netCDF-4
    // scoping). nullptr when there is none.
    const DatasetVariable* coordinateVariable(const DatasetVariable& variable,
                                              std::string_view dimension) const;

    // Values as stored, in the variable's own type. Throws DataError for a slab that does not
    // fit the shape, a non-numeric variable, or a failed read (naming file and variable).
    RawArray readRaw(const DatasetVariable& variable, const Hyperslab& slab) const;
    // CF-decoded (see CfDecoding.h): masked values are NaN, packed values unpacked.
    std::vector<double> readDecoded(const DatasetVariable& variable, const Hyperslab& slab) const;
    // The whole variable, decoded.
    std::vector<double> readDecoded(const DatasetVariable& variable) const;
    std::vector<double> readDecoded(std::string_view nameOrPath, const Hyperslab& slab) const;

    // Values as stored, possibly the cache's own chunk (shared, never modified): what a caller
    // that decodes into its own layout reads, with cfPacking, so the field is not copied.
    std::shared_ptr<const RawArray> readShared(const DatasetVariable& variable,
                                               const Hyperslab& slab) const;
    // The CF packing and masking readDecoded applies to this variable's stored values.
    CfPacking cfPacking(const DatasetVariable& variable) const;

    // Strided preview, see Overview. maxCells >= 1.
    Overview readOverview(const DatasetVariable& variable, std::size_t maxCells) const;

    CacheStatistics cacheStatistics() const;
    // Drops every cached chunk (a benchmark's "cold" read, or memory pressure).
    void clearCache() const;

private:
    Dataset(std::string path, DatasetFormat format, std::unique_ptr<DatasetBackend> backend,
            const DatasetOptions& options);
    std::shared_ptr<const RawArray> readThroughCache(const DatasetVariable& variable,
                                                     const Hyperslab& slab) const;
    // Every backend read goes through here: refuses slabs over m_maxReadBytes.
    RawArray backendRead(const DatasetVariable& variable, const Hyperslab& slab) const;

    std::string m_path;
    DatasetFormat m_format;
    std::string m_formatName;
    std::unique_ptr<DatasetBackend> m_backend;
    std::unique_ptr<ChunkCache> m_cache;
    std::size_t m_maxReadBytes;
};

// Same as Dataset::open.
std::shared_ptr<Dataset> openDataset(const std::string& path, const DatasetOptions& options = {});

} // namespace twins::data
