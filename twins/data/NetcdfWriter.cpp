#include "twinbench/data/NetcdfWriter.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/DiskSpace.h"
#include "twinbench/data/NetcdfLibrary.h"
#include "twinbench/data/PartialPath.h"
#include "twinbench/sdk/AtomicFile.h"
#include "twinbench/sdk/TwinFileError.h"
#include "twinbench/sdk/BuildInfo.h"

#include <netcdf.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>

namespace twins::data {

namespace {
nc_type ncTypeOf(NetcdfWriter::Type type) {
    switch (type) {
    case NetcdfWriter::Type::Short:
        return NC_SHORT;
    case NetcdfWriter::Type::Int:
        return NC_INT;
    case NetcdfWriter::Type::Float:
        return NC_FLOAT;
    case NetcdfWriter::Type::Double:
        return NC_DOUBLE;
    }
    return NC_DOUBLE;
}

// A failed create, write or close, with the reason a full disk gives (DiskSpace.h) in place of
// the library's "HDF error" when `noSpace` holds one.
[[noreturn]] void throwWriteError(int status, const std::string& path, const std::string& variable,
                                  const std::string& context, const std::string& noSpace) {
    if (noSpace.empty()) {
        throwIfNetcdfError(status, path, variable, context);
    }
    throw DataError(path, variable, context + ": " + noSpace + " (" + nc_strerror(status) + ")");
}

void throwIfWriteFailed(int status, const std::string& path, const std::string& temporaryPath,
                        const std::string& variable, const std::string& context) {
    if (status != NC_NOERR) {
        throwWriteError(status, path, variable, context, noSpaceReason(temporaryPath, errno));
    }
}

} // namespace

NetcdfWriter::NetcdfWriter(std::string path)
    : m_path(std::move(path)), m_temporaryPath(partialPathFor(m_path)) {
    std::lock_guard lock(netcdfLibraryMutex());
    errno = 0;
    throwIfWriteFailed(nc_create(m_temporaryPath.c_str(), NC_NETCDF4 | NC_NOCLOBBER, &m_ncid),
                       m_path, m_temporaryPath, "",
                       "cannot create (temporary file " + m_temporaryPath + ")");
    m_open = true;
}

NetcdfWriter::~NetcdfWriter() {
    // Not while another thread is stuck inside the library (see LibraryMutex): the partial
    // file is then left for the next start to find, rather than calling into the library.
    if (m_open && netcdfLibraryMutex().lockUnlessStuck()) {
        std::lock_guard lock(netcdfLibraryMutex(), std::adopt_lock);
        nc_close(m_ncid);
        discardPartialFile(m_temporaryPath);
    }
}

void NetcdfWriter::addDimension(const std::string& name, std::size_t length) {
    std::lock_guard lock(netcdfLibraryMutex());
    int dimensionId = -1;
    throwIfNetcdfError(
        nc_def_dim(m_ncid, name.c_str(), length == 0 ? NC_UNLIMITED : length, &dimensionId), m_path,
        "", "cannot define dimension '" + name + "'");
}

void NetcdfWriter::addVariable(const std::string& name, Type type,
                               const std::vector<std::string>& dimensions, int deflateLevel,
                               const std::vector<std::size_t>& chunkSizes) {
    std::lock_guard lock(netcdfLibraryMutex());
    std::vector<int> dimensionIds;
    for (const std::string& dimension : dimensions) {
        int dimensionId = -1;
        throwIfNetcdfError(nc_inq_dimid(m_ncid, dimension.c_str(), &dimensionId), m_path, name,
                           "unknown dimension '" + dimension + "'");
        dimensionIds.push_back(dimensionId);
    }
    int varid = -1;
    throwIfNetcdfError(nc_def_var(m_ncid, name.c_str(), ncTypeOf(type),
                                  static_cast<int>(dimensionIds.size()), dimensionIds.data(),
                                  &varid),
                       m_path, name, "cannot define variable");
    if (!chunkSizes.empty()) {
        throwIfNetcdfError(nc_def_var_chunking(m_ncid, varid, NC_CHUNKED, chunkSizes.data()),
                           m_path, name, "cannot set chunking");
    }
    if (deflateLevel > 0) {
        throwIfNetcdfError(nc_def_var_deflate(m_ncid, varid, 1, 1, deflateLevel), m_path, name,
                           "cannot set compression");
    }
}

int NetcdfWriter::variableId(const std::string& name) const {
    int varid = -1;
    throwIfNetcdfError(nc_inq_varid(m_ncid, name.c_str(), &varid), m_path, name,
                       "variable was not defined");
    return varid;
}

void NetcdfWriter::setTextAttribute(const std::string& variable, const std::string& name,
                                    const std::string& value) {
    std::lock_guard lock(netcdfLibraryMutex());
    throwIfNetcdfError(
        nc_put_att_text(m_ncid, variableId(variable), name.c_str(), value.size(), value.c_str()),
        m_path, variable, "cannot write attribute '" + name + "'");
}

void NetcdfWriter::setNumberAttribute(const std::string& variable, const std::string& name,
                                      Type type, const std::vector<double>& values) {
    std::lock_guard lock(netcdfLibraryMutex());
    throwIfNetcdfError(nc_put_att_double(m_ncid, variableId(variable), name.c_str(), ncTypeOf(type),
                                         values.size(), values.data()),
                       m_path, variable, "cannot write attribute '" + name + "'");
}

void NetcdfWriter::setGlobalTextAttribute(const std::string& name, const std::string& value) {
    std::lock_guard lock(netcdfLibraryMutex());
    throwIfNetcdfError(
        nc_put_att_text(m_ncid, NC_GLOBAL, name.c_str(), value.size(), value.c_str()), m_path, "",
        "cannot write global attribute '" + name + "'");
}

void NetcdfWriter::setConventions(const std::string& conventions) {
    setGlobalTextAttribute("Conventions", conventions);
}

void NetcdfWriter::addHistory(const std::string& entry) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    const std::string line = std::string(stamp) + ": " + entry;
    m_history = m_history.empty() ? line : line + "\n" + m_history;
    setGlobalTextAttribute("history", m_history);
}

void NetcdfWriter::setProvenance(const std::string& runId) {
    if (!runId.empty()) {
        setGlobalTextAttribute("twinbench_run_id", runId);
    }
    setGlobalTextAttribute("twinbench_version",
                           sdk::twinbenchVersion() + " (" + sdk::gitRevision() + ")");
    setGlobalTextAttribute("source", sdk::versionLine());
}

void NetcdfWriter::endDefinitions() {
    if (m_defining) {
        errno = 0;
        throwIfWriteFailed(nc_enddef(m_ncid), m_path, m_temporaryPath, "",
                           "cannot finish the file header");
        m_defining = false;
    }
}

void NetcdfWriter::write(const std::string& variable, const std::vector<std::size_t>& start,
                         const std::vector<std::size_t>& count, const double* values) {
    std::lock_guard lock(netcdfLibraryMutex());
    endDefinitions();
    errno = 0;
    throwIfWriteFailed(
        nc_put_vara_double(m_ncid, variableId(variable), start.data(), count.data(), values),
        m_path, m_temporaryPath, variable, "cannot write values");
}

void NetcdfWriter::write(const std::string& variable, const std::vector<std::size_t>& start,
                         const std::vector<std::size_t>& count, const float* values) {
    std::lock_guard lock(netcdfLibraryMutex());
    endDefinitions();
    errno = 0;
    throwIfWriteFailed(
        nc_put_vara_float(m_ncid, variableId(variable), start.data(), count.data(), values), m_path,
        m_temporaryPath, variable, "cannot write values");
}

void NetcdfWriter::write(const std::string& variable, const std::vector<std::size_t>& start,
                         const std::vector<std::size_t>& count, const short* values) {
    std::lock_guard lock(netcdfLibraryMutex());
    endDefinitions();
    errno = 0;
    throwIfWriteFailed(
        nc_put_vara_short(m_ncid, variableId(variable), start.data(), count.data(), values), m_path,
        m_temporaryPath, variable, "cannot write values");
}

void NetcdfWriter::commit() {
    std::lock_guard lock(netcdfLibraryMutex());
    errno = 0;
    const int status = nc_close(m_ncid);
    const int closeErrno = errno;
    m_open = false;
    if (status != NC_NOERR) {
        // The reason first: removing the partial file frees the space it filled.
        const std::string noSpace = noSpaceReason(m_temporaryPath, closeErrno);
        discardPartialFile(m_temporaryPath);
        throwWriteError(status, m_path, "", "cannot finish writing (nothing was replaced)",
                        noSpace);
    }
    // fsynced before the rename, as every output of a run (AtomicFile.h): after a crash or a
    // power loss a file under its real name is complete.
    try {
        twins::sdk::publishFileAtomically(m_temporaryPath, m_path);
    } catch (const twins::sdk::TwinFileError& failure) {
        discardPartialFile(m_temporaryPath);
        throw DataError(m_path, "", std::string("cannot move the finished file into place: ") +
                                        failure.what());
    }
}

} // namespace twins::data
