# The plugin contract (twins/sdk), the job runner (twins/sdk/jobs) and the worker's module
# commands (modules, describe, job, serve), against the test plugins of tests/plugins.
twinbench_add_test(test_sdk_parameter_schema SOURCES SdkParameterSchemaTest.cpp
  LABELS unit LIBRARIES twinbench_sdk)
twinbench_add_test(test_sdk_module_metadata SOURCES SdkModuleMetadataTest.cpp
  LABELS unit LIBRARIES twinbench_sdk)
twinbench_add_test(test_sdk_fit_for_purpose SOURCES SdkFitForPurposeTest.cpp
  LABELS unit LIBRARIES twinbench_sdk)
twinbench_add_test(test_sdk_module_catalog SOURCES SdkModuleCatalogTest.cpp
  LABELS unit LIBRARIES twinbench_sdk twinbench_data)
add_dependencies(test_sdk_module_catalog twinbench_test_plugins)
twinbench_add_test(test_sdk_module_commands SOURCES SdkModuleCommandsTest.cpp
  LABELS unit LIBRARIES twinbench_sdk)
add_dependencies(test_sdk_module_commands twinbench-run twinbench_test_plugins)
twinbench_add_test(test_job_command SOURCES JobCommandTest.cpp
  LABELS unit LIBRARIES twinbench_runs twinbench_data)
add_dependencies(test_job_command twinbench-run testtwin)
twinbench_add_test(test_serve_command SOURCES ServeCommandTest.cpp
  LABELS unit LIBRARIES twinbench_sdk Qt6::Network)
add_dependencies(test_serve_command twinbench-run testtwin)
twinbench_add_test(test_job_action_context SOURCES JobActionContextTest.cpp
  LABELS unit LIBRARIES twinbench_jobs)
# What every twin shares (twins/sdk/support, ModelCard): atomic writes, CSV, model cards,
# process CPU time, and the random-number policy.
twinbench_add_test(test_sdk_files SOURCES SdkFilesTest.cpp LABELS unit LIBRARIES twinbench_sdk)
twinbench_add_test(test_sdk_random SOURCES SdkRandomTest.cpp
  LABELS unit LIBRARIES twinbench_twin_support Qt6::Core)
# The training-loop helper of the worker-only ML library (twins/ml), with plain hooks.
twinbench_add_test(test_ml_training_loop SOURCES MlTrainingLoopTest.cpp
  LABELS unit LIBRARIES twinbench_ml Qt6::Core)
# Its torch parts: atomic weights (a failed save keeps the previous file) and LibTorch errors as
# one-line SdkErrors.
twinbench_add_test(test_ml_torch SOURCES MlTorchTest.cpp
  LABELS unit LIBRARIES twinbench_ml Qt6::Core)
twinbench_add_test(test_sdk_parameter_rename SOURCES SdkParameterRenameTest.cpp
  LABELS unit LIBRARIES twinbench_sdk)
# The worker's last resort: exceptions of any type, also from threads (std::terminate), end in
# one line, exit status 1 and a failed run.
twinbench_add_test(test_worker_unexpected_error SOURCES WorkerUnexpectedErrorTest.cpp
  LABELS unit LIBRARIES twinbench_runs)
add_dependencies(test_worker_unexpected_error twinbench-run testtwin)
# Issue 16: the twins write files, format CSV and draw random numbers only through the SDK
# (a scan of plugins/ and the test twin's sources).
twinbench_add_test(test_plugin_source_scan SOURCES PluginSourceScanTest.cpp
  LABELS unit LIBRARIES Qt6::Core)
# Issue 16: cyclone generate and calogan simulate give the same values for the same seed on one
# CPU and on every CPU (through the real worker).
twinbench_add_test(test_generator_determinism SOURCES GeneratorDeterminismTest.cpp
  LABELS unit LIBRARIES twinbench_data TIMEOUT 300)
target_compile_definitions(test_generator_determinism PRIVATE
  TWINBENCH_PLUGIN_BUILD_DIR="${CMAKE_BINARY_DIR}/plugins")
add_dependencies(test_generator_determinism twinbench-run cyclone calogan)
# A model's training domain against what an inference asks for: ranges, exact settings,
# periods and categories, each inside and outside (issue 17, out-of-domain flags).
twinbench_add_test(test_sdk_training_domain SOURCES SdkTrainingDomainTest.cpp
  LABELS unit LIBRARIES twinbench_sdk)
# Reliability bins and the expected calibration error of probabilistic outputs (issue 17,
# item 5: a calibration check on the VVUQ card).
twinbench_add_test(test_sdk_calibration SOURCES SdkCalibrationTest.cpp
  LABELS unit LIBRARIES twinbench_twin_support Qt6::Core)
