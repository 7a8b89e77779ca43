# Baseline image tests (issue 5 acceptance): maps in two projections with coastlines, VSUP,
# hatching, a volume, a spectrogram and a comparison chart against PNGs in tests/baselines/.
# TWINBENCH_UPDATE_BASELINES=1 rewrites them. Included from tests/gui/CMakeLists.txt.
twinbench_add_test(test_baseline_images SOURCES viz/BaselineImageTest.cpp VolumeSpectrogramTestData.h
  MapTestFields.h UncertaintyTestFields.h "${TWINBENCH_TEST_SUPPORT_DIR}/ImageBaseline.h"
  LABELS gui LIBRARIES twinbench_viz)
