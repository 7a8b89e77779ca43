# The calorimeter GAN (plugins/calogan): showers per second of the 3DGAN generator at batch
# 128, the Monte Carlo reference and the same generator in python3-torch, in one run
# (writes bench/calogan.json).
twinbench_add_test(bench_calogan SOURCES CaloGanBench.cpp
  LABELS bench LIBRARIES Qt6::Core TIMEOUT 1800)
target_compile_definitions(bench_calogan PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(bench_calogan twinbench-run calogan)
# The cascade showers and the GAN at three energies on one thread each: past QtTest's 5 minutes
# per function on a shared machine.
set_property(TEST bench_calogan APPEND PROPERTY ENVIRONMENT "QTEST_FUNCTION_TIMEOUT=1800000")
