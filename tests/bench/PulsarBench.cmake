# The pulsar twin (plugins/pulsar): its classifier's frames per second against the same networks
# in python3-torch (PulsarBench.py), and its dedispersion peer against the real-time rate of a
# filterbank, each in one run (writes bench/pulsar_classifier.json, bench/pulsar_dedispersion.json).
# Included from tests/bench/CMakeLists.txt.
twinbench_add_test(bench_pulsar SOURCES PulsarBench.cpp
  LABELS bench LIBRARIES Qt6::Core TIMEOUT 1800)
target_compile_definitions(bench_pulsar PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(bench_pulsar twinbench-run pulsar)
# Three rounds of both sides on a loaded machine can pass QtTest's 5-minute watchdog per test
# function; ctest's TIMEOUT above is the limit.
set_property(TEST bench_pulsar APPEND PROPERTY ENVIRONMENT "QTEST_FUNCTION_TIMEOUT=1800000")
