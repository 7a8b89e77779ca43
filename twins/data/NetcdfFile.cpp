#include "twinbench/data/NetcdfFile.h"

#include "twinbench/data/ClassicHeaderCheck.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/NetcdfLibrary.h"
#include "twinbench/data/NetcdfMetadata.h"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace twins::data {

namespace {

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
    checkClassicHeader(path); // before NetCDF-C allocates what a corrupt header claims
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
    // Not while another thread is stuck inside the library: leak the handle instead.
    if (!netcdfLibraryMutex().lockUnlessStuck()) {
        return;
    }
    std::lock_guard lock(netcdfLibraryMutex(), std::adopt_lock);
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
