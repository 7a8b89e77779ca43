// libFuzzer target over the Dataset open path: format detection, every backend's metadata
// read, an inspect-like walk of groups, attributes and coordinates, CF packing, and a small
// read plus a strided overview of each numeric variable. Any input must end in a DataError or
// in data; a crash, a sanitizer report, a hang or an allocation over libFuzzer's malloc limit
// is a finding. Built with clang by tests/fuzz/libfuzzer/CMakeLists.txt (see there why).
//
// One binary, four targets (RunDatasetFuzzer.cmake), chosen by TWINBENCH_FUZZ_FORMAT:
// netcdf3, hdf5 (netCDF-4 and plain HDF5), zarr, geotiff. The backends take paths, so each
// input is written to a file; for zarr the input is the .zarray of a one-array Zarr store (with
// a valid .zgroup and one chunk), so the Zarr metadata parser is what is fuzzed. For the file
// formats, inputs without the format's signature are rejected (return -1: not kept in the
// corpus), so each target spends its time past the format detection of its own path.
#include "twinbench/data/CfDecoding.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfLibrary.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

void writeFile(const fs::path& path, const std::uint8_t* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

const fs::path& workDirectory() {
    static const fs::path directory = [] {
        fs::path path = fs::temp_directory_path() / ("dataset-fuzz-" + std::to_string(getpid()));
        fs::create_directories(path);
        return path;
    }();
    return directory;
}

enum class FuzzFormat { Any, Netcdf3, Hdf5, Zarr, GeoTiff };

FuzzFormat fuzzFormat() {
    static const FuzzFormat format = [] {
        const char* name = std::getenv("TWINBENCH_FUZZ_FORMAT");
        const std::string text = name != nullptr ? name : "";
        if (text == "netcdf3") {
            return FuzzFormat::Netcdf3;
        }
        if (text == "hdf5") {
            return FuzzFormat::Hdf5;
        }
        if (text == "zarr") {
            return FuzzFormat::Zarr;
        }
        if (text == "geotiff") {
            return FuzzFormat::GeoTiff;
        }
        return FuzzFormat::Any;
    }();
    return format;
}

bool startsWith(const std::uint8_t* data, std::size_t size, std::string_view prefix) {
    return size >= prefix.size() && std::memcmp(data, prefix.data(), prefix.size()) == 0;
}

// Whether the input carries the signature of the target's format (the HDF5 signature may sit
// at 0, 512, 1024, ... after a user block; the seeds and their mutants keep it at 0).
bool hasTargetSignature(const std::uint8_t* data, std::size_t size) {
    using namespace std::string_view_literals;
    switch (fuzzFormat()) {
    case FuzzFormat::Netcdf3:
        return startsWith(data, size, "CDF\x01"sv) || startsWith(data, size, "CDF\x02"sv) ||
               startsWith(data, size, "CDF\x05"sv);
    case FuzzFormat::Hdf5:
        return startsWith(data, size, "\x89HDF\r\n\x1a\n"sv);
    case FuzzFormat::GeoTiff:
        return startsWith(data, size, "II*\0"sv) || startsWith(data, size, "MM\0*"sv) ||
               startsWith(data, size, "II+\0"sv) || startsWith(data, size, "MM\0+"sv);
    case FuzzFormat::Zarr:
    case FuzzFormat::Any:
        return true;
    }
    return true;
}

std::string materialise(const std::uint8_t* data, std::size_t size) {
    const fs::path& directory = workDirectory();
    const bool asZarr = fuzzFormat() == FuzzFormat::Zarr ||
                        (fuzzFormat() == FuzzFormat::Any && size > 0 && data[0] == '{');
    if (asZarr) {
        const fs::path store = directory / "input.zarr";
        fs::remove_all(store);
        fs::create_directories(store / "v");
        const std::string group = "{\"zarr_format\": 2}";
        writeFile(store / ".zgroup", reinterpret_cast<const std::uint8_t*>(group.data()),
                  group.size());
        writeFile(store / "v" / ".zarray", data, size);
        const std::string attributes = "{\"_ARRAY_DIMENSIONS\": [\"x\"]}";
        writeFile(store / "v" / ".zattrs", reinterpret_cast<const std::uint8_t*>(attributes.data()),
                  attributes.size());
        const std::uint8_t chunk[16] = {0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        writeFile(store / "v" / "0", chunk, sizeof chunk);
        return store.string();
    }
    const fs::path file = directory / "input.bin";
    writeFile(file, data, size);
    return file.string();
}

void walk(const twins::data::Dataset& dataset) {
    using namespace twins::data;
    std::size_t attributes = dataset.root().attributes.size();
    for (const DatasetVariable* variable : dataset.variables()) {
        attributes += variable->attributes.size();
        for (const std::string& dimension : variable->dimensions) {
            dataset.coordinateVariable(*variable, dimension);
        }
        if (dataset.findVariable(variable->path) != variable) {
            std::abort(); // every listed variable must be found by its own path
        }
        if (!isNumeric(variable->type)) {
            continue;
        }
        cfPackingOf(*variable, variable->type, dataset.format() == DatasetFormat::NetCDF);
        Hyperslab slab;
        slab.start.assign(variable->rank(), 0);
        for (std::size_t length : variable->shape) {
            slab.count.push_back(length < 3 ? length : 3);
        }
        const std::vector<double> values = dataset.readDecoded(*variable, slab);
        std::size_t expected = 1;
        for (std::size_t count : slab.count) {
            expected *= count;
        }
        if (values.size() != expected) {
            std::abort(); // a read must return exactly the values asked for
        }
        dataset.readOverview(*variable, 64);
    }
    (void)attributes;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (!hasTargetSignature(data, size)) {
        return -1;
    }
    const std::string path = materialise(data, size);
    try {
        // A small read limit: fuzzed headers claim huge shapes, and the overview of a claimed
        // 2^40-cell field is still bounded by its stride; the limit keeps every read small.
        twins::data::DatasetOptions options;
        options.cacheBytes = std::size_t(8) << 20;
        options.maxReadBytes = std::size_t(64) << 20;
        // Below libFuzzer's -timeout (30 s), so HDF5's known endless loop on corrupt global
        // heaps (see LibraryMutex) is reported by Dataset, as in the product, not as a hang.
        options.metadataDeadline = std::chrono::seconds(5);
        const auto dataset = twins::data::openDataset(path, options);
        walk(*dataset);
    } catch (const twins::data::DataError&) {
        // the expected outcome for a corrupt input
    }
    if (twins::data::stuckLibraryFile()) {
        // The library is stuck for the rest of this process; every later NetCDF/HDF5 input
        // would only be refused. RunDatasetFuzzer.cmake runs libFuzzer in fork mode, where a
        // worker that ends is replaced by a fresh one and the corpus it grew is kept.
        std::_Exit(0);
    }
    return 0;
}
