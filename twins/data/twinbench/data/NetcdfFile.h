#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace twins::data {

// One attribute: text (NC_CHAR / NC_STRING) or numbers (any numeric type, widened to double).
struct Attribute {
    std::string name;
    std::string text;
    std::vector<double> numbers;
    bool isText = false;
    // CDL name of the stored type ("short", "double", "char", ...), "" when unknown. CF
    // compares valid_range with packed or unpacked values depending on this type.
    std::string typeName;
};

struct Dimension {
    std::string name;
    std::size_t length = 0;
    bool unlimited = false;
};

struct VariableInfo {
    std::string name;
    std::string typeName; // "short", "float", ... (CDL names)
    std::vector<std::string> dimensions;
    std::vector<std::size_t> shape;
    std::vector<Attribute> attributes;
    // netCDF-4 storage layout: "chunked", "contiguous", "compact" or "other"; "" for netCDF-3.
    std::string storage;
    std::vector<std::size_t> chunkSizes; // set when storage is "chunked"

    const Attribute* attribute(std::string_view attributeName) const;
    // Text of a text attribute, or "" when absent or not text.
    std::string text(std::string_view attributeName) const;
    std::string units() const { return text("units"); }
    std::string longName() const { return text("long_name"); }
    std::size_t rank() const { return shape.size(); }
    // Holds numbers (not text, not a user-defined type), so it can be read and decoded.
    bool isNumeric() const;
    std::size_t valueCount() const;
    // A CF coordinate variable: 1-D and named after its dimension.
    bool isCoordinate() const { return dimensions.size() == 1 && dimensions[0] == name; }
};

// A NetCDF-3 or NetCDF-4 file opened read-only: its root-group dimensions, variables and
// attributes are read once at open; values are read lazily by hyperslab and CF-decoded.
// Thread-safe: every libnetcdf call holds netcdfLibraryMutex().
class NetcdfFile {
public:
    // Throws DataError naming the path and the reason (missing, unreadable, not NetCDF, ...).
    static std::unique_ptr<NetcdfFile> open(const std::string& path);
    ~NetcdfFile();
    NetcdfFile(const NetcdfFile&) = delete;
    NetcdfFile& operator=(const NetcdfFile&) = delete;

    const std::string& path() const { return m_path; }
    const std::string& formatName() const { return m_formatName; }
    const std::vector<Dimension>& dimensions() const { return m_dimensions; }
    const std::vector<VariableInfo>& variables() const { return m_variables; }
    const std::vector<Attribute>& globalAttributes() const { return m_globalAttributes; }

    const VariableInfo* findVariable(std::string_view name) const;
    // Throws DataError when the variable does not exist.
    const VariableInfo& variable(std::string_view name) const;

    // Reads the hyperslab [start, start+count) of a variable and CF-decodes it: values equal to
    // _FillValue or missing_value, or outside valid_min/valid_max/valid_range (all compared on
    // the packed values, as CF requires) become NaN; then scale_factor and add_offset unpack.
    std::vector<double> readDecoded(std::string_view name, const std::vector<std::size_t>& start,
                                    const std::vector<std::size_t>& count) const;

private:
    NetcdfFile(std::string path, int ncid);
    void readMetadata();

    std::string m_path;
    int m_ncid = -1;
    std::string m_formatName;
    std::vector<Dimension> m_dimensions;
    std::vector<VariableInfo> m_variables;
    std::vector<Attribute> m_globalAttributes;
};

} // namespace twins::data
