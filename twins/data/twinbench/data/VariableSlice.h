#pragma once

#include "twinbench/data/DataError.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace twins::data {

class Dataset;
struct DatasetVariable;

// A request the caller got wrong (unknown dimension, index out of range, too many dimensions
// left): the CLI reports these as usage errors (exit 2), not as failures to read the file.
class SliceRequestError : public DataError {
public:
    using DataError::DataError;
};

// CF-decoded values of one variable with some dimensions fixed at an index, in storage order
// (no reordering: what the file holds along the remaining dimensions).
struct VariableSlice {
    std::vector<std::string> dimensions;   // the remaining dimensions, in order
    std::vector<std::size_t> shape;        // their lengths
    std::vector<std::vector<double>> axes; // coordinate values (or indices) per dimension
    std::vector<bool> axisIsIndex;         // true when no coordinate variable exists
    std::vector<double> values;            // C order; NaN where masked
};

// Every dimension named in `fixed` is fixed at its index; the others remain. Throws
// SliceRequestError (path, variable, reason) for a dimension the variable does not have, an
// index out of range, or more than maxRemaining dimensions left; DataError for read failures.
VariableSlice readVariableSlice(const Dataset& dataset, const DatasetVariable& variable,
                                const std::map<std::string, std::size_t>& fixed,
                                std::size_t maxRemaining = 2);

} // namespace twins::data
