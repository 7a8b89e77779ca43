# The pulsar twin (plugins/pulsar): its core library directly (simulator physics, the classical
# dedispersion peer, the SIGPROC filterbank) and simulate -> dedisperse through the real worker.
twinbench_add_test(test_pulsar_simulator SOURCES PulsarSimulatorTest.cpp
  LABELS unit LIBRARIES twinbench_pulsar_core)
twinbench_add_test(test_pulsar_dedispersion SOURCES PulsarDedispersionTest.cpp
  LABELS unit LIBRARIES twinbench_pulsar_core)
# GeneratorDeterminismTest (SdkTests.cmake) runs pulsar simulate too.
add_dependencies(test_generator_determinism pulsar)
twinbench_add_test(test_pulsar_chain SOURCES PulsarChainTest.cpp
  LABELS unit LIBRARIES twinbench_data twinbench_twin_support)
target_compile_definitions(test_pulsar_chain PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_pulsar_chain twinbench-run pulsar)
# The declared results read through the GUI's answer-kind registry (no display needed).
twinbench_add_test(test_pulsar_results SOURCES PulsarResultsTest.cpp
  LABELS unit LIBRARIES twinbench_app_answers twinbench_data twinbench_sdk)
target_compile_definitions(test_pulsar_results PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_pulsar_results twinbench-run pulsar)
# The networks' input and validate's statistics without LibTorch.
twinbench_add_test(test_pulsar_classifier_math SOURCES PulsarClassifierMathTest.cpp
  LABELS unit LIBRARIES twinbench_pulsar_core twinbench_twin_support)
# The NBRFI band profile against a reference bandpass: a weak carrier at the band edge.
twinbench_add_test(test_pulsar_band_profile SOURCES PulsarBandProfileTest.cpp
  LABELS unit LIBRARIES twinbench_pulsar_core)
# train -> classify (files written by /usr/bin/python3's xarray) -> the frame query through
# `twinbench-run serve` (read by the Explore dock's spectrogram reader) -> validate.
twinbench_add_test(test_pulsar_networks SOURCES PulsarNetworksTest.cpp
  LABELS unit LIBRARIES twinbench_app_answers twinbench_data twinbench_sdk twinbench_twin_support
  TIMEOUT 600)
target_compile_definitions(test_pulsar_networks PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_pulsar_networks twinbench-run pulsar)
