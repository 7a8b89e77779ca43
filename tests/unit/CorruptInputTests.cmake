# Corrupt and hostile inputs to the data layer (truncated, bad magic, broken Zarr metadata and
# chunks, huge dimension claims): each must give a DataError, never a crash or a huge allocation.
twinbench_add_test(test_corrupt_input SOURCES CorruptInputTest.cpp
  LABELS unit LIBRARIES twinbench_data TIMEOUT 120)
# A corrupt HDF5 heap on which HDF5 1.10 loops forever: reported after a deadline, and later
# library work refused rather than hung. Its own process, since the library stays stuck.
twinbench_add_test(test_library_deadline SOURCES LibraryDeadlineTest.cpp
  LABELS unit LIBRARIES twinbench_data TIMEOUT 60)
target_compile_definitions(test_library_deadline PRIVATE
  TWINBENCH_FIXTURES_DIR="${CMAKE_SOURCE_DIR}/tests/fixtures")
# A metadata read that passes its deadline and then finishes writes only into state it owns
# (never into the caller's unwound frame), and the library is usable again afterwards.
twinbench_add_test(test_library_deadline_late_finish SOURCES LibraryDeadlineLateFinishTest.cpp
  LABELS unit LIBRARIES twinbench_data TIMEOUT 60)
# Untrusted files are first read by `twinbench-run probe` in a short-lived process: crashes and
# hangs there are reported, known-good files skip the probe.
twinbench_add_test(test_file_probe SOURCES FileProbeTest.cpp
  LABELS unit LIBRARIES twinbench_data netCDF::netcdf TIMEOUT 60)
add_dependencies(test_file_probe twinbench-run)
