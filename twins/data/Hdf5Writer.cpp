#include "twinbench/data/Hdf5Writer.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/NetcdfLibrary.h"
#include "twinbench/data/PartialPath.h"
#include "twinbench/sdk/AtomicFile.h"
#include "twinbench/sdk/TwinFileError.h"

#include <hdf5.h>

#include <filesystem>

namespace twins::data {

namespace {

hid_t fileTypeOf(Hdf5Writer::Type type) {
    // Little-endian file types: what h5py, NetCDF-4 and numpy on every current machine use.
    switch (type) {
    case Hdf5Writer::Type::Int16:
        return H5T_STD_I16LE;
    case Hdf5Writer::Type::Int32:
        return H5T_STD_I32LE;
    case Hdf5Writer::Type::Int64:
        return H5T_STD_I64LE;
    case Hdf5Writer::Type::Float32:
        return H5T_IEEE_F32LE;
    case Hdf5Writer::Type::Float64:
        return H5T_IEEE_F64LE;
    }
    return H5T_IEEE_F64LE;
}

// Closes an HDF5 identifier when it goes out of scope.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t)) : m_id(id), m_close(close) {}
    ~Handle() {
        if (m_id >= 0) {
            m_close(m_id);
        }
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }

private:
    hid_t m_id;
    herr_t (*m_close)(hid_t);
};

herr_t collectInnermost(unsigned, const H5E_error2_t* error, void* data) {
    auto* text = static_cast<std::string*>(data);
    if (text->empty() && error->desc != nullptr) {
        *text = error->desc;
    }
    return 0;
}

// HDF5's own reason for the last failure on this thread (its innermost error description),
// because "cannot create dataset" alone does not tell a full disk from a bad name.
std::string hdf5Reason() {
    std::string text;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collectInnermost, &text);
    H5Eclear2(H5E_DEFAULT);
    return text.empty() ? std::string("no detail from HDF5") : text;
}

// Link creation properties that make missing parent groups, as `mkdir -p`.
hid_t intermediateGroupLinks() {
    const hid_t properties = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(properties, 1);
    return properties;
}

} // namespace

Hdf5Writer::Hdf5Writer(std::string path)
    : m_path(std::move(path)), m_temporaryPath(partialPathFor(m_path)) {
    std::lock_guard lock(netcdfLibraryMutex());
    const hid_t file = H5Fcreate(m_temporaryPath.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0) {
        throw DataError(m_path, "",
                        "cannot create (temporary file " + m_temporaryPath + "): " + hdf5Reason());
    }
    m_file = file;
    m_open = true;
}

Hdf5Writer::~Hdf5Writer() {
    // Not while another thread is stuck inside the library (see LibraryMutex): the partial
    // file is then left for the next start to find, rather than calling into the library.
    if (m_open && netcdfLibraryMutex().lockUnlessStuck()) {
        std::lock_guard lock(netcdfLibraryMutex(), std::adopt_lock);
        H5Fclose(static_cast<hid_t>(m_file));
        discardPartialFile(m_temporaryPath);
    }
}

void Hdf5Writer::createGroup(const std::string& groupPath) {
    std::lock_guard lock(netcdfLibraryMutex());
    const auto file = static_cast<hid_t>(m_file);
    if (groupPath == "/" || H5Lexists(file, groupPath.c_str(), H5P_DEFAULT) > 0) {
        H5Eclear2(H5E_DEFAULT);
        return;
    }
    const Handle links(intermediateGroupLinks(), H5Pclose);
    const Handle group(H5Gcreate2(file, groupPath.c_str(), links.get(), H5P_DEFAULT, H5P_DEFAULT),
                       H5Gclose);
    if (!group.valid()) {
        throw DataError(m_path, groupPath, "cannot create group: " + hdf5Reason());
    }
}

void Hdf5Writer::createDataset(const std::string& datasetPath, Type type,
                               const std::vector<std::size_t>& shape,
                               const std::vector<std::size_t>& chunkSizes, int deflateLevel) {
    if (!chunkSizes.empty() && chunkSizes.size() != shape.size()) {
        throw DataError(m_path, datasetPath,
                        "chunk sizes have " + std::to_string(chunkSizes.size()) +
                            " entries for a dataset of rank " + std::to_string(shape.size()));
    }
    if (deflateLevel > 0 && chunkSizes.empty()) {
        throw DataError(m_path, datasetPath,
                        "deflate compression needs chunk sizes (HDF5 filters work on chunks)");
    }
    std::lock_guard lock(netcdfLibraryMutex());
    const std::vector<hsize_t> dimensions(shape.begin(), shape.end());
    const Handle space(
        H5Screate_simple(static_cast<int>(dimensions.size()), dimensions.data(), nullptr),
        H5Sclose);
    const Handle creation(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    if (!chunkSizes.empty()) {
        const std::vector<hsize_t> chunks(chunkSizes.begin(), chunkSizes.end());
        if (H5Pset_chunk(creation.get(), static_cast<int>(chunks.size()), chunks.data()) < 0) {
            throw DataError(m_path, datasetPath, "cannot set chunk sizes: " + hdf5Reason());
        }
        if (deflateLevel > 0) {
            // Shuffle before deflate: byte planes of floats compress far better.
            H5Pset_shuffle(creation.get());
            if (H5Pset_deflate(creation.get(), static_cast<unsigned>(deflateLevel)) < 0) {
                throw DataError(m_path, datasetPath, "cannot set deflate: " + hdf5Reason());
            }
        }
    }
    const Handle links(intermediateGroupLinks(), H5Pclose);
    const Handle dataset(H5Dcreate2(static_cast<hid_t>(m_file), datasetPath.c_str(),
                                    fileTypeOf(type), space.get(), links.get(), creation.get(),
                                    H5P_DEFAULT),
                         H5Dclose);
    if (!dataset.valid()) {
        throw DataError(m_path, datasetPath, "cannot create dataset: " + hdf5Reason());
    }
}

void Hdf5Writer::setTextAttribute(const std::string& objectPath, const std::string& name,
                                  const std::string& value) {
    std::lock_guard lock(netcdfLibraryMutex());
    const Handle object(H5Oopen(static_cast<hid_t>(m_file), objectPath.c_str(), H5P_DEFAULT),
                        H5Oclose);
    if (!object.valid()) {
        throw DataError(m_path, objectPath,
                        "cannot open object for attribute '" + name + "': " + hdf5Reason());
    }
    // A scalar variable-length UTF-8 string: h5py reads it as str, NetCDF-C as text.
    const Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    const Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    if (H5Aexists(object.get(), name.c_str()) > 0) {
        H5Adelete(object.get(), name.c_str());
    }
    const Handle attribute(
        H5Acreate2(object.get(), name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
        H5Aclose);
    const char* text = value.c_str();
    if (!attribute.valid() || H5Awrite(attribute.get(), type.get(), &text) < 0) {
        throw DataError(m_path, objectPath,
                        "cannot write attribute '" + name + "': " + hdf5Reason());
    }
}

void Hdf5Writer::setNumberAttribute(const std::string& objectPath, const std::string& name,
                                    Type type, const std::vector<double>& values) {
    std::lock_guard lock(netcdfLibraryMutex());
    const Handle object(H5Oopen(static_cast<hid_t>(m_file), objectPath.c_str(), H5P_DEFAULT),
                        H5Oclose);
    if (!object.valid()) {
        throw DataError(m_path, objectPath,
                        "cannot open object for attribute '" + name + "': " + hdf5Reason());
    }
    const hsize_t length = values.size();
    // One value is stored as a 1-element array, as NetCDF-4 does: readers treat both alike.
    const Handle space(H5Screate_simple(1, &length, nullptr), H5Sclose);
    if (H5Aexists(object.get(), name.c_str()) > 0) {
        H5Adelete(object.get(), name.c_str());
    }
    const Handle attribute(H5Acreate2(object.get(), name.c_str(), fileTypeOf(type), space.get(),
                                      H5P_DEFAULT, H5P_DEFAULT),
                           H5Aclose);
    if (!attribute.valid() || H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, values.data()) < 0) {
        throw DataError(m_path, objectPath,
                        "cannot write attribute '" + name + "': " + hdf5Reason());
    }
}

void Hdf5Writer::write(const std::string& datasetPath, const std::vector<std::size_t>& start,
                       const std::vector<std::size_t>& count, const double* values) {
    writeValues(datasetPath, start, count, values, true);
}

void Hdf5Writer::write(const std::string& datasetPath, const std::vector<std::size_t>& start,
                       const std::vector<std::size_t>& count, const float* values) {
    writeValues(datasetPath, start, count, values, false);
}

void Hdf5Writer::writeValues(const std::string& datasetPath, const std::vector<std::size_t>& start,
                             const std::vector<std::size_t>& count, const void* values,
                             bool isDouble) {
    std::lock_guard lock(netcdfLibraryMutex());
    const Handle dataset(H5Dopen2(static_cast<hid_t>(m_file), datasetPath.c_str(), H5P_DEFAULT),
                         H5Dclose);
    if (!dataset.valid()) {
        throw DataError(m_path, datasetPath, "no such dataset to write: " + hdf5Reason());
    }
    const Handle fileSpace(H5Dget_space(dataset.get()), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(fileSpace.get());
    if (static_cast<std::size_t>(rank) != start.size() || start.size() != count.size()) {
        throw DataError(m_path, datasetPath,
                        "write of rank " + std::to_string(start.size()) + "/" +
                            std::to_string(count.size()) + " into a dataset of rank " +
                            std::to_string(rank));
    }
    const std::vector<hsize_t> offset(start.begin(), start.end());
    const std::vector<hsize_t> extent(count.begin(), count.end());
    if (H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, offset.data(), nullptr, extent.data(),
                            nullptr) < 0 ||
        H5Sselect_valid(fileSpace.get()) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        throw DataError(m_path, datasetPath, "the hyperslab does not fit the dataset's shape");
    }
    const Handle memorySpace(H5Screate_simple(rank, extent.data(), nullptr), H5Sclose);
    if (H5Dwrite(dataset.get(), isDouble ? H5T_NATIVE_DOUBLE : H5T_NATIVE_FLOAT, memorySpace.get(),
                 fileSpace.get(), H5P_DEFAULT, values) < 0) {
        throw DataError(m_path, datasetPath, "cannot write values: " + hdf5Reason());
    }
}

void Hdf5Writer::commit() {
    std::lock_guard lock(netcdfLibraryMutex());
    const herr_t status = H5Fclose(static_cast<hid_t>(m_file));
    m_open = false;
    if (status < 0) {
        const std::string reason = hdf5Reason();
        discardPartialFile(m_temporaryPath);
        throw DataError(m_path, "", "cannot finish writing (nothing was replaced): " + reason);
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
