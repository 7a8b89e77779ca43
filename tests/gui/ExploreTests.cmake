# The Explore (what-if) dock against the real session worker and testtwin's queries. Included
# from tests/gui/CMakeLists.txt.
twinbench_add_test(test_explore_dock SOURCES explore/ExploreDockTest.cpp
  LABELS gui TIMEOUT 90 LIBRARIES twinbench_app Qt6::Concurrent)
target_include_directories(test_explore_dock PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
add_dependencies(test_explore_dock testtwin twinbench-run)
# The map answer page: a synthetic answer's pixels, and the wildfire twin's what_if drawn in the
# dock through the real worker (a 2-year 2 degree regional cube and a one-epoch model first).
twinbench_add_test(test_explore_map SOURCES explore/ExploreMapTest.cpp
  LABELS gui TIMEOUT 300 LIBRARIES twinbench_app)
target_include_directories(test_explore_map PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
target_compile_definitions(test_explore_map PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_explore_map wildfire twinbench-run)
