#include "twinbench/data/DirectChunkReader.h"

#include "twinbench/data/DataError.h"

#include <hdf5.h>

#include <algorithm>
#include <bit>
#include <libdeflate.h>
#include <map>
#include <vector>

namespace twins::data {

// How one dataset's chunks are stored, found once per dataset.
struct DirectChunkReader::Layout {
    bool direct = false; // a pipeline we decode, in the machine's byte order
    hid_t dataset = -1;  // open while direct
    std::size_t elementBytes = 0;
    std::size_t chunkElements = 0;
    std::vector<std::size_t> shape, chunk;
    // Pipeline positions of the filters (HDF5 applies them in this order when writing and
    // undoes them in reverse when reading; a chunk's filter mask has bit i set when filter i
    // was skipped for it); -1 when absent.
    int shuffleAt = -1, deflateAt = -1;
};

struct DirectChunkReader::Impl {
    std::map<std::string, Layout> layouts;
    libdeflate_decompressor* inflater = nullptr;
    std::vector<unsigned char> stored, inflated;
};

namespace {

// The byte order HDF5 calls native on this machine.
constexpr H5T_order_t nativeOrder =
    std::endian::native == std::endian::little ? H5T_ORDER_LE : H5T_ORDER_BE;

// HDF5's shuffle filter stores byte b of every element together: plane b = bytes b of elements
// 0..n-1. Undone element by element, the element size a template parameter for the common
// sizes so the inner loop is unrolled and the writes are sequential (byte by byte over planes,
// it was 15% of a step's read, perf).
template <std::size_t Size>
void unshuffleFixed(const unsigned char* planes, std::size_t elements, std::byte* out) {
    for (std::size_t i = 0; i < elements; ++i) {
        for (std::size_t b = 0; b < Size; ++b) {
            out[i * Size + b] = std::byte(planes[b * elements + i]);
        }
    }
}

void unshuffle(const unsigned char* planes, std::size_t elements, std::size_t elementBytes,
               std::byte* out) {
    switch (elementBytes) {
    case 2:
        return unshuffleFixed<2>(planes, elements, out);
    case 4:
        return unshuffleFixed<4>(planes, elements, out);
    case 8:
        return unshuffleFixed<8>(planes, elements, out);
    default:
        for (std::size_t i = 0; i < elements; ++i) {
            for (std::size_t b = 0; b < elementBytes; ++b) {
                out[i * elementBytes + b] = std::byte(planes[b * elements + i]);
            }
        }
    }
}

} // namespace

std::unique_ptr<DirectChunkReader> DirectChunkReader::open(const std::string& file) {
    // NetCDF-C holds the file open too; HDF5 shares the open file between the two handles only
    // when their close degrees agree, and which one NetCDF-C uses is its own business: try the
    // weak degree first (NetCDF-C 4.9), then HDF5's default.
    for (const H5F_close_degree_t degree : {H5F_CLOSE_WEAK, H5F_CLOSE_DEFAULT, H5F_CLOSE_SEMI}) {
        const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
        if (access < 0) {
            return nullptr;
        }
        H5Pset_fclose_degree(access, degree);
        const hid_t id = H5Fopen(file.c_str(), H5F_ACC_RDONLY, access);
        H5Pclose(access);
        if (id >= 0) {
            return std::unique_ptr<DirectChunkReader>(new DirectChunkReader(id, file));
        }
    }
    return nullptr;
}

DirectChunkReader::DirectChunkReader(std::int64_t file, std::string path)
    : m_file(file), m_path(std::move(path)), m_impl(std::make_unique<Impl>()) {
    m_impl->inflater = libdeflate_alloc_decompressor();
}

DirectChunkReader::~DirectChunkReader() {
    for (auto& [path, layout] : m_impl->layouts) {
        if (layout.dataset >= 0) {
            H5Dclose(layout.dataset);
        }
    }
    if (m_impl->inflater != nullptr) {
        libdeflate_free_decompressor(m_impl->inflater);
    }
    H5Fclose(m_file);
}

const DirectChunkReader::Layout& DirectChunkReader::layout(const std::string& datasetPath,
                                                           std::size_t elementBytes) {
    const auto found = m_impl->layouts.find(datasetPath);
    if (found != m_impl->layouts.end()) {
        return found->second;
    }
    Layout& layout = m_impl->layouts[datasetPath];
    if (m_impl->inflater == nullptr) {
        return layout;
    }
    const hid_t dataset = H5Dopen2(m_file, datasetPath.c_str(), H5P_DEFAULT);
    if (dataset < 0) {
        return layout;
    }
    bool ok = true;
    // Integers and floats of the element size the caller expects, in our byte order: then the
    // stored bytes are the values the normal read returns.
    const hid_t type = H5Dget_type(dataset);
    const H5T_class_t typeClass = H5Tget_class(type);
    ok = (typeClass == H5T_INTEGER || typeClass == H5T_FLOAT) &&
         H5Tget_size(type) == elementBytes && H5Tget_order(type) == nativeOrder;
    H5Tclose(type);
    const hid_t creation = H5Dget_create_plist(dataset);
    ok = ok && creation >= 0 && H5Pget_layout(creation) == H5D_CHUNKED;
    if (ok) {
        const int rank = H5Pget_chunk(creation, 0, nullptr);
        std::vector<hsize_t> chunk(std::size_t(std::max(rank, 0))), shape(chunk.size());
        ok = rank > 0 && H5Pget_chunk(creation, rank, chunk.data()) == rank;
        const hid_t space = H5Dget_space(dataset);
        ok = ok && space >= 0 && H5Sget_simple_extent_ndims(space) == rank &&
             H5Sget_simple_extent_dims(space, shape.data(), nullptr) == rank;
        if (space >= 0) {
            H5Sclose(space);
        }
        layout.shape.assign(shape.begin(), shape.end());
        layout.chunk.assign(chunk.begin(), chunk.end());
        layout.chunkElements = 1;
        for (hsize_t length : chunk) {
            layout.chunkElements *= std::size_t(length);
        }
        const int filters = H5Pget_nfilters(creation);
        ok = ok && filters >= 0;
        for (int i = 0; ok && i < filters; ++i) {
            unsigned flags = 0;
            std::size_t values = 8;
            unsigned parameters[8] = {};
            unsigned config = 0;
            const H5Z_filter_t id = H5Pget_filter2(creation, unsigned(i), &flags, &values,
                                                   parameters, 0, nullptr, &config);
            if (id == H5Z_FILTER_DEFLATE && layout.deflateAt < 0) {
                layout.deflateAt = i;
            } else if (id == H5Z_FILTER_SHUFFLE && layout.shuffleAt < 0 && layout.deflateAt < 0 &&
                       (values == 0 || parameters[0] == elementBytes)) {
                layout.shuffleAt = i; // shuffled, then deflated: the order HDF5 writes
            } else {
                ok = false; // fletcher32, szip, nbit, scale-offset, plugins: HDF5 decodes those
            }
        }
    }
    if (creation >= 0) {
        H5Pclose(creation);
    }
    if (ok) {
        layout.direct = true;
        layout.dataset = dataset;
        layout.elementBytes = elementBytes;
    } else {
        H5Dclose(dataset);
    }
    return layout;
}

bool DirectChunkReader::read(const std::string& datasetPath, std::size_t elementBytes,
                             const std::vector<std::size_t>& shape,
                             const std::vector<std::size_t>& chunk,
                             const std::vector<std::size_t>& start, std::byte* out,
                             std::size_t outBytes) {
    const Layout& layout = this->layout(datasetPath, elementBytes);
    // The shape and chunking must be the variable's: a netCDF-4 name can also be a dimension's
    // scale dataset when the variable itself is stored under another name.
    if (!layout.direct || layout.elementBytes != elementBytes || layout.shape != shape ||
        layout.chunk != chunk || start.size() != chunk.size() ||
        outBytes != layout.chunkElements * layout.elementBytes) {
        return false;
    }
    for (std::size_t axis = 0; axis < start.size(); ++axis) {
        if (start[axis] % chunk[axis] != 0 || start[axis] + chunk[axis] > shape[axis]) {
            return false; // not a chunk boundary, or an edge chunk the caller gets clipped
        }
    }
    const std::vector<hsize_t> offset(start.begin(), start.end());
    hsize_t storedBytes = 0;
    if (H5Dget_chunk_storage_size(layout.dataset, offset.data(), &storedBytes) < 0 ||
        storedBytes == 0) {
        return false; // never written: the normal read gives the fill value
    }
    // A corrupt index can claim any size; deflate cannot make data smaller than ~1/1032 of
    // itself, and stored chunks are at most a little larger than raw ones.
    if (storedBytes > outBytes + outBytes / 8 + 4096) {
        return false;
    }
    auto& stored = m_impl->stored;
    stored.resize(std::size_t(storedBytes));
    std::uint32_t skipped = 0;
    if (H5Dread_chunk(layout.dataset, H5P_DEFAULT, offset.data(), &skipped, stored.data()) < 0) {
        return false;
    }
    const auto applied = [&](int position) {
        return position >= 0 && (skipped & (1u << unsigned(position))) == 0;
    };
    const bool deflated = applied(layout.deflateAt);
    const bool shuffled = applied(layout.shuffleAt);
    const unsigned char* bytes = stored.data();
    std::size_t length = stored.size();
    if (deflated) {
        // Straight into out unless a shuffle still has to be undone.
        unsigned char* target = shuffled
                                    ? (m_impl->inflated.resize(outBytes), m_impl->inflated.data())
                                    : reinterpret_cast<unsigned char*>(out);
        std::size_t produced = 0;
        if (libdeflate_zlib_decompress(m_impl->inflater, bytes, length, target, outBytes,
                                       &produced) != LIBDEFLATE_SUCCESS) {
            return false;
        }
        if (produced != outBytes) {
            refuseShortChunk(datasetPath, offset, produced, outBytes);
        }
        if (!shuffled) {
            return true;
        }
        bytes = target;
        length = produced;
    }
    if (length != outBytes) {
        return false;
    }
    if (shuffled) {
        unshuffle(bytes, layout.chunkElements, layout.elementBytes, out);
    } else {
        std::copy(bytes, bytes + length, reinterpret_cast<unsigned char*>(out));
    }
    return true;
}

void DirectChunkReader::refuseShortChunk(const std::string& datasetPath,
                                         const std::vector<unsigned long long>& offset,
                                         std::size_t produced, std::size_t expected) const {
    std::string where;
    for (const unsigned long long index : offset) {
        where += (where.empty() ? "" : ", ") + std::to_string(index);
    }
    throw DataError(m_path, datasetPath,
                    "the chunk at (" + where + ") inflates to " + std::to_string(produced) +
                        " bytes, but a chunk holds " + std::to_string(expected) +
                        ": the file is corrupt");
}

std::optional<std::size_t>
DirectChunkReader::inflatedSize(const Layout& layout,
                                const std::vector<unsigned long long>& offset) {
    hsize_t storedBytes = 0;
    const std::size_t chunkBytes = layout.chunkElements * layout.elementBytes;
    if (H5Dget_chunk_storage_size(layout.dataset, offset.data(), &storedBytes) < 0 ||
        storedBytes == 0 || storedBytes > chunkBytes + chunkBytes / 8 + 4096) {
        return std::nullopt; // not stored, or left to HDF5 (which refuses a corrupt index)
    }
    auto& stored = m_impl->stored;
    stored.resize(std::size_t(storedBytes));
    std::uint32_t skipped = 0;
    if (H5Dread_chunk(layout.dataset, H5P_DEFAULT, offset.data(), &skipped, stored.data()) < 0) {
        return std::nullopt;
    }
    if (layout.deflateAt < 0 || (skipped & (1u << unsigned(layout.deflateAt))) != 0) {
        return stored.size(); // stored as is: its size is what HDF5 copies from
    }
    m_impl->inflated.resize(chunkBytes);
    std::size_t produced = 0;
    if (libdeflate_zlib_decompress(m_impl->inflater, stored.data(), stored.size(),
                                   m_impl->inflated.data(), chunkBytes,
                                   &produced) != LIBDEFLATE_SUCCESS) {
        return std::nullopt; // HDF5's zlib refuses it too, and says so
    }
    return produced;
}

void DirectChunkReader::verifyChunks(const std::string& datasetPath, std::size_t elementBytes,
                                     const std::vector<std::size_t>& start,
                                     const std::vector<std::size_t>& count,
                                     const std::vector<std::size_t>& stride) {
    const Layout& layout = this->layout(datasetPath, elementBytes);
    if (!layout.direct || start.size() != layout.chunk.size() || count.size() != start.size()) {
        return;
    }
    const std::size_t rank = start.size();
    std::vector<std::size_t> first(rank), last(rank);
    for (std::size_t axis = 0; axis < rank; ++axis) {
        if (count[axis] == 0) {
            return;
        }
        const std::size_t step = stride.empty() ? 1 : stride[axis];
        first[axis] = start[axis] / layout.chunk[axis];
        last[axis] = (start[axis] + (count[axis] - 1) * step) / layout.chunk[axis];
    }
    const std::size_t chunkBytes = layout.chunkElements * layout.elementBytes;
    std::vector<std::size_t> index = first;
    for (;;) {
        std::vector<unsigned long long> offset(rank);
        for (std::size_t axis = 0; axis < rank; ++axis) {
            offset[axis] = index[axis] * layout.chunk[axis];
        }
        const std::optional<std::size_t> produced = inflatedSize(layout, offset);
        if (produced && *produced < chunkBytes) {
            refuseShortChunk(datasetPath, offset, *produced, chunkBytes);
        }
        std::size_t axis = rank;
        while (axis > 0) {
            --axis;
            if (++index[axis] <= last[axis]) {
                break;
            }
            index[axis] = first[axis];
            if (axis == 0) {
                return;
            }
        }
    }
}

} // namespace twins::data
