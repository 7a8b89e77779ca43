# The Explore (what-if) dock against the real session worker and testtwin's queries. Included
# from tests/gui/CMakeLists.txt.
twinbench_add_test(test_explore_dock SOURCES explore/ExploreDockTest.cpp
  LABELS gui TIMEOUT 90 LIBRARIES twinbench_app Qt6::Concurrent)
target_include_directories(test_explore_dock PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
add_dependencies(test_explore_dock testtwin twinbench-run)
