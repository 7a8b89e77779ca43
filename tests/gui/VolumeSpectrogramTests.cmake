# Volume, spectrogram and comparison-chart views (issue 5 items 3-5): pixel checks at known
# places, sums and means, log toggles, transfer-function edits, SVG export with axis text.
# Included from tests/gui/CMakeLists.txt.
twinbench_add_test(test_volume_view SOURCES viz/VolumeViewTest.cpp VolumeSpectrogramTestData.h
  LABELS gui LIBRARIES twinbench_viz)
twinbench_add_test(test_spectrogram_view SOURCES viz/SpectrogramViewTest.cpp
  VolumeSpectrogramTestData.h LABELS gui LIBRARIES twinbench_viz)
twinbench_add_test(test_comparison_chart SOURCES viz/ComparisonChartTest.cpp
  VolumeSpectrogramTestData.h LABELS gui LIBRARIES twinbench_viz)
