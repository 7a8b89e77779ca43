# The writers twins use (twins/data: Hdf5Writer, ZarrWriter, NetcdfWriter's CF metadata),
# round-tripped through our Dataset and Debian's /usr/bin/python3 (h5py, zarr, xarray, netCDF4).
twinbench_add_test(test_writer_round_trip SOURCES WriterRoundTripTest.cpp
  LABELS unit LIBRARIES twinbench_data TIMEOUT 300)
