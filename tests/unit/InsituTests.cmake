# In-situ publishing (twins/insitu, issue 24): the API, extract writer, settings and common run
# parameters directly (~1 s).
twinbench_add_test(test_insitu_publisher SOURCES InsituPublisherTest.cpp
  LABELS unit LIBRARIES twinbench_insitu netCDF::netcdf)
