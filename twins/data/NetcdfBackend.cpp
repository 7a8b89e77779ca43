// The NetCDF-C backend of Dataset: netCDF-3 (classic, 64-bit offset, CDF5) and netCDF-4 files,
// with nested groups. NetcdfFile stays the root-group reader the GUI uses today; this backend
// walks every group with the same metadata helpers.
#include "twinbench/data/ClassicHeaderCheck.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/DatasetBackend.h"
#include "twinbench/data/DirectChunkReader.h"
#include "twinbench/data/NetcdfLibrary.h"
#include "twinbench/data/NetcdfMetadata.h"

#include <netcdf.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <unordered_map>

namespace twins::data {

namespace {

DataType dataTypeOf(nc_type type) {
    switch (type) {
    case NC_BYTE:
        return DataType::Int8;
    case NC_UBYTE:
        return DataType::UInt8;
    case NC_CHAR:
        return DataType::Char;
    case NC_SHORT:
        return DataType::Int16;
    case NC_USHORT:
        return DataType::UInt16;
    case NC_INT:
        return DataType::Int32;
    case NC_UINT:
        return DataType::UInt32;
    case NC_INT64:
        return DataType::Int64;
    case NC_UINT64:
        return DataType::UInt64;
    case NC_FLOAT:
        return DataType::Float32;
    case NC_DOUBLE:
        return DataType::Float64;
    case NC_STRING:
        return DataType::String;
    default:
        return DataType::Other;
    }
}

// a * b, or UINTMAX_MAX on overflow: a corrupt header's lengths must not wrap to a small size
// that then passes the file-size check.
std::uintmax_t saturatingProduct(std::uintmax_t a, std::uintmax_t b) {
    std::uintmax_t product = 0;
    return __builtin_mul_overflow(a, b, &product) ? UINTMAX_MAX : product;
}

std::uintmax_t saturatingSum(std::uintmax_t a, std::uintmax_t b) {
    std::uintmax_t sum = 0;
    return __builtin_add_overflow(a, b, &sum) ? UINTMAX_MAX : sum;
}

std::string childPath(const std::string& parent, const std::string& name) {
    return parent == "/" ? "/" + name : parent + "/" + name;
}

class NetcdfBackend final : public DatasetBackend {
public:
    explicit NetcdfBackend(std::string path) : m_path(std::move(path)) {
        checkClassicHeader(m_path); // before NetCDF-C allocates what a corrupt header claims
        std::lock_guard lock(netcdfLibraryMutex());
        const int status = nc_open(m_path.c_str(), NC_NOWRITE, &m_ncid);
        if (status == NC_ENOTNC) {
            throw DataError(m_path, "",
                            "not a NetCDF file, or the file is truncated (" +
                                std::string(nc_strerror(status)) + ")");
        }
        throwIfNetcdfError(status, m_path, "", "NetCDF-C cannot open the file");
        try {
            int format = 0;
            throwIfNetcdfError(nc_inq_format(m_ncid, &format), m_path, "", "cannot read format");
            m_formatName = formatNameOf(format);
            m_netcdf4 = format == NC_FORMAT_NETCDF4 || format == NC_FORMAT_NETCDF4_CLASSIC;
            m_cdf5 = format == NC_FORMAT_CDF5;
            m_classic = format == NC_FORMAT_CLASSIC;
            m_root.path = "/";
            readGroup(m_ncid, m_root);
            if (!m_netcdf4) {
                checkClassicFileSize();
            }
        } catch (...) {
            nc_close(m_ncid);
            throw;
        }
    }

    ~NetcdfBackend() override {
        // Not while another thread is stuck inside the library: leak the handle instead.
        if (!netcdfLibraryMutex().lockUnlessStuck()) {
            return;
        }
        std::lock_guard lock(netcdfLibraryMutex(), std::adopt_lock);
        m_direct.reset(); // HDF5's second handle on the file first
        nc_close(m_ncid);
    }

    std::string formatName() const override { return m_formatName; }
    const DatasetGroup& root() const override { return m_root; }

    RawArray read(const DatasetVariable& variable, const Hyperslab& slab) const override {
        const auto location = m_locations.find(variable.path);
        if (location == m_locations.end()) {
            throw DataError(m_path, variable.path, "not a variable of this file");
        }
        RawArray out;
        out.type = variable.type;
        out.shape = slab.count;
        std::size_t total = 1;
        for (std::size_t count : slab.count) {
            total *= count;
        }
        out.bytes.resize(total * dataTypeSize(variable.type));
        std::vector<std::ptrdiff_t> stride(slab.stride.begin(), slab.stride.end());
        std::lock_guard lock(netcdfLibraryMutex());
        if (readWholeChunk(variable, slab, out)) {
            return out;
        }
        verifyChunksBeforeLibraryRead(variable, slab);
        const int status =
            nc_get_vars(location->second.first, location->second.second, slab.start.data(),
                        slab.count.data(), stride.data(), out.bytes.data());
        // Any error here is a real read failure: a truncated file, a corrupt or undecodable
        // chunk (a filter that is not installed).
        throwIfNetcdfError(status, m_path, variable.path, "cannot read values");
        return out;
    }

private:
    // One whole chunk of a netCDF-4 variable (what the Dataset's chunk cache asks for) through
    // DirectChunkReader: inflated by libdeflate, ~3x faster than HDF5's zlib (see its header).
    // False when that path does not apply; the caller then reads through NetCDF-C. Called with
    // the library mutex held.
    bool readWholeChunk(const DatasetVariable& variable, const Hyperslab& slab,
                        RawArray& out) const {
        const std::size_t rank = slab.count.size();
        if (!m_netcdf4 || rank == 0 || variable.chunkSizes.size() != rank ||
            variable.shape.size() != rank || slab.start.size() != rank) {
            return false;
        }
        for (std::size_t axis = 0; axis < rank; ++axis) {
            if ((!slab.stride.empty() && slab.stride[axis] != 1) ||
                slab.count[axis] != variable.chunkSizes[axis]) {
                return false;
            }
        }
        if (!m_directOpened) {
            m_directOpened = true;
            m_direct = DirectChunkReader::open(m_path);
        }
        return m_direct != nullptr &&
               m_direct->read(variable.path, dataTypeSize(variable.type), variable.shape,
                              variable.chunkSizes, slab.start, out.bytes.data(), out.bytes.size());
    }

    // A netCDF-4 read through NetCDF-C ends in HDF5's H5Dread, which copies past a chunk that
    // inflates short (DirectChunkReader.h): the chunks the slab touches are checked first.
    void verifyChunksBeforeLibraryRead(const DatasetVariable& variable,
                                       const Hyperslab& slab) const {
        if (!m_netcdf4 || variable.chunkSizes.size() != slab.count.size() || slab.count.empty()) {
            return;
        }
        if (!m_directOpened) {
            m_directOpened = true;
            m_direct = DirectChunkReader::open(m_path);
        }
        if (m_direct == nullptr) {
            return;
        }
        m_direct->verifyChunks(variable.path, dataTypeSize(variable.type), slab.start, slab.count,
                               slab.stride);
    }

    // NetCDF-C reads a truncated netCDF-3 file without an error (the missing values come back
    // as zeros, and a header cut short reads as zeros too, i.e. as "no attributes, no
    // variables"), so the size the header implies is checked here: the header itself plus the
    // data of the fixed-size variables plus numrecs records. Caller holds the library lock.
    void checkClassicFileSize() const {
        std::uintmax_t fixedBytes = 0;
        std::uintmax_t recordBytes = 0;
        std::size_t recordVariables = 0;
        std::size_t records = 0;
        const auto padded = [](std::uintmax_t bytes) { return saturatingSum(bytes, 3) / 4 * 4; };
        for (const DatasetVariable& variable : m_root.variables) {
            const bool record = !variable.dimensions.empty() && isUnlimited(variable.dimensions[0]);
            std::uintmax_t bytes = std::max<std::size_t>(dataTypeSize(variable.type), 1);
            for (std::size_t axis = record ? 1 : 0; axis < variable.rank(); ++axis) {
                bytes = saturatingProduct(bytes, variable.shape[axis]);
            }
            if (record) {
                records = variable.shape[0];
                recordBytes = saturatingSum(recordBytes, bytes);
                ++recordVariables;
            } else {
                fixedBytes = saturatingSum(fixedBytes, padded(bytes));
            }
        }
        // One record variable is stored unpadded; several are each padded to 4 bytes.
        if (recordVariables > 1) {
            recordBytes = 0;
            for (const DatasetVariable& variable : m_root.variables) {
                if (!variable.dimensions.empty() && isUnlimited(variable.dimensions[0])) {
                    std::uintmax_t bytes = std::max<std::size_t>(dataTypeSize(variable.type), 1);
                    for (std::size_t axis = 1; axis < variable.rank(); ++axis) {
                        bytes = saturatingProduct(bytes, variable.shape[axis]);
                    }
                    recordBytes = saturatingSum(recordBytes, padded(bytes));
                }
            }
        }
        const std::uintmax_t minimum =
            saturatingSum(classicHeaderBytes(),
                          saturatingSum(fixedBytes, saturatingProduct(records, recordBytes)));
        std::error_code error;
        const std::uintmax_t size = std::filesystem::file_size(m_path, error);
        if (!error && size < minimum) {
            throw DataError(m_path, "",
                            "is truncated: " + std::to_string(size) +
                                " bytes, but its header and the data it describes need at least " +
                                std::to_string(minimum) + " bytes");
        }
    }

    // The length of the netCDF-3 header that describes what NetCDF-C reported, following the
    // netCDF classic format specification (the same sum NetCDF-C computes internally but does
    // not export). Data starts at or after it, so it is a lower bound for the file size.
    // Caller holds the library lock.
    std::uintmax_t classicHeaderBytes() const {
        const std::uintmax_t size = m_cdf5 ? 8 : 4; // NON_NEG counts and lengths
        const auto padded = [](std::uintmax_t bytes) { return saturatingSum(bytes, 3) / 4 * 4; };
        const auto nameBytes = [&](const char* name) {
            return size + padded(std::char_traits<char>::length(name));
        };
        const auto attributeListBytes = [&](int varid) {
            std::uintmax_t bytes = 4 + size; // tag and count (or ABSENT)
            int count = 0;
            if (nc_inq_varnatts(m_ncid, varid, &count) != NC_NOERR) {
                return bytes;
            }
            for (int index = 0; index < count; ++index) {
                char name[NC_MAX_NAME + 1] = {};
                nc_type type = NC_NAT;
                std::size_t length = 0;
                if (nc_inq_attname(m_ncid, varid, index, name) != NC_NOERR ||
                    nc_inq_att(m_ncid, varid, name, &type, &length) != NC_NOERR) {
                    continue;
                }
                std::size_t element = 0;
                nc_inq_type(m_ncid, type, nullptr, &element);
                bytes = saturatingSum(bytes, nameBytes(name) + 4 + size +
                                                 padded(saturatingProduct(length, element)));
            }
            return bytes;
        };
        std::uintmax_t bytes = 4 + size; // magic, numrecs
        bytes += 4 + size;               // dim_list tag and count
        int dimensions = 0;
        nc_inq_ndims(m_ncid, &dimensions);
        for (int dimid = 0; dimid < dimensions; ++dimid) {
            char name[NC_MAX_NAME + 1] = {};
            if (nc_inq_dimname(m_ncid, dimid, name) == NC_NOERR) {
                bytes += nameBytes(name) + size;
            }
        }
        bytes = saturatingSum(bytes, attributeListBytes(NC_GLOBAL));
        bytes += 4 + size; // var_list tag and count
        int variables = 0;
        nc_inq_nvars(m_ncid, &variables);
        for (int varid = 0; varid < variables; ++varid) {
            char name[NC_MAX_NAME + 1] = {};
            int rank = 0;
            if (nc_inq_varname(m_ncid, varid, name) != NC_NOERR ||
                nc_inq_varndims(m_ncid, varid, &rank) != NC_NOERR) {
                continue;
            }
            // name, rank, dimids, attributes, nc_type, vsize, begin (32-bit only in CDF-1)
            bytes = saturatingSum(
                bytes, nameBytes(name) + size + static_cast<std::uintmax_t>(rank) * size +
                           attributeListBytes(varid) + 4 + size + (m_classic ? 4 : 8));
        }
        return bytes;
    }

    bool isUnlimited(const std::string& dimension) const {
        for (const Dimension& candidate : m_root.dimensions) {
            if (candidate.name == dimension) {
                return candidate.unlimited;
            }
        }
        return false;
    }

    // Caller holds the library lock.
    void readGroup(int ncid, DatasetGroup& group) {
        int dimensionCount = 0;
        throwIfNetcdfError(nc_inq_dimids(ncid, &dimensionCount, nullptr, 0), m_path, "",
                           "cannot count the dimensions of group " + group.path);
        std::vector<int> dimensionIds(static_cast<std::size_t>(dimensionCount));
        throwIfNetcdfError(nc_inq_dimids(ncid, &dimensionCount, dimensionIds.data(), 0), m_path, "",
                           "cannot list the dimensions of group " + group.path);
        int unlimitedCount = 0;
        std::vector<int> unlimitedIds(static_cast<std::size_t>(NC_MAX_DIMS));
        throwIfNetcdfError(nc_inq_unlimdims(ncid, &unlimitedCount, unlimitedIds.data()), m_path, "",
                           "cannot list the unlimited dimensions of group " + group.path);
        unlimitedIds.resize(static_cast<std::size_t>(unlimitedCount));
        for (int dimensionId : dimensionIds) {
            Dimension dimension;
            char name[NC_MAX_NAME + 1] = {};
            throwIfNetcdfError(nc_inq_dim(ncid, dimensionId, name, &dimension.length), m_path, "",
                               "cannot read a dimension of group " + group.path);
            dimension.name = name;
            for (int unlimited : unlimitedIds) {
                dimension.unlimited = dimension.unlimited || unlimited == dimensionId;
            }
            group.dimensions.push_back(std::move(dimension));
        }

        int variableCount = 0;
        throwIfNetcdfError(nc_inq_nvars(ncid, &variableCount), m_path, "",
                           "cannot count the variables of group " + group.path);
        for (int varid = 0; varid < variableCount; ++varid) {
            DatasetVariable variable;
            char name[NC_MAX_NAME + 1] = {};
            nc_type type = NC_NAT;
            int rank = 0;
            throwIfNetcdfError(nc_inq_var(ncid, varid, name, &type, &rank, nullptr, nullptr),
                               m_path, "", "cannot read a variable header in " + group.path);
            variable.name = name;
            variable.path = childPath(group.path, variable.name);
            variable.type = dataTypeOf(type);
            variable.typeName = typeNameOf(type);
            std::vector<int> variableDimensions(static_cast<std::size_t>(rank));
            throwIfNetcdfError(nc_inq_vardimid(ncid, varid, variableDimensions.data()), m_path,
                               variable.path, "cannot read dimensions");
            for (int dimensionId : variableDimensions) {
                char dimensionName[NC_MAX_NAME + 1] = {};
                std::size_t length = 0;
                throwIfNetcdfError(nc_inq_dim(ncid, dimensionId, dimensionName, &length), m_path,
                                   variable.path, "cannot read a dimension");
                variable.dimensions.emplace_back(dimensionName);
                variable.shape.push_back(length);
            }
            variable.attributes = readAttributes(ncid, varid, m_path, variable.path);
            if (m_netcdf4) {
                readStorage(ncid, varid, m_path, variable);
            }
            m_locations.emplace(variable.path, std::make_pair(ncid, varid));
            group.variables.push_back(std::move(variable));
        }
        group.attributes = readAttributes(ncid, NC_GLOBAL, m_path, "");

        if (!m_netcdf4) {
            return;
        }
        int groupCount = 0;
        throwIfNetcdfError(nc_inq_grps(ncid, &groupCount, nullptr), m_path, "",
                           "cannot count the subgroups of " + group.path);
        std::vector<int> groupIds(static_cast<std::size_t>(groupCount));
        throwIfNetcdfError(nc_inq_grps(ncid, &groupCount, groupIds.data()), m_path, "",
                           "cannot list the subgroups of " + group.path);
        for (int groupId : groupIds) {
            DatasetGroup child;
            char name[NC_MAX_NAME + 1] = {};
            throwIfNetcdfError(nc_inq_grpname(groupId, name), m_path, "",
                               "cannot read a group name in " + group.path);
            child.name = name;
            child.path = childPath(group.path, child.name);
            readGroup(groupId, child);
            group.groups.push_back(std::move(child));
        }
    }

    std::string m_path;
    int m_ncid = -1;
    bool m_netcdf4 = false;
    // HDF5's own handle for whole-chunk reads, opened on the first one (guarded by the
    // library mutex like every other call).
    mutable std::unique_ptr<DirectChunkReader> m_direct;
    mutable bool m_directOpened = false;
    bool m_cdf5 = false;    // 64-bit counts and lengths in the header
    bool m_classic = false; // CDF-1: 32-bit data offsets
    std::string m_formatName;
    DatasetGroup m_root;
    std::unordered_map<std::string, std::pair<int, int>> m_locations; // path -> (group, varid)
};

} // namespace

std::unique_ptr<DatasetBackend> openNetcdfBackend(const std::string& path) {
    return std::make_unique<NetcdfBackend>(path);
}

} // namespace twins::data
