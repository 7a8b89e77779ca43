# In-situ publishing (twins/insitu, issue 24): the API, extract writer, settings and common run
# parameters directly (~1 s); cyclone generate publishing through the real worker (~10 s).
twinbench_add_test(test_insitu_publisher SOURCES InsituPublisherTest.cpp
  LABELS unit LIBRARIES twinbench_insitu netCDF::netcdf)
twinbench_add_test(test_cyclone_insitu SOURCES CycloneInsituTest.cpp
  LABELS unit LIBRARIES Qt6::Core netCDF::netcdf)
target_compile_definitions(test_cyclone_insitu PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_cyclone_insitu twinbench-run cyclone)
