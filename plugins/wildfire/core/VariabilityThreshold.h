#pragma once

#include <cstddef>
#include <vector>

namespace wildfire {

// IPCC AR6's approach B (WGI Cross-Chapter Box Atlas.1) asks a change of N-year period means
// to exceed the variability those means have by chance: sqrt(2) x 1.645 x sigma / sqrt(N),
// sigma the interannual standard deviation of annual means. Here sigma is the median over land
// cells of each cell's sample standard deviation of its annual means (the members' mean burned
// probability of the historical period), so the threshold is the run's own, for its period's
// length and its model's variability, where a result spec could hold one number only.
struct VariabilityThreshold {
    double threshold = 0.0; // NaN when it cannot be estimated (fewer than 2 years)
    double sigma = 0.0;     // the median interannual standard deviation
    std::size_t years = 0;
    std::size_t cells = 0; // cells with a finite annual mean in every year
};

// annualMeans: one row per year, one value per cell (NaN at sea or without a prediction).
VariabilityThreshold variabilityThreshold(const std::vector<std::vector<double>>& annualMeans);

} // namespace wildfire
