# The cyclone twin (plugins/cyclone): its tracker on 10 years of detections against the same
# algorithm in numpy, and its CNN's inference throughput against python3-torch (the same network
# and weights), each in one run. Included from tests/bench/CMakeLists.txt.
twinbench_add_test(bench_cyclone_tracker SOURCES CycloneTrackerBench.cpp
  LABELS bench LIBRARIES twinbench_cyclone_core TIMEOUT 600)
twinbench_add_test(bench_cyclone_cnn SOURCES CycloneCnnBench.cpp
  LABELS bench LIBRARIES Qt6::Core TIMEOUT 900)
target_compile_definitions(bench_cyclone_cnn PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(bench_cyclone_cnn twinbench-run cyclone)

# A bench fails when it misses: the tracker bench with its C++ side linking the tracks 4 times
# per timing (TWINBENCH_BENCH_HANDICAP), so numpy is comparatively 4x faster, must exit non-zero
# and write a JSON that says which target it missed (into bench/check, not over the real result).
# Label bench-check keeps it out of the table of real results.
add_test(NAME check_bench_fails_on_miss
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/expect-miss.sh" "${CMAKE_BINARY_DIR}/bench/check" 4
          "$<TARGET_FILE:bench_cyclone_tracker>" cyclone_tracker)
set_tests_properties(check_bench_fails_on_miss PROPERTIES LABELS "bench;bench-check" TIMEOUT 600)
# In-situ publishing's cost (issue 24): cyclone generate with insitu=extracts at the default
# insitu_every against insitu=off, in one run.
twinbench_add_test(bench_insitu_overhead SOURCES InsituOverheadBench.cpp
  LABELS bench LIBRARIES Qt6::Core TIMEOUT 1200)
target_compile_definitions(bench_insitu_overhead PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(bench_insitu_overhead twinbench-run cyclone)
