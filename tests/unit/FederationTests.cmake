# twins/federation: SLURM answer parsing and state mapping, process mechanics of the local
# executor. The executors themselves run against the real worker and SLURM in
# tests/integration.
twinbench_add_test(test_slurm_job_table SOURCES SlurmJobTableTest.cpp
  LABELS unit LIBRARIES twinbench_federation)
twinbench_add_test(test_federation_processes SOURCES FederationProcessTest.cpp
  LABELS unit LIBRARIES twinbench_federation)
twinbench_add_test(test_federation_tokens SOURCES FederationTokenTest.cpp
  LABELS unit LIBRARIES twinbench_federation)
# Secrets (JWT, bearer tokens, keys) only over https or to loopback, for every backend.
twinbench_add_test(test_secret_destination SOURCES SecretDestinationTest.cpp
  LABELS unit LIBRARIES twinbench_federation)
# A run as an interLink pod, and interLink's container states as run states.
twinbench_add_test(test_interlink_pod SOURCES InterlinkPodTest.cpp
  LABELS unit LIBRARIES twinbench_federation)
# An interLink run's log through /getLogs, read piece by piece (Tail and overlap), and its
# fallback to log.txt.
twinbench_add_test(test_interlink_log_reader SOURCES InterlinkLogReaderTest.cpp
  LABELS unit LIBRARIES twinbench_federation)
