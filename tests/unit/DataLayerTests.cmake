# The data layer (twins/data): Dataset over NetCDF, HDF5, Zarr and GDAL rasters, CF decoding,
# units and grids, writers, and the slice command. Reference files come from /usr/bin/python3.
twinbench_add_test(test_dataset SOURCES DatasetTest.cpp
  LABELS unit LIBRARIES twinbench_data TIMEOUT 300)
twinbench_add_test(test_cf_grid SOURCES CfGridTest.cpp
  LABELS unit LIBRARIES twinbench_data TIMEOUT 300)
twinbench_add_test(test_slice_command SOURCES SliceCommandTest.cpp
  LABELS unit TIMEOUT 300)
add_dependencies(test_slice_command twinbench-run)
twinbench_add_test(test_direct_chunks SOURCES DirectChunkReaderTest.cpp
  LABELS unit LIBRARIES twinbench_data netCDF::netcdf TIMEOUT 300)
# No HDF5 diagnostic stack on stderr from any thread that reads a file.
twinbench_add_test(test_quiet_libraries SOURCES QuietLibrariesTest.cpp
  LABELS unit LIBRARIES twinbench_data)
