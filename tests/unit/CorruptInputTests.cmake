# Corrupt and hostile inputs to the data layer (truncated, bad magic, broken Zarr metadata and
# chunks, huge dimension claims): each must give a DataError, never a crash or a huge allocation.
twinbench_add_test(test_corrupt_input SOURCES CorruptInputTest.cpp
  LABELS unit LIBRARIES twinbench_data TIMEOUT 120)
