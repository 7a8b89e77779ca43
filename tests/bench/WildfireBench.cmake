# The wildfire twin (plugins/wildfire): UNet++ inference of a global 1 degree step against
# python3-torch with the same network and weights, in one run. Included from
# tests/bench/CMakeLists.txt.
twinbench_add_test(bench_wildfire_unet SOURCES WildfireBench.cpp
  LABELS bench LIBRARIES Qt6::Core TIMEOUT 3600)
target_compile_definitions(bench_wildfire_unet PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(bench_wildfire_unet twinbench-run wildfire)
# The bench's one test function (generate, train, 3 rounds of infer and python) outlasts
# QtTest's default 5-minute limit on a loaded machine.
set_property(TEST bench_wildfire_unet APPEND PROPERTY ENVIRONMENT "QTEST_FUNCTION_TIMEOUT=3600000")
