# Views (issue 5): frames per second animating a 1440x721 float field through time in the map
# view (data read included) against NetCDF-C's own read of a step, and the time to export a 4K
# PNG. Writes bench/views_animation.json. Included from tests/bench/CMakeLists.txt.
twinbench_add_test(bench_views_animation SOURCES ViewsAnimationBench.cpp
  LABELS bench LIBRARIES twinbench_viz twinbench_data Qt6::Concurrent netCDF::netcdf TIMEOUT 900)
