#pragma once

#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/Hatching.h"
#include "twinbench/widgets/TimeSlider.h"

#include <QString>

#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace twins::data {
class Dataset;
}

namespace twins::app {

// Why two files cannot be compared: a missing variable, or different grids (the message names
// both shapes).
class ComparisonError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Scenario comparison (issue 21 item 3): the same variable of two runs or files, A and B, on
// one grid, and A-B. With ensemble members (a dimension named member, realization, ...; see
// viz::isEnsembleDimensionName) A and B are the members' means and A-B is their difference;
// A-B is hatched where |mean(A) - mean(B)| < the pooled standard deviation of the members,
//   s_p = sqrt(((n_A - 1) s_A^2 + (n_B - 1) s_B^2) / (n_A + n_B - 2)),
// i.e. where the difference is smaller than the members' own spread.
struct ComparisonSlices {
    data::FieldSlice a;
    data::FieldSlice b;
    data::FieldSlice difference; // A - B, its range symmetric about 0
    // The hatched cells (NoRobustSignal) with ensemble members; none without.
    std::optional<viz::RobustnessMap> hatching;
    int membersA = 0; // 0 without an ensemble dimension
    int membersB = 0;
    std::size_t hatchedCells = 0;
    // The dimensions a slider moves (every one before the last two but the members').
    std::vector<widgets::SliceDimension> dimensions;
};

// The rule stated in the legend of a hatched A-B.
QString hatchingRule();

// Reads `variable` of both files at `indices` (the member dimension, if any, is averaged) and
// computes A-B. Throws ComparisonError when a file lacks the variable or the grids differ
// ("A: a.nc field is 8 x 8 (y, x); B: b.nc field is 16 x 16 (y, x)"), DataError on read
// failures. Blocking file I/O: call it off the GUI thread.
ComparisonSlices compareFields(const data::Dataset& a, const data::Dataset& b,
                               const std::string& variable,
                               const std::map<std::string, std::size_t>& indices,
                               bool describeDimensions);

} // namespace twins::app
