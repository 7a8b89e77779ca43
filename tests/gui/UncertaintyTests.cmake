# Uncertainty encodings (issue 5 item 2): VSUP, AR6 hatching, exceedance, linked mean/spread.
# Included from tests/gui/CMakeLists.txt.
twinbench_add_test(test_uncertainty_palette SOURCES viz/UncertaintyPaletteTest.cpp
  UncertaintyTestFields.h LABELS gui LIBRARIES twinbench_viz)
twinbench_add_test(test_uncertainty_map SOURCES viz/UncertaintyMapTest.cpp UncertaintyTestFields.h
  LABELS gui LIBRARIES twinbench_viz TIMEOUT 180)
twinbench_add_test(test_uncertainty_export SOURCES viz/UncertaintyExportTest.cpp
  UncertaintyTestFields.h LABELS gui LIBRARIES twinbench_viz twinbench_data TIMEOUT 300)
# The export tests run the real executable.
add_dependencies(test_uncertainty_export twinbench)
