# The run model (twins/runs): state machine, run directories and provenance, SQLite registry.
twinbench_add_test(test_run_state SOURCES RunStateTest.cpp
  LABELS unit LIBRARIES twinbench_runs)
twinbench_add_test(test_run_directory SOURCES RunDirectoryTest.cpp
  LABELS unit LIBRARIES twinbench_runs)
twinbench_add_test(test_run_registry SOURCES RunRegistryTest.cpp
  LABELS unit LIBRARIES twinbench_runs)
twinbench_add_test(test_model_catalogue SOURCES ModelCatalogueTest.cpp
  LABELS unit LIBRARIES twinbench_runs)
add_dependencies(test_model_catalogue twinbench-run testtwin)
# A model's VVUQ card over testtwin runs: thresholds, downstream validation, energy; and the CLI.
twinbench_add_test(test_vvuq_card SOURCES VvuqCardTest.cpp
  LABELS unit LIBRARIES twinbench_runs)
add_dependencies(test_vvuq_card twinbench-run testtwin)
# A cut-short, overwritten or deleted registry is rebuilt from the run directories on start.
twinbench_add_test(test_registry_recovery SOURCES RegistryRecoveryTest.cpp
  LABELS unit LIBRARIES twinbench_federation)
