#pragma once

#include "CubeFields.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wildfire {

// The mean and standard deviation of every variable over its valid cells (SeasfireVariables.h)
// and every step, accumulated from the values as written (float32), for comparison with
// SeasFire v3's published statistics. Sums are kept in double around the published mean, so
// 60 million values lose no precision to cancellation.
class CubeStatistics {
public:
    struct Row {
        std::string name;
        std::string units;
        std::string validCells;
        std::uint64_t count = 0;
        double mean = 0.0;
        double std = 0.0;
        double publishedMean = 0.0;
        double publishedStd = 0.0;
        double meanTolerance = 0.0; // absolute
        bool meanWithin = false;
        bool stdWithin = false;
    };

    explicit CubeStatistics(const std::vector<float>& landFraction);

    void add(const CubeFields& fields);
    // Rows in SeasfireVariables order. Means within 25% (temperatures within 3 K) and standard
    // deviations within 25% of the published ones pass.
    std::vector<Row> rows() const;
    // Writes the rows as CSV (atomically): variable, units, valid_cells, count, mean, std,
    // published_mean, published_std, mean_tolerance, mean_pass, std_pass.
    void writeCsv(const std::string& path) const;

private:
    struct Sums {
        std::uint64_t count = 0;
        double shifted = 0.0;  // sum of (x - published mean)
        double shifted2 = 0.0; // sum of (x - published mean)^2
    };
    void addValue(Sums& sums, double shift, float value) const;

    std::vector<float> m_landFraction;
    std::vector<Sums> m_sums; // one per variable, SeasfireVariables order
};

} // namespace wildfire
