#include "twinbench/data/FileContentProbe.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfLibrary.h"
#include "twinbench/data/remote/RemoteUrl.h"

#include <netcdf.h>

#include <algorithm>
#include <mutex>

namespace twins::data {

namespace {

// The largest first chunk a probe reads; a bigger one is read in its leading part only.
constexpr std::size_t probeReadBytes = std::size_t(64) << 20;

// The slab of a variable's first chunk: its chunk shape when chunked, else one index of every
// leading dimension and the last two whole; shrunk from the front to fit probeReadBytes.
std::vector<std::size_t> firstChunkCount(const std::vector<std::size_t>& shape,
                                         const std::vector<std::size_t>& chunks,
                                         std::size_t elementBytes) {
    const std::size_t rank = shape.size();
    std::vector<std::size_t> count(rank, 1);
    for (std::size_t axis = 0; axis < rank; ++axis) {
        if (chunks.size() == rank && chunks[axis] > 0) {
            count[axis] = std::min(chunks[axis], shape[axis]);
        } else if (axis + 2 >= rank) {
            count[axis] = shape[axis];
        }
    }
    const auto bytes = [&] {
        std::size_t total = std::max<std::size_t>(1, elementBytes);
        for (const std::size_t length : count) {
            if (length != 0 && total > probeReadBytes / length) {
                return probeReadBytes + 1;
            }
            total *= length;
        }
        return total;
    };
    // Too big (a chunk of gigabytes, or a contiguous 2-D field that large): halve the longest
    // side until it fits. Only a prefix of the chunk is read then, which still decodes it.
    while (bytes() > probeReadBytes) {
        const auto longest = std::max_element(count.begin(), count.end());
        if (*longest <= 1) {
            break;
        }
        *longest /= 2;
    }
    return count;
}

void probeThroughDataset(const Dataset& dataset, ContentProbeReport& report) {
    for (const DatasetVariable* variable : dataset.variables()) {
        ++report.variables;
        if (variable->type == DataType::String || variable->type == DataType::Other ||
            std::find(variable->shape.begin(), variable->shape.end(), 0) != variable->shape.end()) {
            continue; // never read by the GUI through the Dataset; NetCDF-C reads it below
        }
        Hyperslab slab;
        slab.start.assign(variable->rank(), 0);
        slab.count =
            firstChunkCount(variable->shape, variable->chunkSizes, dataTypeSize(variable->type));
        try {
            dataset.readRaw(*variable, slab);
            ++report.chunksRead;
        } catch (const DataError& error) {
            report.notRead.push_back(variable->path + ": " + error.reason());
        }
    }
}

// The NetCDF-C pass: every attribute and every variable's first chunk, whatever its type.
class RawNetcdfWalk {
public:
    RawNetcdfWalk(std::string path, ContentProbeReport& report)
        : m_path(std::move(path)), m_report(report) {}

    void group(int ncid, const std::string& groupPath) {
        int attributes = 0;
        if (nc_inq_natts(ncid, &attributes) == NC_NOERR) {
            for (int index = 0; index < attributes; ++index) {
                attribute(ncid, NC_GLOBAL, index, groupPath);
            }
        }
        int variables = 0;
        if (nc_inq_varids(ncid, &variables, nullptr) == NC_NOERR && variables > 0) {
            std::vector<int> ids(static_cast<std::size_t>(variables));
            nc_inq_varids(ncid, &variables, ids.data());
            for (const int id : ids) {
                variable(ncid, id, groupPath);
            }
        }
        int groups = 0;
        if (nc_inq_grps(ncid, &groups, nullptr) == NC_NOERR && groups > 0) {
            std::vector<int> ids(static_cast<std::size_t>(groups));
            nc_inq_grps(ncid, &groups, ids.data());
            for (const int id : ids) {
                char name[NC_MAX_NAME + 1] = {};
                nc_inq_grpname(id, name);
                group(id, groupPath + name + "/");
            }
        }
    }

private:
    // Frees what NetCDF-C allocated for variable-length values (strings, vlens).
    static void release(int ncid, nc_type type, std::size_t count, void* values) {
        if (type == NC_STRING) {
            nc_free_string(count, static_cast<char**>(values));
            return;
        }
        int typeClass = 0;
        if (type > NC_MAX_ATOMIC_TYPE &&
            nc_inq_user_type(ncid, type, nullptr, nullptr, nullptr, nullptr, &typeClass) ==
                NC_NOERR &&
            typeClass == NC_VLEN) {
            nc_free_vlens(count, static_cast<nc_vlen_t*>(values));
        }
    }

    static std::size_t typeSize(int ncid, nc_type type) {
        std::size_t size = 0;
        return nc_inq_type(ncid, type, nullptr, &size) == NC_NOERR ? size : 0;
    }

    void attribute(int ncid, int varid, int index, const std::string& owner) {
        char name[NC_MAX_NAME + 1] = {};
        nc_type type = 0;
        std::size_t length = 0;
        if (nc_inq_attname(ncid, varid, index, name) != NC_NOERR ||
            nc_inq_att(ncid, varid, name, &type, &length) != NC_NOERR) {
            m_report.notRead.push_back(owner + " attribute " + std::to_string(index) +
                                       ": cannot be listed");
            return;
        }
        const std::size_t size = typeSize(ncid, type);
        if (size == 0 || length > probeReadBytes / size) {
            m_report.notRead.push_back(owner + " attribute " + name + ": claims " +
                                       std::to_string(length) + " values");
            return;
        }
        std::vector<unsigned char> values(std::max<std::size_t>(1, length * size));
        const int status = nc_get_att(ncid, varid, name, values.data());
        if (status != NC_NOERR) {
            m_report.notRead.push_back(owner + " attribute " + name + ": " + nc_strerror(status));
            return;
        }
        release(ncid, type, length, values.data());
        ++m_report.attributes;
    }

    void variable(int ncid, int varid, const std::string& groupPath) {
        char name[NC_MAX_NAME + 1] = {};
        nc_type type = 0;
        int rank = 0;
        int attributes = 0;
        if (nc_inq_var(ncid, varid, name, &type, &rank, nullptr, &attributes) != NC_NOERR ||
            rank < 0 || rank > NC_MAX_VAR_DIMS) {
            m_report.notRead.push_back(groupPath + "variable " + std::to_string(varid) +
                                       ": cannot be listed");
            return;
        }
        const std::string path = groupPath + name;
        for (int index = 0; index < attributes; ++index) {
            attribute(ncid, varid, index, path);
        }
        std::vector<int> dimensions(static_cast<std::size_t>(rank));
        nc_inq_vardimid(ncid, varid, dimensions.data());
        std::vector<std::size_t> shape(static_cast<std::size_t>(rank));
        for (int axis = 0; axis < rank; ++axis) {
            nc_inq_dimlen(ncid, dimensions[static_cast<std::size_t>(axis)],
                          &shape[static_cast<std::size_t>(axis)]);
        }
        if (std::find(shape.begin(), shape.end(), 0) != shape.end()) {
            return; // nothing stored
        }
        std::vector<std::size_t> chunks(static_cast<std::size_t>(rank), 0);
        int storage = NC_CONTIGUOUS;
        if (rank > 0 && nc_inq_var_chunking(ncid, varid, &storage, chunks.data()) != NC_NOERR) {
            storage = NC_CONTIGUOUS;
        }
        if (storage != NC_CHUNKED) {
            std::fill(chunks.begin(), chunks.end(), 0);
        }
        const std::size_t size = typeSize(ncid, type);
        if (size == 0) {
            m_report.notRead.push_back(path + ": type of unknown size");
            return;
        }
        const std::vector<std::size_t> count = firstChunkCount(shape, chunks, size);
        std::size_t elements = 1;
        for (const std::size_t length : count) {
            elements *= length;
        }
        const std::vector<std::size_t> start(static_cast<std::size_t>(rank), 0);
        std::vector<unsigned char> values(elements * size);
        const int status = nc_get_vara(ncid, varid, start.data(), count.data(), values.data());
        if (status != NC_NOERR) {
            m_report.notRead.push_back(path + ": " + nc_strerror(status));
            return;
        }
        release(ncid, type, elements, values.data());
        ++m_report.chunksRead;
    }

    std::string m_path;
    ContentProbeReport& m_report;
};

void probeThroughNetcdf(const std::string& path, ContentProbeReport& report) {
    std::lock_guard lock(netcdfLibraryMutex());
    int ncid = -1;
    const int status = nc_open(path.c_str(), NC_NOWRITE, &ncid);
    if (status != NC_NOERR) {
        // Plain HDF5 files NetCDF-C cannot show were read through the HDF5 backend above.
        report.notRead.push_back(std::string("(NetCDF-C cannot open the file: ") +
                                 nc_strerror(status) + ")");
        return;
    }
    RawNetcdfWalk(path, report).group(ncid, "/");
    nc_close(ncid);
}

} // namespace

ContentProbeReport probeFileContent(const std::string& path) {
    ContentProbeReport report;
    const std::shared_ptr<Dataset> dataset = Dataset::open(path);
    report.formatName = dataset->formatName();
    probeThroughDataset(*dataset, report);
    // A URL is read through the Dataset's backends only (NetCDF-C would try it as OPeNDAP).
    if (!remote::isRemoteUrl(path) &&
        (dataset->format() == DatasetFormat::NetCDF || dataset->format() == DatasetFormat::HDF5)) {
        probeThroughNetcdf(path, report);
    }
    return report;
}

} // namespace twins::data
