# The data layer in the main window (issue 3): Zarr, GeoTIFF and grouped NetCDF render; the
# time slider and the cursor's decoded date; 0..360 longitudes and descending latitudes.
twinbench_add_test(test_data_gui SOURCES shell/DataGuiTest.cpp
  LABELS gui LIBRARIES twinbench_app TIMEOUT 180)
