// The HDF5 C backend of Dataset: any HDF5 file, including files that are not netCDF-4 (h5py
// output, instrument files). Groups, datasets and attributes are shown as HDF5 stores them.
// HDF5 has no named dimensions: every axis gets a "phony" dimension named after its length
// within the group (phony_dim_0, phony_dim_1, ... in order of first appearance), the same
// convention NetCDF-C and h5netcdf use for such files, so equal lengths share a dimension.
#include "twinbench/data/DataError.h"
#include "twinbench/data/DatasetBackend.h"
#include "twinbench/data/DirectChunkReader.h"
#include "twinbench/data/Netcdf4Conventions.h"
#include "twinbench/data/NetcdfLibrary.h"

#include <hdf5.h>

#include <cstring>
#include <exception>
#include <map>
#include <memory>

namespace twins::data {

namespace {

DataType dataTypeOf(hid_t type) {
    const H5T_class_t typeClass = H5Tget_class(type);
    const std::size_t size = H5Tget_size(type);
    if (typeClass == H5T_INTEGER) {
        const bool isSigned = H5Tget_sign(type) == H5T_SGN_2;
        switch (size) {
        case 1:
            return isSigned ? DataType::Int8 : DataType::UInt8;
        case 2:
            return isSigned ? DataType::Int16 : DataType::UInt16;
        case 4:
            return isSigned ? DataType::Int32 : DataType::UInt32;
        case 8:
            return isSigned ? DataType::Int64 : DataType::UInt64;
        default:
            return DataType::Other;
        }
    }
    if (typeClass == H5T_FLOAT) {
        return size == 4 ? DataType::Float32 : size == 8 ? DataType::Float64 : DataType::Other;
    }
    if (typeClass == H5T_STRING) {
        return DataType::String;
    }
    return DataType::Other;
}

// The native memory type HDF5 converts to when reading a DataType.
hid_t memoryTypeOf(DataType type) {
    switch (type) {
    case DataType::Int8:
        return H5T_NATIVE_INT8;
    case DataType::UInt8:
        return H5T_NATIVE_UINT8;
    case DataType::Int16:
        return H5T_NATIVE_INT16;
    case DataType::UInt16:
        return H5T_NATIVE_UINT16;
    case DataType::Int32:
        return H5T_NATIVE_INT32;
    case DataType::UInt32:
        return H5T_NATIVE_UINT32;
    case DataType::Int64:
        return H5T_NATIVE_INT64;
    case DataType::UInt64:
        return H5T_NATIVE_UINT64;
    case DataType::Float32:
        return H5T_NATIVE_FLOAT;
    case DataType::Float64:
        return H5T_NATIVE_DOUBLE;
    default:
        return -1;
    }
}

// Closes an HDF5 identifier with the right function when it goes out of scope.
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

std::string childPath(const std::string& parent, const std::string& name) {
    return parent == "/" ? "/" + name : parent + "/" + name;
}

struct AttributeContext {
    std::vector<Attribute>* attributes;
};

herr_t readOneAttribute(hid_t location, const char* name, const H5A_info_t*, void* data) {
    auto* context = static_cast<AttributeContext*>(data);
    Attribute attribute;
    attribute.name = name;
    Handle handle(H5Aopen(location, name, H5P_DEFAULT), H5Aclose);
    if (!handle.valid()) {
        return 0;
    }
    Handle type(H5Aget_type(handle.get()), H5Tclose);
    Handle space(H5Aget_space(handle.get()), H5Sclose);
    const hssize_t points = H5Sget_simple_extent_npoints(space.get());
    const DataType dataType = dataTypeOf(type.get());
    attribute.typeName = dataTypeName(dataType);
    if (dataType == DataType::String) {
        attribute.isText = true;
        attribute.typeName = "char";
        const std::size_t count = points > 0 ? static_cast<std::size_t>(points) : 0;
        if (H5Tis_variable_str(type.get()) > 0) {
            Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
            H5Tset_size(memory.get(), H5T_VARIABLE);
            H5Tset_cset(memory.get(), H5Tget_cset(type.get()));
            std::vector<char*> strings(count, nullptr);
            if (count > 0 && H5Aread(handle.get(), memory.get(), strings.data()) >= 0) {
                for (std::size_t i = 0; i < count; ++i) {
                    attribute.text +=
                        (i > 0 ? "\n" : "") + std::string(strings[i] ? strings[i] : "");
                }
                H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, strings.data());
            }
        } else {
            const std::size_t size = H5Tget_size(type.get());
            Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
            H5Tset_size(memory.get(), size);
            std::string buffer(size * count, '\0');
            if (count > 0 && H5Aread(handle.get(), memory.get(), buffer.data()) >= 0) {
                for (std::size_t i = 0; i < count; ++i) {
                    std::string part = buffer.substr(i * size, size);
                    part.resize(std::strlen(part.c_str()));
                    attribute.text += (i > 0 ? "\n" : "") + part;
                }
            }
        }
    } else if (isNumeric(dataType)) {
        attribute.numbers.resize(points > 0 ? static_cast<std::size_t>(points) : 0);
        if (!attribute.numbers.empty() &&
            H5Aread(handle.get(), H5T_NATIVE_DOUBLE, attribute.numbers.data()) < 0) {
            attribute.numbers.clear();
        }
    }
    // Compound, reference and other attributes are listed by name only.
    context->attributes->push_back(std::move(attribute));
    return 0;
}

std::vector<Attribute> readAttributes(hid_t object) {
    std::vector<Attribute> attributes;
    AttributeContext context{&attributes};
    hsize_t index = 0;
    // Creation order when the file tracks it (h5py can), else name order: HDF5 refuses an
    // index the file does not have, so try it first.
    if (H5Aiterate2(object, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, readOneAttribute, &context) <
        0) {
        attributes.clear();
        index = 0;
        H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, readOneAttribute, &context);
    }
    return attributes;
}

class Hdf5Backend final : public DatasetBackend {
public:
    Hdf5Backend(std::string path, const Hdf5Access& access)
        : m_path(std::move(path)), m_local(access.fileAccessList == H5P_DEFAULT) {
        std::lock_guard lock(netcdfLibraryMutex());
        m_file = H5Fopen(m_path.c_str(), H5F_ACC_RDONLY, access.fileAccessList);
        if (m_file < 0) {
            throw DataError(m_path, "", "HDF5 cannot open the file (truncated or corrupt?)");
        }
        try {
            Handle root(H5Gopen2(m_file, "/", H5P_DEFAULT), H5Gclose);
            if (!root.valid()) {
                throw DataError(m_path, "", "HDF5 cannot open the root group");
            }
            m_root.path = "/";
            readGroup(root.get(), m_root, 0);
            if (access.netcdf4Conventions && looksLikeNetcdf4(m_file, m_root)) {
                m_formatName = applyNetcdf4Conventions(m_file, m_root);
            }
        } catch (...) {
            H5Fclose(m_file);
            throw;
        }
    }

    ~Hdf5Backend() override {
        // Not while another thread is stuck inside the library: leak the handle instead.
        if (!netcdfLibraryMutex().lockUnlessStuck()) {
            return;
        }
        std::lock_guard lock(netcdfLibraryMutex(), std::adopt_lock);
        m_direct.reset(); // HDF5's second handle on the file first
        H5Fclose(m_file);
    }

    std::string formatName() const override { return m_formatName; }
    const DatasetGroup& root() const override { return m_root; }

    RawArray read(const DatasetVariable& variable, const Hyperslab& slab) const override {
        RawArray out;
        out.type = variable.type;
        out.shape = slab.count;
        std::size_t total = 1;
        for (std::size_t count : slab.count) {
            total *= count;
        }
        out.bytes.resize(total * dataTypeSize(variable.type));
        const hid_t memoryType = memoryTypeOf(variable.type);
        if (memoryType < 0) {
            throw DataError(m_path, variable.path,
                            "has type " + variable.typeName + ", which cannot be read as numbers");
        }
        std::lock_guard lock(netcdfLibraryMutex());
        Handle dataset(H5Dopen2(m_file, variable.path.c_str(), H5P_DEFAULT), H5Dclose);
        if (!dataset.valid()) {
            throw DataError(m_path, variable.path, "HDF5 cannot open the dataset");
        }
        if (variable.rank() > 0) {
            // H5Dread copies past a chunk that inflates short (DirectChunkReader.h): the chunks
            // the slab touches are checked first.
            if (!m_directOpened && m_local) { // a second open by path needs a local file
                m_directOpened = true;
                m_direct = DirectChunkReader::open(m_path);
            }
            if (m_direct != nullptr) {
                m_direct->verifyChunks(variable.path, dataTypeSize(variable.type), slab.start,
                                       slab.count, slab.stride);
            }
        }
        herr_t status = 0;
        if (variable.rank() == 0) {
            status =
                H5Dread(dataset.get(), memoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.bytes.data());
        } else {
            Handle fileSpace(H5Dget_space(dataset.get()), H5Sclose);
            const std::vector<hsize_t> start(slab.start.begin(), slab.start.end());
            const std::vector<hsize_t> count(slab.count.begin(), slab.count.end());
            const std::vector<hsize_t> stride(slab.stride.begin(), slab.stride.end());
            H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(), stride.data(),
                                count.data(), nullptr);
            Handle memorySpace(
                H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose);
            status = H5Dread(dataset.get(), memoryType, memorySpace.get(), fileSpace.get(),
                             H5P_DEFAULT, out.bytes.data());
        }
        if (status < 0) {
            throw DataError(m_path, variable.path,
                            "HDF5 cannot read the values (truncated file, corrupt chunk or a "
                            "filter that is not installed)");
        }
        return out;
    }

private:
    struct GroupContext {
        Hdf5Backend* backend;
        DatasetGroup* group;
        int depth;
        std::map<std::size_t, std::string> phonyDimensions; // length -> name
        std::exception_ptr error; // exceptions must not unwind through HDF5's C frames
    };

    static herr_t visitLink(hid_t location, const char* name, const H5L_info_t* info, void* data) {
        auto* context = static_cast<GroupContext*>(data);
        if (info->type != H5L_TYPE_HARD) {
            return 0; // soft and external links would show objects twice or leave the file
        }
        Handle object(H5Oopen(location, name, H5P_DEFAULT), H5Oclose);
        if (!object.valid()) {
            return 0;
        }
        try {
            const H5I_type_t type = H5Iget_type(object.get());
            if (type == H5I_GROUP && context->depth < 64) {
                DatasetGroup child;
                child.name = name;
                child.path = childPath(context->group->path, child.name);
                context->backend->readGroup(object.get(), child, context->depth + 1);
                context->group->groups.push_back(std::move(child));
            } else if (type == H5I_DATASET) {
                context->backend->readDataset(object.get(), name, *context);
            }
        } catch (...) {
            context->error = std::current_exception();
            return -1;
        }
        return 0;
    }

    void readGroup(hid_t group, DatasetGroup& out, int depth) {
        out.attributes = readAttributes(group);
        GroupContext context{this, &out, depth, {}, nullptr};
        // Creation order (h5py and netCDF-4 track it) when the group indexes it, else names.
        H5_index_t order = H5_INDEX_NAME;
        Handle plist(H5Gget_create_plist(group), H5Pclose);
        unsigned flags = 0;
        if (plist.valid() && H5Pget_link_creation_order(plist.get(), &flags) >= 0 &&
            (flags & H5P_CRT_ORDER_INDEXED) != 0) {
            order = H5_INDEX_CRT_ORDER;
        }
        hsize_t index = 0;
        const herr_t status = H5Literate(group, order, H5_ITER_INC, &index, visitLink, &context);
        if (context.error) {
            std::rethrow_exception(context.error);
        }
        if (status < 0) {
            throw DataError(m_path, "", "HDF5 cannot list the members of group " + out.path);
        }
    }

    void readDataset(hid_t dataset, const std::string& name, GroupContext& context) {
        DatasetVariable variable;
        variable.name = name;
        variable.path = childPath(context.group->path, name);
        Handle type(H5Dget_type(dataset), H5Tclose);
        variable.type = dataTypeOf(type.get());
        variable.typeName = dataTypeName(variable.type);
        Handle space(H5Dget_space(dataset), H5Sclose);
        const int rank = H5Sget_simple_extent_ndims(space.get());
        if (rank < 0) {
            throw DataError(m_path, variable.path, "HDF5 cannot read the dataspace");
        }
        std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
        H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
        for (hsize_t length : dims) {
            const std::size_t size = static_cast<std::size_t>(length);
            variable.shape.push_back(size);
            auto found = context.phonyDimensions.find(size);
            if (found == context.phonyDimensions.end()) {
                const std::string dimensionName =
                    "phony_dim_" + std::to_string(context.phonyDimensions.size());
                found = context.phonyDimensions.emplace(size, dimensionName).first;
                context.group->dimensions.push_back(Dimension{dimensionName, size, false});
            }
            variable.dimensions.push_back(found->second);
        }
        Handle plist(H5Dget_create_plist(dataset), H5Pclose);
        switch (H5Pget_layout(plist.get())) {
        case H5D_CHUNKED: {
            variable.storage = "chunked";
            std::vector<hsize_t> chunks(static_cast<std::size_t>(std::max(rank, 1)));
            H5Pget_chunk(plist.get(), rank, chunks.data());
            chunks.resize(static_cast<std::size_t>(rank));
            variable.chunkSizes.assign(chunks.begin(), chunks.end());
            break;
        }
        case H5D_CONTIGUOUS:
            variable.storage = "contiguous";
            break;
        case H5D_COMPACT:
            variable.storage = "compact";
            break;
        default:
            variable.storage = "other";
            break;
        }
        variable.attributes = readAttributes(dataset);
        context.group->variables.push_back(std::move(variable));
    }

    std::string m_path;
    bool m_local;
    std::string m_formatName = "HDF5";
    hid_t m_file = -1;
    DatasetGroup m_root;
    // Checks chunks before H5Dread (read()); opened on the first read, under the library lock.
    mutable std::unique_ptr<DirectChunkReader> m_direct;
    mutable bool m_directOpened = false;
};

} // namespace

std::unique_ptr<DatasetBackend> openHdf5Backend(const std::string& path, const Hdf5Access& access) {
    return std::make_unique<Hdf5Backend>(path, access);
}

} // namespace twins::data
