# The calorimeter twin (plugins/calogan): its core library directly (shower physics, the
# showers file, validation) and simulate + validate through the real worker.
twinbench_add_test(test_calo_shower SOURCES CaloShowerTest.cpp
  LABELS unit LIBRARIES twinbench_calo_core)
twinbench_add_test(test_calo_file SOURCES CaloFileTest.cpp
  LABELS unit LIBRARIES twinbench_calo_core)
twinbench_add_test(test_calo_chain SOURCES CaloChainTest.cpp
  LABELS unit LIBRARIES Qt6::Core)
target_compile_definitions(test_calo_chain PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_calo_chain twinbench-run calogan)
