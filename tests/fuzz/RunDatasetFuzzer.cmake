# Driven by the ctest tests fuzz_<format> (label fuzz): reads the format's committed seeds
# (corpus/<format>), configures and builds the clang/libFuzzer project in libfuzzer/ (shared by
# the four targets; ninja makes the later builds no-ops), runs the fuzzer on that format for
# SECONDS and fails when it reports a crash (the reproducer stays under
# BINARY/<format>/artifacts). Writes BINARY/<format>/summary.txt: minutes, executions, coverage.
# Variables: SOURCE (the Twinbench source tree), BINARY (a work directory), FORMAT (netcdf3,
# hdf5, zarr, geotiff), SECONDS, CLANG, CLANGXX.
foreach(required SOURCE BINARY FORMAT SECONDS CLANG CLANGXX)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "RunDatasetFuzzer.cmake needs -D${required}=...")
  endif()
endforeach()

set(work "${BINARY}/${FORMAT}")
set(seeds "${SOURCE}/tests/fuzz/corpus/${FORMAT}")
set(corpus "${work}/corpus")
if(NOT IS_DIRECTORY "${seeds}")
  message(FATAL_ERROR "no seed corpus for format '${FORMAT}' (${seeds})")
endif()
# The working corpus is kept between runs: each `make fuzz` goes on from where the last ended.
file(MAKE_DIRECTORY "${corpus}" "${work}/artifacts")
file(GLOB seed_files "${seeds}/*")
list(FILTER seed_files EXCLUDE REGEX "README.md$")
list(LENGTH seed_files seed_count)
message(STATUS "fuzz ${FORMAT}: ${seed_count} seeds in ${seeds}")

execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE}/tests/fuzz/libfuzzer"
    -B "${BINARY}/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    "-DCMAKE_C_COMPILER=${CLANG}" "-DCMAKE_CXX_COMPILER=${CLANGXX}"
    "-DTWINBENCH_SOURCE_DIR=${SOURCE}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "configuring the libFuzzer project failed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BINARY}/build" -j2 RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "building dataset_open_fuzzer failed")
endif()

# Leak detection is off: NetCDF-C, HDF5 and GDAL keep process-lifetime allocations that LSan
# would report on every run. -malloc_limit_mb makes any single allocation over 1 GB that
# SUCCEEDS a finding (a huge dimension claim that got through and could exhaust memory).
# allocator_may_return_null=1 makes ASan do what glibc does for a request no machine can
# satisfy (e.g. HDF5's H5C_protect asking for 0xc000000000000 bytes from a corrupt object
# header): return NULL, which the library turns into an error that Dataset reports. Without
# it ASan aborts on a request that is harmless in production. -timeout flags hangs. Fork mode
# (one worker process at a time, replaced when it ends) lets the target end a worker whose
# NetCDF/HDF5 library got stuck on a corrupt heap (see DatasetOpenFuzzer.cpp) and go on; the
# ignore_* flags keep every crash, timeout and out-of-memory a failure as without fork mode.
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env
    "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:allocator_may_return_null=1"
    "UBSAN_OPTIONS=print_stacktrace=1"
    "TWINBENCH_FUZZ_FORMAT=${FORMAT}"
    "${BINARY}/build/dataset_open_fuzzer" -fork=1 -ignore_crashes=0 -ignore_timeouts=0
    -ignore_ooms=0 -max_total_time=${SECONDS} -timeout=30
    -rss_limit_mb=3072 -malloc_limit_mb=1024 -print_final_stats=1
    "-artifact_prefix=${work}/artifacts/" "${corpus}" "${seeds}"
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
file(WRITE "${work}/last-run.log" "${output}")
# Fork mode prints one status line per finished worker job; the last one has the totals.
string(REGEX MATCHALL "#[0-9]+: cov: [0-9]+ ft: [0-9]+ corp: [0-9]+ exec/s [0-9]+ oom/timeout/crash: [0-9/]+ time: [0-9]+s job: [0-9]+" progress "${output}")
list(POP_BACK progress last)
string(REGEX REPLACE "^#([0-9]+): cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*time: ([0-9]+)s.*$"
  "\\1;\\2;\\3;\\4;\\5" numbers "${last}")
list(LENGTH numbers fields)
if(fields EQUAL 5)
  list(GET numbers 0 executions)
  list(GET numbers 1 coverage)
  list(GET numbers 2 features)
  list(GET numbers 3 corpus_size)
  list(GET numbers 4 elapsed)
  math(EXPR minutes "${elapsed} / 60")
  set(summary "fuzz ${FORMAT}: ${minutes} min (${elapsed} s), ${executions} executions, coverage ${coverage} edges (${features} features), corpus ${corpus_size} inputs from ${seed_count} seeds")
else()
  set(summary "fuzz ${FORMAT}: no libFuzzer status line (see ${work}/last-run.log)")
endif()
file(WRITE "${work}/summary.txt" "${summary}\n")
message(STATUS "${summary}; log ${work}/last-run.log")
if(NOT status EQUAL 0)
  string(LENGTH "${output}" length)
  math(EXPR from "${length} - 6000")
  if(from LESS 0)
    set(from 0)
  endif()
  string(SUBSTRING "${output}" ${from} -1 tail)
  message(FATAL_ERROR "dataset_open_fuzzer (${FORMAT}) found a problem (exit ${status}); "
    "reproducer in ${work}/artifacts:\n${tail}")
endif()
