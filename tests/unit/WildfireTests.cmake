# The wildfire twin (plugins/wildfire): its core library directly (generator physics,
# determinism, the 8-day axis, bad settings), the GSHHG land fraction it writes as lsm
# (twins/geo), and generate through the real worker (CF NetCDF and Zarr read back).
twinbench_add_test(test_wildfire_generator SOURCES WildfireGeneratorTest.cpp
  LABELS unit LIBRARIES twinbench_wildfire_core)
twinbench_add_test(test_wildfire_land_mask SOURCES WildfireLandMaskTest.cpp
  LABELS unit LIBRARIES twinbench_geo)
twinbench_add_test(test_wildfire_generate SOURCES WildfireGenerateTest.cpp
  LABELS unit LIBRARIES twinbench_data)
target_compile_definitions(test_wildfire_generate PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_wildfire_generate twinbench-run wildfire)
# test_generator_determinism (SdkTests.cmake) runs wildfire generate too.
add_dependencies(test_generator_determinism wildfire)
# train through the worker (the test never links LibTorch; the plugin the worker loads does).
twinbench_add_test(test_wildfire_train SOURCES WildfireTrainTest.cpp
  LABELS unit LIBRARIES Qt6::Core)
target_compile_definitions(test_wildfire_train PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_wildfire_train twinbench-run wildfire)
# infer and validate through the worker, with every bad input of issue 19 item 8.
# ~30 s on an idle 2-core machine (3 cubes, 4 trainings, 6 infers, 1 validate); the timeout
# leaves room for a loaded one.
twinbench_add_test(test_wildfire_infer SOURCES WildfireInferTest.cpp
  LABELS unit LIBRARIES twinbench_data TIMEOUT 300)
target_compile_definitions(test_wildfire_infer PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_wildfire_infer twinbench-run wildfire)
# validate's scores and drought-index baseline on the core library.
twinbench_add_test(test_wildfire_scores SOURCES WildfireScoresTest.cpp
  LABELS unit LIBRARIES twinbench_wildfire_core)
# project and the what_if query through the worker and `twinbench-run serve` (2 cubes, 1
# training, 3 projects, 12 queries).
twinbench_add_test(test_wildfire_project SOURCES WildfireProjectTest.cpp
  LABELS unit LIBRARIES twinbench_data twinbench_sdk TIMEOUT 300)
target_compile_definitions(test_wildfire_project PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_wildfire_project twinbench-run wildfire)
