# Map view and figure export tests (issue 5). Included from tests/gui/CMakeLists.txt.
twinbench_add_test(test_map_projection SOURCES viz/MapProjectionTest.cpp
  LABELS gui LIBRARIES twinbench_viz)
twinbench_add_test(test_map_view SOURCES viz/MapViewTest.cpp MapTestFields.h
  LABELS gui LIBRARIES twinbench_viz)
twinbench_add_test(test_figure_export SOURCES viz/FigureExportTest.cpp MapTestFields.h
  LABELS gui LIBRARIES twinbench_viz twinbench_data TIMEOUT 180)
# The figure tests run the real executable.
add_dependencies(test_figure_export twinbench)
# The colour bar beside, never over, the field at 300, 600 and 1200 px (issue 21).
twinbench_add_test(test_colour_bar_layout SOURCES viz/ColourBarLayoutTest.cpp
  LABELS gui LIBRARIES twinbench_viz twinbench_data)
