#pragma once

#include "twinbench/data/Dataset.h"

#include <QStringList>

#include <memory>
#include <string>
#include <utility>
#include <vector>

// What validate reads: its two inputs (an infer run's burned probabilities and the cube they
// predicted) and the infer file step by step.
namespace wildfire {

struct ValidateInputs {
    std::string probability; // burned_probability.nc
    std::string cube;        // cube.nc or cube.zarr
};

// Throws SdkError naming an input that is neither, or two of one kind.
ValidateInputs classifyValidateInputs(const QStringList& inputs);

// A global text attribute of the dataset, "" when absent.
std::string globalText(const twins::data::Dataset& dataset, const std::string& name);

// "2001 2016" -> {2001, 2016}; {0, 0} when absent.
std::pair<int, int> yearsAttribute(const std::string& text);

// The probabilities of one infer step, their spread and, when the models had the regression
// head, the expected burned area (ha; `area` null otherwise).
struct ProbabilityReader {
    std::shared_ptr<twins::data::Dataset> dataset;
    const twins::data::DatasetVariable* mean = nullptr;
    const twins::data::DatasetVariable* spread = nullptr;
    const twins::data::DatasetVariable* area = nullptr;
    std::vector<double> days;
    std::size_t rows = 0, columns = 0;

    // Throws WildfireError naming the file when it is not an infer output.
    explicit ProbabilityReader(const std::string& path);
    std::vector<double> read(const twins::data::DatasetVariable& variable, std::size_t step) const;
};

} // namespace wildfire
