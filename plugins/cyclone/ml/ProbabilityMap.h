#pragma once

#include "PatchDetections.h"
#include "PatchGrid.h"
#include "twinbench/data/NetcdfWriter.h"

#include <string>
#include <vector>

namespace cyclone {

// probability.nc of an infer run: the detection-probability density of the ensemble. On cells of
// about 1 degree (blocks of round(1 / spacing) grid points), `probability(time, latitude,
// longitude)` is the share of ensemble members that place a cyclone centre (confidence at or
// above the threshold) in the cell at that step, and `mean_probability(latitude, longitude)`
// its mean over the steps: the expected number of centres per cell and step. Raw members, no
// outlier removal or consensus: it shows where the ensemble disagrees.
class ProbabilityMapWriter {
public:
    ProbabilityMapWriter(const std::string& path, const PatchGrid& grid,
                         const std::vector<CfDateTime>& times, CfCalendar calendar,
                         const std::string& runId);
    void addStep(std::size_t step, const StepPredictions& predictions, double threshold);
    void commit();

    std::size_t blockSize() const { return m_block; }

private:
    twins::data::NetcdfWriter m_writer;
    const PatchGrid& m_grid;
    std::size_t m_block;
    std::size_t m_rows;
    std::size_t m_columns;
    std::size_t m_steps = 0;
    std::vector<float> m_step;
    std::vector<double> m_sum;
};

} // namespace cyclone
