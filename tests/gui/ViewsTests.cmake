# Map view and figure export tests (issue 5). Included from tests/gui/CMakeLists.txt.
twinbench_add_test(test_map_projection SOURCES viz/MapProjectionTest.cpp
  LABELS gui LIBRARIES twinbench_viz)
twinbench_add_test(test_map_view SOURCES viz/MapViewTest.cpp MapTestFields.h
  LABELS gui LIBRARIES twinbench_viz)
twinbench_add_test(test_figure_export SOURCES viz/FigureExportTest.cpp MapTestFields.h
  LABELS gui LIBRARIES twinbench_viz twinbench_data TIMEOUT 180)
# The figure tests run the real executable.
add_dependencies(test_figure_export twinbench)
