#include "twinbench/data/Dataset.h"

#include "twinbench/data/CfDecoding.h"
#include "twinbench/data/ChunkCache.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/DatasetBackend.h"
#include "twinbench/data/FormatDetection.h"
#include "twinbench/data/NetcdfLibrary.h"
#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/remote/RemoteUrl.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>

namespace twins::data {

namespace {

// Chunks of contiguous (unchunked) variables, for the cache: a few rows of the last two
// dimensions, about this many bytes, so reading one 2-D field of a 3-D variable reads that
// field and nothing of its neighbours.
constexpr std::size_t syntheticChunkBytes = std::size_t(4) << 20;

std::vector<std::size_t> cacheChunkShape(const DatasetVariable& variable) {
    const std::size_t rank = variable.rank();
    if (variable.chunkSizes.size() == rank &&
        std::all_of(variable.chunkSizes.begin(), variable.chunkSizes.end(),
                    [](std::size_t size) { return size > 0; })) {
        return variable.chunkSizes;
    }
    std::vector<std::size_t> chunk(rank, 1);
    const std::size_t element = std::max<std::size_t>(1, dataTypeSize(variable.type));
    std::size_t bytes = element;
    // Take whole trailing dimensions while they fit, then as many indices of the next one.
    for (std::size_t axis = rank; axis-- > 0;) {
        const std::size_t length = std::max<std::size_t>(1, variable.shape[axis]);
        if (bytes * length <= syntheticChunkBytes) {
            chunk[axis] = length;
            bytes *= length;
            continue;
        }
        chunk[axis] = std::max<std::size_t>(1, syntheticChunkBytes / bytes);
        break;
    }
    return chunk;
}

// a * b, or SIZE_MAX when that overflows: sizes come from file headers, which may lie, and a
// wrapped product would let a huge claim pass the read limit.
std::size_t saturatingProduct(std::size_t a, std::size_t b) {
    std::size_t product = 0;
    return __builtin_mul_overflow(a, b, &product) ? SIZE_MAX : product;
}

std::size_t slabBytes(const DatasetVariable& variable, const Hyperslab& slab) {
    std::size_t bytes = dataTypeSize(variable.type);
    for (std::size_t count : slab.count) {
        bytes = saturatingProduct(bytes, count);
    }
    return bytes;
}

void collectVariables(const DatasetGroup& group, std::vector<const DatasetVariable*>& out) {
    for (const DatasetVariable& variable : group.variables) {
        out.push_back(&variable);
    }
    for (const DatasetGroup& child : group.groups) {
        collectVariables(child, out);
    }
}

std::string parentPath(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return (slash == 0 || slash == std::string::npos) ? "/" : path.substr(0, slash);
}

// Copies the part of `chunk` (covering [chunkStart, chunkStart + chunk.shape)) that lies in
// the unit-stride slab into `out` (shaped slab.count), one contiguous run of the last
// dimension at a time.
void copyIntersection(const RawArray& chunk, const std::vector<std::size_t>& chunkStart,
                      const Hyperslab& slab, RawArray& out) {
    const std::size_t rank = slab.count.size();
    const std::size_t element = dataTypeSize(out.type);
    std::vector<std::size_t> low(rank), high(rank);
    for (std::size_t axis = 0; axis < rank; ++axis) {
        low[axis] = std::max(chunkStart[axis], slab.start[axis]);
        high[axis] =
            std::min(chunkStart[axis] + chunk.shape[axis], slab.start[axis] + slab.count[axis]);
        if (low[axis] >= high[axis]) {
            return;
        }
    }
    if (rank == 0) {
        std::memcpy(out.bytes.data(), chunk.bytes.data(), element);
        return;
    }
    const std::size_t run = (high[rank - 1] - low[rank - 1]) * element;
    std::vector<std::size_t> index(low);
    while (true) {
        std::size_t source = 0;
        std::size_t target = 0;
        for (std::size_t axis = 0; axis < rank; ++axis) {
            source = source * chunk.shape[axis] + (index[axis] - chunkStart[axis]);
            target = target * slab.count[axis] + (index[axis] - slab.start[axis]);
        }
        std::memcpy(out.bytes.data() + target * element, chunk.bytes.data() + source * element,
                    run);
        std::size_t axis = rank - 1;
        while (axis > 0) {
            --axis;
            if (++index[axis] < high[axis]) {
                break;
            }
            index[axis] = low[axis];
            if (axis == 0) {
                return;
            }
        }
        if (rank == 1) {
            return;
        }
    }
}

} // namespace

std::shared_ptr<Dataset> Dataset::open(const std::string& path, const DatasetOptions& options) {
    if (remote::isRemoteUrl(path)) {
        remote::OpenedRemote opened = remote::openRemoteBackend(path, options.metadataDeadline);
        return std::shared_ptr<Dataset>(
            new Dataset(path, opened.format, std::move(opened.backend), options));
    }
    const DetectedFormat detected = detectFormat(path);
    switch (detected) {
    case DetectedFormat::NetCDF3:
    case DetectedFormat::NetCDF4:
    case DetectedFormat::HDF5: {
        const bool netcdf = detected != DetectedFormat::HDF5;
        // By value: after the deadline this frame is gone while the open may still finish.
        std::unique_ptr<DatasetBackend> backend =
            runWithLibraryDeadline<std::unique_ptr<DatasetBackend>>(
                path, options.metadataDeadline, [path, netcdf] {
                    return netcdf ? openNetcdfBackend(path) : openHdf5Backend(path);
                });
        return std::shared_ptr<Dataset>(
            new Dataset(path, netcdf ? DatasetFormat::NetCDF : DatasetFormat::HDF5,
                        std::move(backend), options));
    }
    case DetectedFormat::Zarr:
        return std::shared_ptr<Dataset>(
            new Dataset(path, DatasetFormat::Zarr, openZarrBackend(path), options));
    case DetectedFormat::Tiff:
    case DetectedFormat::Other:
        break;
    }
    try {
        return std::shared_ptr<Dataset>(
            new Dataset(path, DatasetFormat::GdalRaster, openGdalRasterBackend(path), options));
    } catch (const DataError& error) {
        if (detected == DetectedFormat::Tiff) {
            throw; // a TIFF signature: GDAL's reason (truncated, corrupt) is the useful one
        }
        throw DataError(path, "",
                        "unknown format: not NetCDF, HDF5, a Zarr store or a raster GDAL can "
                        "read (" +
                            error.reason() + ")");
    }
}

std::shared_ptr<Dataset> openDataset(const std::string& path, const DatasetOptions& options) {
    return Dataset::open(path, options);
}

Dataset::Dataset(std::string path, DatasetFormat format, std::unique_ptr<DatasetBackend> backend,
                 const DatasetOptions& options)
    : m_path(std::move(path)), m_format(format), m_formatName(backend->formatName()),
      m_backend(std::move(backend)), m_cache(std::make_unique<ChunkCache>(options.cacheBytes)),
      m_maxReadBytes(options.maxReadBytes) {}

Dataset::~Dataset() = default;

const DatasetGroup& Dataset::root() const {
    return m_backend->root();
}

std::vector<const DatasetVariable*> Dataset::variables() const {
    std::vector<const DatasetVariable*> all;
    collectVariables(root(), all);
    return all;
}

const DatasetVariable* Dataset::findVariable(std::string_view nameOrPath) const {
    const std::vector<const DatasetVariable*> all = variables();
    if (!nameOrPath.empty() && nameOrPath.front() == '/') {
        for (const DatasetVariable* candidate : all) {
            if (candidate->path == nameOrPath) {
                return candidate;
            }
        }
        return nullptr;
    }
    for (const DatasetVariable& candidate : root().variables) {
        if (candidate.name == nameOrPath) {
            return &candidate;
        }
    }
    const DatasetVariable* only = nullptr;
    for (const DatasetVariable* candidate : all) {
        if (candidate->name == nameOrPath) {
            if (only != nullptr) {
                return nullptr; // ambiguous: the caller must give the path
            }
            only = candidate;
        }
    }
    return only;
}

const DatasetVariable& Dataset::variable(std::string_view nameOrPath) const {
    if (const DatasetVariable* found = findVariable(nameOrPath)) {
        return *found;
    }
    std::string candidates;
    for (const DatasetVariable* candidate : variables()) {
        if (candidate->name == nameOrPath) {
            candidates += (candidates.empty() ? "" : ", ") + candidate->path;
        }
    }
    if (!candidates.empty()) {
        throw DataError(m_path, std::string(nameOrPath),
                        "the name is in several groups (" + candidates + "); give the full path");
    }
    throw DataError(m_path, std::string(nameOrPath), "no such variable in the dataset");
}

const DatasetGroup* Dataset::findGroup(std::string_view groupPath) const {
    const DatasetGroup* group = &root();
    std::string_view rest = groupPath;
    while (!rest.empty()) {
        if (rest.front() == '/') {
            rest.remove_prefix(1);
            continue;
        }
        const std::size_t slash = rest.find('/');
        const std::string_view name = rest.substr(0, slash);
        const auto child = std::find_if(group->groups.begin(), group->groups.end(),
                                        [&](const DatasetGroup& g) { return g.name == name; });
        if (child == group->groups.end()) {
            return nullptr;
        }
        group = &*child;
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    return group;
}

const DatasetVariable* Dataset::coordinateVariable(const DatasetVariable& variable,
                                                   std::string_view dimension) const {
    std::string groupPath = parentPath(variable.path);
    while (true) {
        if (const DatasetGroup* group = findGroup(groupPath)) {
            for (const DatasetVariable& candidate : group->variables) {
                if (candidate.name == dimension && candidate.rank() == 1 &&
                    candidate.dimensions[0] == dimension && isNumeric(candidate.type)) {
                    return &candidate;
                }
            }
        }
        if (groupPath == "/") {
            return nullptr;
        }
        groupPath = parentPath(groupPath);
    }
}

RawArray Dataset::readRaw(const DatasetVariable& variable, const Hyperslab& requested) const {
    std::shared_ptr<const RawArray> values = readShared(variable, requested);
    if (values.use_count() == 1) {
        // Not held by the cache: this is the only owner of an object made non-const by
        // make_shared, so moving its buffer out is safe and saves copying a whole field.
        return std::move(const_cast<RawArray&>(*values));
    }
    return *values;
}

std::shared_ptr<const RawArray> Dataset::readShared(const DatasetVariable& variable,
                                                    const Hyperslab& requested) const {
    const std::size_t rank = variable.rank();
    Hyperslab slab = requested;
    if (slab.stride.empty()) {
        slab.stride.assign(rank, 1);
    }
    if (slab.start.size() != rank || slab.count.size() != rank || slab.stride.size() != rank) {
        throw DataError(m_path, variable.path,
                        "hyperslab has " + std::to_string(slab.start.size()) +
                            " dimensions, the variable has " + std::to_string(rank));
    }
    if (!isNumeric(variable.type)) {
        throw DataError(m_path, variable.path,
                        "has type " + variable.typeName + ", expected a numeric variable");
    }
    bool unitStride = true;
    std::size_t total = 1;
    for (std::size_t axis = 0; axis < rank; ++axis) {
        if (slab.stride[axis] == 0) {
            throw DataError(m_path, variable.path,
                            "stride 0 along dimension '" + variable.dimensions[axis] +
                                "', expected >= 1");
        }
        // Saturating, so a caller's huge count or stride cannot wrap past the bounds check.
        const std::size_t reach =
            slab.count[axis] == 0 ? 0 : saturatingProduct(slab.count[axis] - 1, slab.stride[axis]);
        const std::size_t last =
            reach > SIZE_MAX - slab.start[axis] ? SIZE_MAX : slab.start[axis] + reach;
        if (slab.count[axis] > 0 && last >= variable.shape[axis]) {
            throw DataError(m_path, variable.path,
                            "hyperslab exceeds dimension '" + variable.dimensions[axis] +
                                "': index " + std::to_string(last) + " >= length " +
                                std::to_string(variable.shape[axis]));
        }
        unitStride = unitStride && slab.stride[axis] == 1;
        total = saturatingProduct(total, slab.count[axis]);
    }
    if (total == 0) {
        auto empty = std::make_shared<RawArray>();
        empty->type = variable.type;
        empty->shape = slab.count;
        return empty;
    }
    // A strided read (an overview) touches a few values of many chunks: caching whole chunks
    // for it would evict the working set for little gain, so it goes straight to the library,
    // which skips the unselected values itself.
    if (!unitStride) {
        return std::make_shared<RawArray>(backendRead(variable, slab));
    }
    // Checked here too, not only in backendRead: the cached path allocates the result before
    // it reads any chunk.
    if (slabBytes(variable, slab) > m_maxReadBytes) {
        backendRead(variable, slab); // throws the DataError
    }
    return readThroughCache(variable, slab);
}

RawArray Dataset::backendRead(const DatasetVariable& variable, const Hyperslab& slab) const {
    const std::size_t bytes = slabBytes(variable, slab);
    if (bytes > m_maxReadBytes) {
        std::string shape;
        for (std::size_t count : slab.count) {
            shape += (shape.empty() ? "" : " x ") + std::to_string(count);
        }
        throw DataError(
            m_path, variable.path,
            "refusing to read " + shape + " values (" +
                (bytes == SIZE_MAX ? std::string("more than 2^64") : std::to_string(bytes)) +
                " bytes): over the read limit of " + std::to_string(m_maxReadBytes) +
                " bytes (DatasetOptions::maxReadBytes); a corrupt header, or read by "
                "smaller slabs");
    }
    return m_backend->read(variable, slab);
}

std::shared_ptr<const RawArray> Dataset::readThroughCache(const DatasetVariable& variable,
                                                          const Hyperslab& slab) const {
    const std::size_t rank = variable.rank();
    if (rank == 0) {
        return std::make_shared<RawArray>(backendRead(variable, slab));
    }
    const std::vector<std::size_t> chunk = cacheChunkShape(variable);
    std::vector<std::size_t> firstChunk(rank), lastChunk(rank), chunksPerAxis(rank);
    std::size_t touchedBytes = dataTypeSize(variable.type);
    for (std::size_t axis = 0; axis < rank; ++axis) {
        firstChunk[axis] = slab.start[axis] / chunk[axis];
        lastChunk[axis] = (slab.start[axis] + slab.count[axis] - 1) / chunk[axis];
        chunksPerAxis[axis] = (variable.shape[axis] + chunk[axis] - 1) / chunk[axis];
        touchedBytes = saturatingProduct(
            touchedBytes, saturatingProduct(lastChunk[axis] - firstChunk[axis] + 1, chunk[axis]));
    }
    // A read bigger than half the budget would flush the cache and still not fit: read it
    // directly, leaving the cached chunks of smaller, repeated reads in place.
    if (touchedBytes > m_cache->budgetBytes() / 2) {
        return std::make_shared<RawArray>(backendRead(variable, slab));
    }
    // The slab is exactly one chunk (a 2-D field of an ERA5-like file, chunked one time step
    // per chunk): hand out the cached chunk itself rather than copying it into a new array.
    bool wholeChunk = true;
    for (std::size_t axis = 0; axis < rank; ++axis) {
        wholeChunk =
            wholeChunk && firstChunk[axis] == lastChunk[axis] &&
            slab.start[axis] == firstChunk[axis] * chunk[axis] &&
            slab.count[axis] == std::min(chunk[axis], variable.shape[axis] - slab.start[axis]);
    }

    std::shared_ptr<RawArray> assembled;
    if (!wholeChunk) {
        assembled = std::make_shared<RawArray>();
        assembled->type = variable.type;
        assembled->shape = slab.count;
        assembled->bytes.resize(slabBytes(variable, slab));
    }

    std::vector<std::size_t> chunkIndex(firstChunk);
    while (true) {
        std::uint64_t flat = 0;
        Hyperslab chunkSlab;
        chunkSlab.stride.assign(rank, 1);
        for (std::size_t axis = 0; axis < rank; ++axis) {
            flat = flat * chunksPerAxis[axis] + chunkIndex[axis];
            const std::size_t begin = chunkIndex[axis] * chunk[axis];
            chunkSlab.start.push_back(begin);
            chunkSlab.count.push_back(std::min(chunk[axis], variable.shape[axis] - begin));
        }
        std::shared_ptr<const RawArray> values = m_cache->find(variable.path, flat);
        if (!values) {
            auto read = std::make_shared<RawArray>(backendRead(variable, chunkSlab));
            read->shape = chunkSlab.count;
            values = read;
            m_cache->insert(variable.path, flat, values);
        }
        if (wholeChunk) {
            return values;
        }
        copyIntersection(*values, chunkSlab.start, slab, *assembled);

        std::size_t axis = rank;
        while (axis > 0) {
            --axis;
            if (++chunkIndex[axis] <= lastChunk[axis]) {
                break;
            }
            chunkIndex[axis] = firstChunk[axis];
            if (axis == 0) {
                return assembled;
            }
        }
    }
}

CfPacking Dataset::cfPacking(const DatasetVariable& variable) const {
    return cfPackingOf(variable, variable.type, m_format == DatasetFormat::NetCDF);
}

std::vector<double> Dataset::readDecoded(const DatasetVariable& variable,
                                         const Hyperslab& slab) const {
    // Decoded straight from the shared (possibly cached) raw values: no copy of the field.
    const std::shared_ptr<const RawArray> raw = readShared(variable, slab);
    return decodeCf(*raw, cfPacking(variable));
}

std::vector<double> Dataset::readDecoded(const DatasetVariable& variable) const {
    Hyperslab slab;
    slab.start.assign(variable.rank(), 0);
    slab.count = variable.shape;
    return readDecoded(variable, slab);
}

std::vector<double> Dataset::readDecoded(std::string_view nameOrPath, const Hyperslab& slab) const {
    return readDecoded(variable(nameOrPath), slab);
}

Overview Dataset::readOverview(const DatasetVariable& variable, std::size_t maxCells) const {
    const std::size_t rank = variable.rank();
    maxCells = std::max<std::size_t>(1, maxCells);
    Overview overview;
    overview.slab.start.assign(rank, 0);
    overview.slab.count.assign(rank, 1);
    overview.slab.stride.assign(rank, 1);
    const std::size_t firstStrided = rank >= 2 ? rank - 2 : 0;
    for (std::size_t axis = 0; axis < rank; ++axis) {
        if (variable.shape[axis] == 0) {
            overview.slab.count[axis] = 0;
        }
    }
    // The smallest common stride s with ceil(h/s) * ceil(w/s) <= maxCells.
    auto cellsWith = [&](std::size_t stride) {
        std::size_t cells = 1;
        for (std::size_t axis = firstStrided; axis < rank; ++axis) {
            cells *= (variable.shape[axis] + stride - 1) / stride;
        }
        return cells;
    };
    std::size_t stride = 1;
    if (cellsWith(1) > maxCells) {
        const double area = static_cast<double>(cellsWith(1));
        const std::size_t dims = rank - firstStrided;
        stride = std::max<std::size_t>(
            1, static_cast<std::size_t>(std::floor(std::pow(area / maxCells, 1.0 / dims))));
        while (cellsWith(stride) > maxCells) {
            ++stride;
        }
    }
    for (std::size_t axis = firstStrided; axis < rank; ++axis) {
        if (variable.shape[axis] == 0) {
            continue;
        }
        overview.slab.stride[axis] = stride;
        overview.slab.count[axis] = (variable.shape[axis] + stride - 1) / stride;
    }
    overview.shape = overview.slab.count;
    overview.values = readDecoded(variable, overview.slab);
    return overview;
}

CacheStatistics Dataset::cacheStatistics() const {
    return m_cache->statistics();
}

void Dataset::clearCache() const {
    m_cache->clear();
}

} // namespace twins::data
