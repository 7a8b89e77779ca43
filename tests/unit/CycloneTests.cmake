# The cyclone twin (plugins/cyclone): its core library directly (vortex model, generator,
# tracker, validation, baseline detector) and the whole chain through the real worker.
twinbench_add_test(test_cyclone_vortex SOURCES CycloneVortexTest.cpp
  LABELS unit LIBRARIES twinbench_cyclone_core)
twinbench_add_test(test_cyclone_generator SOURCES CycloneGeneratorTest.cpp
  LABELS unit LIBRARIES twinbench_cyclone_core)
twinbench_add_test(test_cyclone_tracker SOURCES CycloneTrackerTest.cpp
  LABELS unit LIBRARIES twinbench_cyclone_core)
twinbench_add_test(test_cyclone_validation SOURCES CycloneValidationTest.cpp
  LABELS unit LIBRARIES twinbench_cyclone_core)
twinbench_add_test(test_cyclone_ensemble SOURCES CycloneEnsembleTest.cpp
  LABELS unit LIBRARIES twinbench_cyclone_core)
twinbench_add_test(test_cyclone_chain SOURCES CycloneChainTest.cpp
  LABELS unit LIBRARIES twinbench_data)
target_compile_definitions(test_cyclone_chain PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_cyclone_chain twinbench-run cyclone)
# The CNN (train -> infer -> track -> validate) through the worker: the test itself never links
# LibTorch, only the plugin the worker loads does.
twinbench_add_test(test_cyclone_cnn SOURCES CycloneCnnTest.cpp
  LABELS unit LIBRARIES twinbench_data twinbench_sdk TIMEOUT 300)
target_compile_definitions(test_cyclone_cnn PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_cyclone_cnn twinbench-run cyclone)
# Skill on held-out data: a tiny CNN trained on a small fixed generated set meets stated POD/FAR
# bounds on another year's storms, and the same network before training does not.
twinbench_add_test(test_cyclone_skill SOURCES CycloneSkillTest.cpp
  LABELS unit LIBRARIES Qt6::Core TIMEOUT 240)
target_compile_definitions(test_cyclone_skill PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_cyclone_skill twinbench-run cyclone)
