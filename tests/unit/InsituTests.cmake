# In-situ publishing (twins/insitu, issue 24): the API, extract writer, settings and common run
# parameters directly (~1 s); cyclone generate publishing through the real worker (~10 s).
twinbench_add_test(test_insitu_publisher SOURCES InsituPublisherTest.cpp
  LABELS unit LIBRARIES twinbench_insitu netCDF::netcdf)
twinbench_add_test(test_cyclone_insitu SOURCES CycloneInsituTest.cpp
  LABELS unit LIBRARIES Qt6::Core netCDF::netcdf)
target_compile_definitions(test_cyclone_insitu PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_cyclone_insitu twinbench-run cyclone)
# cyclone generate co-processed by ParaView Catalyst through the worker, the extracts read back
# with the unpacked prefix's pvpython (~30 s loaded). Registered where the adaptor is built,
# i.e. where packaging/install-deps.sh unpacked ParaView (catalyst/CMakeLists.txt).
if(TARGET twinbench_catalyst)
  twinbench_add_test(test_catalyst_insitu SOURCES CatalystInsituTest.cpp
    LABELS unit TIMEOUT 400 LIBRARIES Qt6::Gui netCDF::netcdf)
  target_compile_definitions(test_catalyst_insitu PRIVATE
    TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins"
    TWINBENCH_PVPYTHON="${TWINBENCH_PVPYTHON}"
    TWINBENCH_PARAVIEW_PYTHON_DIR="${TWINBENCH_PARAVIEW_PYTHON_DIR}")
  add_dependencies(test_catalyst_insitu twinbench-run cyclone twinbench_catalyst)
  # The adaptor's snapshot -> VTK datasets, against ParaView's VTK alone (no Catalyst; ~0.1 s).
  twinbench_add_test(test_catalyst_channels SOURCES CatalystChannelsTest.cpp
    LABELS unit LIBRARIES twinbench_catalyst_datasets)
  set_target_properties(test_catalyst_channels PROPERTIES
    BUILD_RPATH "${TWINBENCH_PARAVIEW_LIBRARY_DIR}")
endif()
# calogan simulate, pulsar simulate and wildfire infer (with its cube and a one-epoch model)
# publishing through the real worker at their smallest settings, checked against their outputs.
twinbench_add_test(test_twins_insitu SOURCES TwinsInsituTest.cpp
  LABELS unit TIMEOUT 300 LIBRARIES twinbench_data)
target_compile_definitions(test_twins_insitu PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_twins_insitu twinbench-run calogan pulsar wildfire)
