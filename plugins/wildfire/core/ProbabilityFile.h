#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace twins::data {
class NetcdfWriter;
} // namespace twins::data

namespace wildfire {

// infer's output, outputs/burned_probability.nc (CF NetCDF-4): on (time, latitude, longitude),
// time the start of each predicted (target) 8-day step as in the cube,
// - burned_probability: the ensemble mean of the probability that the cell burns in the step
//   (fcci_ba > 0), cell_methods "realization: mean", ancillary_variables naming the spread;
// - burned_probability_spread: the standard deviation over the members (models x Monte Carlo
//   dropout passes), cell_methods "realization: standard_deviation";
// - with `withArea` (every model has the regression head): expected_burned_area (ha, the
//   members' mean of their expm1(log1p) burned area, averaged in hectares), ancillary variable
//   expected_burned_area_spread (their standard deviation, ha);
// all NaN at sea (lsm < 0.5) and where a driver had a hole. Written under a temporary name and
// renamed by commit().
class ProbabilityFile {
public:
    ProbabilityFile(const std::string& path, const std::vector<double>& daysSince2001,
                    const std::vector<double>& latitudes, const std::vector<double>& longitudes,
                    const std::vector<std::pair<std::string, std::string>>& attributes,
                    const std::string& runId, bool withArea = false);
    ~ProbabilityFile();

    void writeStep(std::size_t index, const std::vector<float>& mean,
                   const std::vector<float>& spread);
    // Only for a file made withArea.
    void writeArea(std::size_t index, const std::vector<float>& mean,
                   const std::vector<float>& spread);
    void commit();

    static constexpr const char* meanName = "burned_probability";
    static constexpr const char* spreadName = "burned_probability_spread";
    static constexpr const char* areaName = "expected_burned_area";
    static constexpr const char* areaSpreadName = "expected_burned_area_spread";

private:
    std::unique_ptr<twins::data::NetcdfWriter> m_writer;
    std::size_t m_rows;
    std::size_t m_columns;
};

} // namespace wildfire
