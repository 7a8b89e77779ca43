# A finished run's declared results: result files converted into answers (tracks, points,
# metrics, charts, volumes), the Results list of the Runs dock, and the result view drawing
# them. Included from tests/gui/CMakeLists.txt.
twinbench_add_test(test_result_views SOURCES results/ResultViewsTest.cpp
  LABELS gui TIMEOUT 120 LIBRARIES twinbench_app)
target_include_directories(test_result_views PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
# --export-result on real runs of cyclone, calogan and pulsar at their smallest settings, and the
# reports of two of them (a figure per declared result).
twinbench_add_test(test_export_result SOURCES results/ExportResultTest.cpp
  LABELS gui TIMEOUT 420 LIBRARIES twinbench_runs Qt6::Gui)
add_dependencies(test_export_result twinbench twinbench-run cyclone calogan pulsar)
# Results in the workspace's central cells: over their background, zoomed to their domain,
# Ctrl for a new cell, View > Back (issue 21 item 1).
twinbench_add_test(test_result_cells SOURCES workspace/ResultCellsTest.cpp
  LABELS gui TIMEOUT 120 LIBRARIES twinbench_app)
target_include_directories(test_result_cells PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
# A, B and A-B of two test-twin runs and of two ensembles (issue 21 item 3).
twinbench_add_test(test_comparison SOURCES compare/ComparisonTest.cpp
  LABELS gui TIMEOUT 120 LIBRARIES twinbench_app)
target_include_directories(test_comparison PRIVATE "${CMAKE_SOURCE_DIR}/app/twinbench")
add_dependencies(test_comparison testtwin twinbench-run)
