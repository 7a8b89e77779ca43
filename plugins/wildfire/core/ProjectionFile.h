#pragma once

#include "RegionalChange.h"
#include "VariabilityThreshold.h"

#include <string>
#include <utility>
#include <vector>

namespace wildfire {

// project's map output, outputs/projection.nc (CF NetCDF-4, on latitude x longitude, the
// period's mean; NaN where a period has no prediction):
// - burned_probability_historical, burned_probability_scenario: the members' mean probability
//   that a cell burns in an 8-day step;
// - burned_probability_change: scenario - historical (members' mean), its ancillary variables
//   the members' own changes and their sign agreement;
// - burned_probability_change_members (realization, latitude, longitude): each member's change,
//   the ensemble the workspace's hatching (Properties > Uncertainty > Hatching) classifies;
//   its attribute variability_threshold (with variability_sigma and variability_years) is the
//   run's own approach-B threshold, left out when it cannot be estimated (one year);
// - sign_agreement: share of members agreeing on the sign of the mean change;
// - robust_change: the mean change where at least 80% of the members agree on its sign, missing
//   (grey) where they disagree.
// Written under a temporary name and renamed when complete.
void writeProjectionFile(const std::string& path, const std::vector<double>& latitudes,
                         const std::vector<double>& longitudes, std::size_t members,
                         const CellChanges& changes,
                         const std::vector<std::pair<std::string, std::string>>& attributes,
                         const VariabilityThreshold& variability, const std::string& runId);

} // namespace wildfire
