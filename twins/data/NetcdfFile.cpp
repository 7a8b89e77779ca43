#include "twinbench/data/NetcdfFile.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/NetcdfLibrary.h"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace twins::data {

namespace {

std::string typeNameOf(nc_type type) {
    switch (type) {
    case NC_BYTE:
        return "byte";
    case NC_CHAR:
        return "char";
    case NC_SHORT:
        return "short";
    case NC_INT:
        return "int";
    case NC_FLOAT:
        return "float";
    case NC_DOUBLE:
        return "double";
    case NC_UBYTE:
        return "ubyte";
    case NC_USHORT:
        return "ushort";
    case NC_UINT:
        return "uint";
    case NC_INT64:
        return "int64";
    case NC_UINT64:
        return "uint64";
    case NC_STRING:
        return "string";
    default:
        return "user-defined";
    }
}

std::string formatNameOf(int format) {
    switch (format) {
    case NC_FORMAT_CLASSIC:
        return "netCDF-3 classic";
    case NC_FORMAT_64BIT_OFFSET:
        return "netCDF-3 64-bit offset";
    case NC_FORMAT_CDF5:
        return "netCDF-3 CDF5";
    case NC_FORMAT_NETCDF4:
        return "netCDF-4";
    case NC_FORMAT_NETCDF4_CLASSIC:
        return "netCDF-4 classic model";
    default:
        return "unknown";
    }
}

// Reads all attributes of varid (NC_GLOBAL for the file). Caller holds the library lock.
std::vector<Attribute> readAttributes(int ncid, int varid, const std::string& path,
                                      const std::string& variableName) {
    int count = 0;
    throwIfNetcdfError(nc_inq_varnatts(ncid, varid, &count), path, variableName,
                       "cannot count attributes");
    std::vector<Attribute> attributes;
    attributes.reserve(static_cast<std::size_t>(count));
    for (int index = 0; index < count; ++index) {
        char name[NC_MAX_NAME + 1] = {};
        throwIfNetcdfError(nc_inq_attname(ncid, varid, index, name), path, variableName,
                           "cannot read attribute name");
        nc_type type = NC_NAT;
        std::size_t length = 0;
        throwIfNetcdfError(nc_inq_att(ncid, varid, name, &type, &length), path, variableName,
                           std::string("cannot read attribute '") + name + "'");
        Attribute attribute;
        attribute.name = name;
        if (type == NC_CHAR) {
            attribute.isText = true;
            attribute.text.resize(length);
            if (length > 0) {
                throwIfNetcdfError(nc_get_att_text(ncid, varid, name, attribute.text.data()), path,
                                   variableName, "cannot read attribute " + attribute.name);
            }
            // Some writers include the C terminator in the length.
            while (!attribute.text.empty() && attribute.text.back() == '\0') {
                attribute.text.pop_back();
            }
        } else if (type == NC_STRING) {
            attribute.isText = true;
            std::vector<char*> strings(length, nullptr);
            throwIfNetcdfError(nc_get_att_string(ncid, varid, name, strings.data()), path,
                               variableName, "cannot read attribute " + attribute.name);
            for (std::size_t i = 0; i < length; ++i) {
                if (i > 0) {
                    attribute.text += "\n";
                }
                attribute.text += strings[i] ? strings[i] : "";
            }
            nc_free_string(length, strings.data());
        } else if (type >= NC_BYTE && type <= NC_UINT64) {
            attribute.numbers.resize(length);
            if (length > 0) {
                throwIfNetcdfError(nc_get_att_double(ncid, varid, name, attribute.numbers.data()),
                                   path, variableName, "cannot read attribute " + attribute.name);
            }
        }
        // User-defined attribute types are listed by name only.
        attributes.push_back(std::move(attribute));
    }
    return attributes;
}

// Chunking of a netCDF-4 variable. Caller holds the library lock.
void readStorage(int ncid, int varid, const std::string& path, VariableInfo& variable) {
    int storage = NC_CONTIGUOUS;
    std::vector<std::size_t> chunks(std::max<std::size_t>(variable.shape.size(), 1));
    throwIfNetcdfError(nc_inq_var_chunking(ncid, varid, &storage, chunks.data()), path,
                       variable.name, "cannot read the chunking");
    switch (storage) {
    case NC_CHUNKED:
        variable.storage = "chunked";
        chunks.resize(variable.shape.size());
        variable.chunkSizes = chunks;
        break;
    case NC_CONTIGUOUS:
        variable.storage = "contiguous";
        break;
    case NC_COMPACT:
        variable.storage = "compact";
        break;
    default:
        variable.storage = "other";
        break;
    }
}

double firstNumber(const VariableInfo& variable, std::string_view name, double fallback) {
    const Attribute* attribute = variable.attribute(name);
    if (attribute == nullptr || attribute->isText || attribute->numbers.empty()) {
        return fallback;
    }
    return attribute->numbers.front();
}

// NetCDF's default fill for floating-point types: if a writer never wrote a value and declared
// no _FillValue, this is what the file holds. It is never a physical value, so it is masked.
double defaultFloatingFill(const std::string& typeName) {
    if (typeName == "float") {
        return static_cast<double>(NC_FILL_FLOAT);
    }
    if (typeName == "double") {
        return NC_FILL_DOUBLE;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

} // namespace

const Attribute* VariableInfo::attribute(std::string_view attributeName) const {
    for (const Attribute& candidate : attributes) {
        if (candidate.name == attributeName) {
            return &candidate;
        }
    }
    return nullptr;
}

std::string VariableInfo::text(std::string_view attributeName) const {
    const Attribute* found = attribute(attributeName);
    return (found != nullptr && found->isText) ? found->text : std::string();
}

bool VariableInfo::isNumeric() const {
    return typeName != "char" && typeName != "string" && typeName != "user-defined";
}

std::size_t VariableInfo::valueCount() const {
    std::size_t count = 1;
    for (std::size_t length : shape) {
        count *= length;
    }
    return count;
}

std::unique_ptr<NetcdfFile> NetcdfFile::open(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        throw DataError(path, "", "file does not exist");
    }
    if (std::filesystem::is_directory(path, error)) {
        throw DataError(path, "", "is a directory, expected a NetCDF file");
    }
    int ncid = -1;
    {
        std::lock_guard lock(netcdfLibraryMutex());
        const int status = nc_open(path.c_str(), NC_NOWRITE, &ncid);
        if (status == NC_ENOTNC) {
            throw DataError(path, "",
                            "not a NetCDF or HDF5 file, or the file is truncated (" +
                                std::string(nc_strerror(status)) + ")");
        }
        throwIfNetcdfError(status, path, "", "cannot open");
    }
    std::unique_ptr<NetcdfFile> file(new NetcdfFile(path, ncid));
    file->readMetadata();
    return file;
}

NetcdfFile::NetcdfFile(std::string path, int ncid) : m_path(std::move(path)), m_ncid(ncid) {}

NetcdfFile::~NetcdfFile() {
    std::lock_guard lock(netcdfLibraryMutex());
    nc_close(m_ncid);
}

void NetcdfFile::readMetadata() {
    std::lock_guard lock(netcdfLibraryMutex());
    int format = 0;
    throwIfNetcdfError(nc_inq_format(m_ncid, &format), m_path, "", "cannot read format");
    m_formatName = formatNameOf(format);

    int dimensionCount = 0;
    int variableCount = 0;
    int attributeCount = 0;
    int unlimitedId = -1;
    throwIfNetcdfError(
        nc_inq(m_ncid, &dimensionCount, &variableCount, &attributeCount, &unlimitedId), m_path, "",
        "cannot read the file header");

    std::vector<int> dimensionIds(static_cast<std::size_t>(dimensionCount));
    throwIfNetcdfError(nc_inq_dimids(m_ncid, &dimensionCount, dimensionIds.data(), 0), m_path, "",
                       "cannot list dimensions");
    std::vector<int> unlimitedIds(static_cast<std::size_t>(dimensionCount));
    int unlimitedCount = 0;
    throwIfNetcdfError(nc_inq_unlimdims(m_ncid, &unlimitedCount, unlimitedIds.data()), m_path, "",
                       "cannot list unlimited dimensions");
    unlimitedIds.resize(static_cast<std::size_t>(unlimitedCount));

    auto dimensionName = [&](int dimensionId) {
        char name[NC_MAX_NAME + 1] = {};
        throwIfNetcdfError(nc_inq_dimname(m_ncid, dimensionId, name), m_path, "",
                           "cannot read a dimension name");
        return std::string(name);
    };
    for (int dimensionId : dimensionIds) {
        Dimension dimension;
        char name[NC_MAX_NAME + 1] = {};
        throwIfNetcdfError(nc_inq_dim(m_ncid, dimensionId, name, &dimension.length), m_path, "",
                           "cannot read a dimension");
        dimension.name = name;
        for (int unlimited : unlimitedIds) {
            dimension.unlimited = dimension.unlimited || unlimited == dimensionId;
        }
        m_dimensions.push_back(std::move(dimension));
    }

    for (int varid = 0; varid < variableCount; ++varid) {
        VariableInfo variable;
        char name[NC_MAX_NAME + 1] = {};
        nc_type type = NC_NAT;
        int rank = 0;
        throwIfNetcdfError(nc_inq_var(m_ncid, varid, name, &type, &rank, nullptr, nullptr), m_path,
                           "", "cannot read variable header");
        variable.name = name;
        variable.typeName = typeNameOf(type);
        std::vector<int> variableDimensionIds(static_cast<std::size_t>(rank));
        throwIfNetcdfError(nc_inq_vardimid(m_ncid, varid, variableDimensionIds.data()), m_path,
                           variable.name, "cannot read dimensions");
        for (int dimensionId : variableDimensionIds) {
            std::size_t length = 0;
            throwIfNetcdfError(nc_inq_dimlen(m_ncid, dimensionId, &length), m_path, variable.name,
                               "cannot read dimension length");
            variable.dimensions.push_back(dimensionName(dimensionId));
            variable.shape.push_back(length);
        }
        variable.attributes = readAttributes(m_ncid, varid, m_path, variable.name);
        if (format == NC_FORMAT_NETCDF4 || format == NC_FORMAT_NETCDF4_CLASSIC) {
            readStorage(m_ncid, varid, m_path, variable);
        }
        m_variables.push_back(std::move(variable));
    }
    m_globalAttributes = readAttributes(m_ncid, NC_GLOBAL, m_path, "");
}

const VariableInfo* NetcdfFile::findVariable(std::string_view name) const {
    for (const VariableInfo& candidate : m_variables) {
        if (candidate.name == name) {
            return &candidate;
        }
    }
    return nullptr;
}

const VariableInfo& NetcdfFile::variable(std::string_view name) const {
    const VariableInfo* found = findVariable(name);
    if (found == nullptr) {
        throw DataError(m_path, std::string(name), "no such variable in the file");
    }
    return *found;
}

std::vector<double> NetcdfFile::readDecoded(std::string_view name,
                                            const std::vector<std::size_t>& start,
                                            const std::vector<std::size_t>& count) const {
    const VariableInfo& info = variable(name);
    if (start.size() != info.rank() || count.size() != info.rank()) {
        throw DataError(m_path, info.name,
                        "hyperslab has " + std::to_string(start.size()) +
                            " dimensions, the variable has " + std::to_string(info.rank()));
    }
    std::size_t total = 1;
    for (std::size_t axis = 0; axis < info.rank(); ++axis) {
        if (start[axis] + count[axis] > info.shape[axis]) {
            throw DataError(m_path, info.name,
                            "hyperslab exceeds dimension '" + info.dimensions[axis] + "' (" +
                                std::to_string(start[axis]) + "+" + std::to_string(count[axis]) +
                                " > " + std::to_string(info.shape[axis]) + ")");
        }
        total *= count[axis];
    }
    if (!info.isNumeric()) {
        throw DataError(m_path, info.name,
                        "has type " + info.typeName + ", expected a numeric variable");
    }

    std::vector<double> values(total);
    {
        std::lock_guard lock(netcdfLibraryMutex());
        int varid = -1;
        throwIfNetcdfError(nc_inq_varid(m_ncid, info.name.c_str(), &varid), m_path, info.name,
                           "cannot find");
        if (total > 0) {
            const int status =
                nc_get_vara_double(m_ncid, varid, start.data(), count.data(), values.data());
            // NC_ERANGE means some value did not fit a double's range; cannot happen for the
            // numeric types we read, so any error is a real read failure (e.g. corrupt chunk).
            throwIfNetcdfError(status, m_path, info.name, "cannot read values");
        }
    }

    // CF decoding. Masks are compared on the packed values (before scale/offset), as CF 1.10
    // section 2.5.1 requires; ParaView compares after unpacking and misses packed fill values.
    const bool isUnsigned = info.text("_Unsigned") == "true";
    const double unsignedWrap = info.typeName == "byte"    ? 256.0
                                : info.typeName == "short" ? 65536.0
                                : info.typeName == "int"   ? 4294967296.0
                                                           : 0.0;
    const Attribute* fillAttribute = info.attribute("_FillValue");
    const double fill = (fillAttribute != nullptr && !fillAttribute->numbers.empty())
                            ? fillAttribute->numbers.front()
                            : defaultFloatingFill(info.typeName);
    std::vector<double> missingValues;
    if (const Attribute* missing = info.attribute("missing_value");
        missing != nullptr && !missing->isText) {
        missingValues = missing->numbers;
    }
    double validMin = -std::numeric_limits<double>::infinity();
    double validMax = std::numeric_limits<double>::infinity();
    if (const Attribute* range = info.attribute("valid_range");
        range != nullptr && range->numbers.size() == 2) {
        validMin = range->numbers[0];
        validMax = range->numbers[1];
    }
    validMin = firstNumber(info, "valid_min", validMin);
    validMax = firstNumber(info, "valid_max", validMax);
    const double scale = firstNumber(info, "scale_factor", 1.0);
    const double offset = firstNumber(info, "add_offset", 0.0);
    const double nan = std::numeric_limits<double>::quiet_NaN();

    for (double& value : values) {
        double packed = value;
        if (isUnsigned && unsignedWrap > 0.0 && packed < 0.0) {
            packed += unsignedWrap;
        }
        bool masked = packed == fill || packed < validMin || packed > validMax;
        for (double missing : missingValues) {
            masked = masked || packed == missing;
        }
        value = masked ? nan : packed * scale + offset;
    }
    return values;
}

} // namespace twins::data
