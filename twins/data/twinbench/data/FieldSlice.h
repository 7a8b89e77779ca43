#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace twins::data {

class Dataset;
struct DatasetVariable;
class NetcdfFile;

// A 2-D slice of a variable, CF-decoded and oriented for display: x and y ascending, row 0 is
// the smallest y (south for latitude). Masked values are NaN.
struct FieldSlice {
    std::string path;
    std::string variable;
    std::string longName;
    std::string units;
    std::string xName; // dimension (or coordinate) names of the two displayed axes
    std::string yName;
    std::string xUnits;
    std::string yUnits;
    std::size_t width = 0;     // number of x points
    std::size_t height = 0;    // number of y points
    std::vector<double> x;     // ascending coordinate values, size width
    std::vector<double> y;     // ascending coordinate values, size height
    std::vector<float> values; // height rows of width values
    // Leading dimensions and the index chosen for each, e.g. "time = 0".
    std::vector<std::pair<std::string, std::size_t>> fixedIndices;
    double minimum = 0.0; // over finite values; both 0 when none are finite
    double maximum = 0.0;
    std::size_t finiteCount = 0;

    float at(std::size_t column, std::size_t row) const { return values[row * width + column]; }
    // "2 m temperature [K]" or the variable name when long_name is missing.
    std::string title() const;
};

// Reads the last two dimensions of a variable as (y, x); every leading dimension is fixed at
// the index given in leadingIndices (by dimension name) or 0. Coordinates come from the CF
// coordinate variables when present, else the indices. Throws DataError with the file and
// variable for a variable of rank < 2, an index out of range, or a failed read.
FieldSlice readFieldSlice(const NetcdfFile& file, const std::string& variable,
                          const std::map<std::string, std::size_t>& leadingIndices = {});

// The same through the Dataset API (any backend), as the GUI shows fields: x and y ascending
// (a descending latitude is flipped so north is up), a 0..360 longitude axis shown as
// -180..180 through LongitudeView. Every other dimension is fixed at its index in `indices`
// (0 when absent). Throws DataError (file, variable, reason) for rank < 2, a non-numeric
// variable, an empty dimension, an index out of range or a failed read.
FieldSlice readFieldSlice(const Dataset& dataset, const DatasetVariable& variable,
                          const std::map<std::string, std::size_t>& indices);

} // namespace twins::data
