# Driven by the ctest test fuzz_dataset_open (label fuzz): writes the seeds, configures and
# builds the clang/libFuzzer project in libfuzzer/, runs the fuzzer for SECONDS and fails when
# it reports a crash (the reproducer stays under BINARY/artifacts). Variables: SOURCE (the
# Twinbench source tree), BINARY (a work directory), SEEDS_TOOL, SECONDS, CLANG, CLANGXX.
foreach(required SOURCE BINARY SEEDS_TOOL SECONDS CLANG CLANGXX)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "RunDatasetFuzzer.cmake needs -D${required}=...")
  endif()
endforeach()

set(seeds "${BINARY}/seeds")
set(corpus "${BINARY}/corpus")
file(REMOVE_RECURSE "${seeds}" "${corpus}")
file(MAKE_DIRECTORY "${seeds}" "${corpus}" "${BINARY}/artifacts")

execute_process(COMMAND "${SEEDS_TOOL}" "${seeds}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "dataset_fuzz_seeds failed (${status})")
endif()
# NetCDF-3 classic and CDF-5 seeds from CDL, a GeoTIFF from gdal_create (both Debian tools of
# TEST_PACKAGES); a missing tool only means one seed fewer.
file(WRITE "${BINARY}/seed3.cdl" "netcdf seed3 {\ndimensions:\n time = UNLIMITED ;\n x = 5 ;\n"
  "variables:\n double x(x) ;\n  x:units = \"m\" ;\n short v(time, x) ;\n  v:_FillValue = -1s ;\n"
  "  v:scale_factor = 0.5 ;\n  v:_Unsigned = \"true\" ;\n:Conventions = \"CF-1.10\" ;\n"
  "data:\n x = 1, 2, 3, 4, 5 ;\n v = 1, 2, 3, -1, 5, 6, 7, 8, 9, 10 ;\n}\n")
find_program(NCGEN ncgen)
find_program(GDAL_CREATE gdal_create)
if(NCGEN)
  execute_process(COMMAND "${NCGEN}" -k classic -o "${seeds}/seed3.nc" "${BINARY}/seed3.cdl")
  execute_process(COMMAND "${NCGEN}" -k cdf5 -o "${seeds}/seed5.nc" "${BINARY}/seed3.cdl")
endif()
if(GDAL_CREATE)
  execute_process(COMMAND "${GDAL_CREATE}" -q -of GTiff -outsize 6 4 -bands 1 -ot Int16
    -burn 7 -a_srs EPSG:4326 -a_ullr 0 4 6 0 "${seeds}/seed.tif")
endif()
file(GLOB seed_files "${seeds}/*")
list(LENGTH seed_files seed_count)
message(STATUS "fuzz: ${seed_count} seeds in ${seeds}")

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
    "${BINARY}/build/dataset_open_fuzzer" -fork=1 -ignore_crashes=0 -ignore_timeouts=0
    -ignore_ooms=0 -max_total_time=${SECONDS} -timeout=30
    -rss_limit_mb=3072 -malloc_limit_mb=1024 -print_final_stats=1
    "-artifact_prefix=${BINARY}/artifacts/" "${corpus}" "${seeds}"
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
file(WRITE "${BINARY}/last-run.log" "${output}")
# Fork mode prints one status line per finished worker job; the last one has the totals.
string(REGEX MATCHALL "#[0-9]+: cov: [0-9]+ ft: [0-9]+ corp: [0-9]+ exec/s [0-9]+ oom/timeout/crash: [0-9/]+ time: [0-9]+s job: [0-9]+" progress "${output}")
list(POP_BACK progress last)
message(STATUS "fuzz: ${last}; log ${BINARY}/last-run.log")
if(NOT status EQUAL 0)
  string(LENGTH "${output}" length)
  math(EXPR from "${length} - 6000")
  if(from LESS 0)
    set(from 0)
  endif()
  string(SUBSTRING "${output}" ${from} -1 tail)
  message(FATAL_ERROR "dataset_open_fuzzer found a problem (exit ${status}); reproducer in "
    "${BINARY}/artifacts:\n${tail}")
endif()
