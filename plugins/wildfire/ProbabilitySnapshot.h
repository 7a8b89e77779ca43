#pragma once

#include "twinbench/insitu/Snapshot.h"

#include <vector>

namespace wildfire {

// What infer publishes in situ at a predicted step (issue 24): stream "probability" with the
// ensemble's mean burned probability and its spread (the names of burned_probability.nc) on
// the cube's latitude/longitude grid at the step's CF time, and the mean over land as the
// scalar mean_burned_probability. NaN at sea and where a driver had no value.
twins::insitu::Snapshot probabilitySnapshot(std::int64_t step, double targetDay,
                                            const std::vector<double>& latitudes,
                                            const std::vector<double>& longitudes,
                                            const std::vector<float>& mean,
                                            const std::vector<float>& spread);

} // namespace wildfire
