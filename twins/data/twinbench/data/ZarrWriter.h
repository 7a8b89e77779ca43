#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class GDALDataset;
class GDALDimension;
class GDALGroup;
class GDALMDArray;

namespace twins::data {

// Writes a compressed Zarr v2 store through GDAL's multidimensional API (NetCDF-C's NCZarr
// cannot: its compression filters are missing in Debian, see DESIGN.md), readable by zarr,
// xarray and our Dataset. Variables carry CF attributes: units, _FillValue (Zarr's fill_value,
// which xarray reports as _FillValue), scale_factor and add_offset when packing is asked for.
//
// The store is written into a temporary directory beside the target and renamed by commit(),
// so readers never see half a store. Not thread-safe: one writer, one thread.
class ZarrWriter {
public:
    enum class Type { Int16, Int32, Float32, Float64 };

    struct Compression {
        std::string codec = "zlib"; // "zlib", "blosc" (lz4 inside), "zstd", "lz4" or "none"
        int level = 5;              // ignored by "lz4" and "none"
    };

    struct VariableOptions {
        std::vector<std::size_t> chunkSizes; // empty: the whole array is one chunk
        std::string units;
        std::optional<double> fillValue; // stored (packed) value marking missing data
        // CF packing: stored = round((value - addOffset) / scaleFactor); NaN becomes the fill
        // value, which must then be set.
        std::optional<double> scaleFactor;
        std::optional<double> addOffset;
    };

    // Throws DataError when the store cannot be created (directory missing, target is a file).
    ZarrWriter(std::string path, Compression compression);
    // zlib level 5: decodes everywhere (numcodecs, GDAL, NCZarr builds with filters).
    explicit ZarrWriter(std::string path);
    ~ZarrWriter();
    ZarrWriter(const ZarrWriter&) = delete;
    ZarrWriter& operator=(const ZarrWriter&) = delete;

    // Dimensions are shared by every group (Zarr v2 only records their names per array).
    void addDimension(const std::string& name, std::size_t length);
    // "/forecast/surface"; missing parents are created.
    void addGroup(const std::string& groupPath);
    // "/temp" or "/forecast/temp"; the group must exist.
    void addVariable(const std::string& variablePath, Type type,
                     const std::vector<std::string>& dimensions, const VariableOptions& options);
    // On "/" (the root group), a group or a variable.
    void setTextAttribute(const std::string& objectPath, const std::string& name,
                          const std::string& value);
    void setNumberAttribute(const std::string& objectPath, const std::string& name,
                            const std::vector<double>& values);

    // Unpacked values; packing and the NaN -> fill value mapping happen here.
    void write(const std::string& variablePath, const std::vector<std::size_t>& start,
               const std::vector<std::size_t>& count, const double* values);

    // Flushes every chunk and the metadata (.zarray, .zattrs, consolidated .zmetadata) and
    // renames the store into place. Throws DataError on failure; nothing is replaced then.
    void commit();

    const std::string& path() const { return m_path; }

private:
    struct Variable {
        std::shared_ptr<GDALMDArray> array;
        VariableOptions options;
    };
    std::shared_ptr<GDALGroup> group(const std::string& groupPath) const;
    const Variable& variable(const std::string& variablePath) const;
    void close();

    std::string m_path;
    std::string m_temporaryPath;
    Compression m_compression;
    GDALDataset* m_dataset = nullptr;
    std::map<std::string, std::shared_ptr<GDALGroup>> m_groups;
    std::map<std::string, std::shared_ptr<GDALDimension>> m_dimensions;
    std::map<std::string, Variable> m_variables;
};

} // namespace twins::data
