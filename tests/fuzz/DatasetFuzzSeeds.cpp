// Writes the seed inputs of DatasetOpenFuzzer with Twinbench's own writers: a NetCDF-4 file
// with a group-free CF layout, a plain HDF5 file with nested groups, and the .zarray of a
// compressed Zarr store (the fuzzer rebuilds a store around it). RunDatasetFuzzer.cmake adds
// NetCDF-3 (ncgen) and GeoTIFF (gdal_create) seeds. Usage: dataset_fuzz_seeds DIRECTORY
#include "twinbench/data/Hdf5Writer.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/data/ZarrWriter.h"

#include <cstdio>
#include <filesystem>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIRECTORY\n", argv[0]);
        return 2;
    }
    namespace fs = std::filesystem;
    using namespace twins::data;
    const fs::path directory = argv[1];
    fs::create_directories(directory);
    std::vector<double> values(4 * 6);
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = 0.25 * static_cast<double>(i);
    }

    NetcdfWriter netcdf((directory / "seed4.nc").string());
    netcdf.addDimension("time", 0);
    netcdf.addDimension("lat", 4);
    netcdf.addDimension("lon", 6);
    netcdf.addVariable("lat", NetcdfWriter::Type::Double, {"lat"});
    netcdf.setTextAttribute("lat", "units", "degrees_north");
    netcdf.addVariable("temp", NetcdfWriter::Type::Short, {"time", "lat", "lon"}, 1, {1, 4, 6});
    netcdf.setNumberAttribute("temp", "scale_factor", NetcdfWriter::Type::Double, {0.01});
    netcdf.setNumberAttribute("temp", "_FillValue", NetcdfWriter::Type::Short, {-999});
    netcdf.setTextAttribute("temp", "units", "K");
    netcdf.write("lat", {0}, {4}, values.data());
    netcdf.write("temp", {0, 0, 0}, {1, 4, 6}, values.data());
    netcdf.commit();

    Hdf5Writer hdf5((directory / "seed.h5").string());
    hdf5.createGroup("/showers/energy");
    hdf5.createDataset("/showers/energy/deposits", Hdf5Writer::Type::Float32, {4, 6}, {2, 3}, 1);
    hdf5.setTextAttribute("/showers", "detector", "calorimeter");
    hdf5.write("/showers/energy/deposits", {0, 0}, {4, 6}, values.data());
    hdf5.commit();

    const fs::path store = directory / "store.zarr";
    {
        ZarrWriter zarr(store.string());
        zarr.addDimension("x", 24);
        ZarrWriter::VariableOptions options;
        options.chunkSizes = {24};
        options.fillValue = -1.0;
        zarr.addVariable("/v", ZarrWriter::Type::Float32, {"x"}, options);
        zarr.write("/v", {0}, {24}, values.data());
        zarr.commit();
    }
    fs::copy_file(store / "v" / ".zarray", directory / "seed.zarray",
                  fs::copy_options::overwrite_existing);
    fs::remove_all(store);
    return 0;
}
