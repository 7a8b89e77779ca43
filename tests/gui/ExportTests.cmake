# Export tests (issue 5 item 7): animations through ffmpeg, run reports, linked layouts and
# the uncertainty encodings chosen in the main window. Included from tests/gui/CMakeLists.txt.
# (PNG/SVG/PDF figures: test_figure_export in ViewsTests.cmake.)
find_package(ZLIB REQUIRED) # ExportPdfParsing.h inflates PDF streams
twinbench_add_test(test_animation_export SOURCES viz/AnimationExportTest.cpp AnimationTestFile.h
  LABELS gui LIBRARIES twinbench_viz twinbench_data TIMEOUT 120)
add_dependencies(test_animation_export twinbench)
# ~25 s on a quiet machine; a worker chain and five offscreen renders take 45-80 s on two cores
# shared with builds.
twinbench_add_test(test_report_export SOURCES report/ReportExportTest.cpp ExportPdfParsing.h
  LABELS gui LIBRARIES twinbench_app ZLIB::ZLIB TIMEOUT 300)
add_dependencies(test_report_export twinbench twinbench-run testtwin)
twinbench_add_test(test_layout_export SOURCES workspace/LayoutExportTest.cpp AnimationTestFile.h
  UncertaintyTestFields.h LABELS gui LIBRARIES twinbench_app TIMEOUT 120)
target_link_libraries(test_figure_export PRIVATE ZLIB::ZLIB)
