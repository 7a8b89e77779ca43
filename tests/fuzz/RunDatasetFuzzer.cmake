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
file(MAKE_DIRECTORY "${corpus}" "${work}/artifacts" "${work}/artifacts-reports")
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
# NetCDF/HDF5 library got stuck on a corrupt heap (see DatasetOpenFuzzer.cpp) and go on, and,
# with the ignore_* flags, lets the campaign run its whole time past findings: each finding is
# reproduced afterwards and judged by where it happened (below).
set(asan_options "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:allocator_may_return_null=1")
set(limits -timeout=30 -rss_limit_mb=3072 -malloc_limit_mb=1024)
file(GLOB artifacts_before "${work}/artifacts/*")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env "${asan_options}" "UBSAN_OPTIONS=print_stacktrace=1"
    "TWINBENCH_FUZZ_FORMAT=${FORMAT}"
    "${BINARY}/build/dataset_open_fuzzer" -fork=1 -ignore_crashes=1 -ignore_timeouts=1
    -ignore_ooms=1 -max_total_time=${SECONDS} ${limits} -print_final_stats=1
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

# Every new finding, reproduced alone and judged by the first stack frame that is neither the
# sanitizer's nor libFuzzer's nor the allocator's: in the project's code (twins/) it fails the
# test; inside a library (HDF5, NetCDF-C, GDAL, zlib...) it is listed as a library finding,
# which the GUI contains by probing files in a throwaway process (tests/fuzz/README.md).
file(GLOB artifacts_after "${work}/artifacts/*")
list(REMOVE_ITEM artifacts_after ${artifacts_before} "")
set(project_findings "")
set(library_findings "")
foreach(artifact ${artifacts_after})
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env "${asan_options}" "UBSAN_OPTIONS=print_stacktrace=1"
      "TWINBENCH_FUZZ_FORMAT=${FORMAT}" "${BINARY}/build/dataset_open_fuzzer" ${limits}
      "${artifact}"
    RESULT_VARIABLE replay_status OUTPUT_VARIABLE replay ERROR_VARIABLE replay)
  get_filename_component(name "${artifact}" NAME)
  file(WRITE "${work}/artifacts-reports/${name}.txt" "${replay}")
  string(REGEX MATCHALL "#[0-9]+ 0x[0-9a-f]+ in [^\n]*" frames "${replay}")
  set(where "")
  foreach(frame ${frames})
    if(NOT frame MATCHES "__sanitizer|__asan|__ubsan|__interceptor|__lsan|fuzzer::|libclang_rt|[ (]malloc|[ (]calloc|[ (]realloc|operator new|__libc|_start|LLVMFuzzerTestOneInput|/libc\\.so|sysdeps/|__mem(cpy|move|set)")
      set(where "${frame}")
      break()
    endif()
  endforeach()
  if(replay_status EQUAL 0)
    list(APPEND library_findings "${name} (not reproduced alone)")
  elseif(where MATCHES "/twins/|twins::")
    list(APPEND project_findings "${name}: ${where}")
  else()
    string(REGEX REPLACE "^#[0-9]+ 0x[0-9a-f]+ in " "" where "${where}")
    list(APPEND library_findings "${name}: ${where}")
  endif()
endforeach()
list(LENGTH project_findings project_count)
list(LENGTH library_findings library_count)
string(APPEND summary ", ${project_count} finding(s) in the project's code, ${library_count} inside libraries")
foreach(finding ${library_findings})
  string(APPEND summary "\n  library: ${finding}")
endforeach()
foreach(finding ${project_findings})
  string(APPEND summary "\n  PROJECT: ${finding}")
endforeach()
file(WRITE "${work}/summary.txt" "${summary}\n")
message(STATUS "${summary}\nlog ${work}/last-run.log, replays in ${work}/artifacts-reports")
if(project_count GREATER 0)
  message(FATAL_ERROR "dataset_open_fuzzer (${FORMAT}) crashed in the project's code; "
    "reproducers in ${work}/artifacts, their reports in ${work}/artifacts-reports")
endif()
if(NOT fields EQUAL 5)
  message(FATAL_ERROR "dataset_open_fuzzer (${FORMAT}) did not run (exit ${status}); see "
    "${work}/last-run.log")
endif()
