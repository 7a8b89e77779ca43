# A finished run's declared results: result files converted into answers (tracks, points,
# metrics, charts, volumes), the Results list of the Runs dock, and the result view drawing
# them. Included from tests/gui/CMakeLists.txt.
twinbench_add_test(test_result_views SOURCES results/ResultViewsTest.cpp
  LABELS gui TIMEOUT 120 LIBRARIES twinbench_app)
target_include_directories(test_result_views PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
# --export-result on every result spec every shipped twin declares, from real runs at their
# smallest settings (four chains, two at a time), and the reports of two of them: 23 worker
# runs and 52 GUI processes. Measured 587 s with the 2 cores at a load of 12-15 (session 12);
# the timeout is for a hung process, not a speed target.
twinbench_add_test(test_export_result SOURCES results/ExportResultTest.cpp
  results/SmallestChains.h results/ResultPixels.h
  LABELS gui TIMEOUT 1800 LIBRARIES twinbench_runs twinbench_viz Qt6::Gui Qt6::Concurrent)
target_compile_definitions(test_export_result PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_export_result twinbench twinbench-run cyclone calogan pulsar wildfire)
# Results in the workspace's central cells: over their background, zoomed to their domain,
# Ctrl for a new cell, View > Back (issue 21 item 1); ~50 s on a quiet 2-core machine, several
# minutes at a load of 10 (its figures render offscreen), hence the timeout.
twinbench_add_test(test_result_cells SOURCES workspace/ResultCellsTest.cpp
  LABELS gui TIMEOUT 300 LIBRARIES twinbench_app)
target_include_directories(test_result_cells PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
# A, B and A-B of two test-twin runs and of two ensembles (issue 21 item 3).
twinbench_add_test(test_comparison SOURCES compare/ComparisonTest.cpp
  LABELS gui TIMEOUT 120 LIBRARIES twinbench_app)
target_include_directories(test_comparison PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
add_dependencies(test_comparison testtwin twinbench-run)
# A running run's in-situ extracts followed live in a cell (issue 24): a run directory written
# by hand as another node writes one, "Open in ParaView", and a real cyclone generate run.
twinbench_add_test(test_live_cell SOURCES live/LiveCellTest.cpp
  LABELS gui TIMEOUT 240 LIBRARIES twinbench_app twinbench_insitu)
target_include_directories(test_live_cell PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
target_compile_definitions(test_live_cell PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_live_cell twinbench twinbench-run cyclone)
