#include "twinbench/data/FieldSlice.h"

#include "twinbench/data/CfDecoding.h"
#include "twinbench/data/CfGrid.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/LongitudeView.h"
#include "twinbench/data/NetcdfFile.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace twins::data {

namespace {

struct Axis {
    std::string name;
    std::string units;
    std::vector<double> values;
    bool descending = false;
};

// Coordinate values of one dimension: the CF coordinate variable if the file has a usable one,
// otherwise 0..n-1 (the view then labels the axis with the dimension name and no units).
Axis readAxis(const NetcdfFile& file, const std::string& dimension, std::size_t length) {
    Axis axis;
    axis.name = dimension;
    const VariableInfo* coordinate = file.findVariable(dimension);
    if (coordinate != nullptr && coordinate->isCoordinate() && coordinate->shape[0] == length &&
        coordinate->isNumeric()) {
        axis.values = file.readDecoded(dimension, {0}, {length});
        axis.units = coordinate->units();
        const bool allFinite = std::all_of(axis.values.begin(), axis.values.end(),
                                           [](double value) { return std::isfinite(value); });
        if (allFinite) {
            bool ascending = true;
            bool descending = true;
            for (std::size_t i = 1; i < length; ++i) {
                ascending = ascending && axis.values[i] > axis.values[i - 1];
                descending = descending && axis.values[i] < axis.values[i - 1];
            }
            if (ascending || descending) {
                axis.descending = descending && length > 1;
                if (axis.descending) {
                    std::reverse(axis.values.begin(), axis.values.end());
                }
                return axis;
            }
        }
        // A non-monotonic or partly missing coordinate cannot place the grid; fall back to
        // indices rather than draw a scrambled picture.
    }
    axis.units.clear();
    axis.values.resize(length);
    for (std::size_t i = 0; i < length; ++i) {
        axis.values[i] = static_cast<double>(i);
    }
    return axis;
}

// Copies a decoded (y, x) block into slice.values with both axes ascending (flipping the ones
// the file stores descending) and records the range of the finite values. Shared by both
// readFieldSlice overloads so the NetCDF and the Dataset paths orient fields identically.
void orientAndSummarise(FieldSlice& slice, const std::vector<double>& decoded, bool xDescending,
                        bool yDescending) {
    const std::size_t width = slice.width;
    const std::size_t height = slice.height;
    slice.values.resize(width * height);
    double minimum = std::numeric_limits<double>::infinity();
    double maximum = -std::numeric_limits<double>::infinity();
    for (std::size_t row = 0; row < height; ++row) {
        const std::size_t sourceRow = yDescending ? height - 1 - row : row;
        for (std::size_t column = 0; column < width; ++column) {
            const std::size_t sourceColumn = xDescending ? width - 1 - column : column;
            const double value = decoded[sourceRow * width + sourceColumn];
            slice.values[row * width + column] = static_cast<float>(value);
            if (std::isfinite(value)) {
                minimum = std::min(minimum, value);
                maximum = std::max(maximum, value);
                ++slice.finiteCount;
            }
        }
    }
    if (slice.finiteCount > 0) {
        slice.minimum = minimum;
        slice.maximum = maximum;
    }
}

struct DisplayAxis {
    std::string name;
    std::string units;
    std::vector<double> values; // ascending as drawn
    bool descending = false;    // the file stores it descending: flip when drawing
    std::optional<LongitudeView> longitudeView;
};

// Coordinate values of a displayed dimension: its CF coordinate variable when it is numeric,
// finite and monotonic, else 0..n-1 (the view then labels the axis with the dimension name).
DisplayAxis readDisplayAxis(const Dataset& dataset, const DatasetVariable& variable,
                            std::size_t dimensionIndex) {
    const std::string& dimension = variable.dimensions[dimensionIndex];
    const std::size_t length = variable.shape[dimensionIndex];
    DisplayAxis axis;
    axis.name = dimension;
    const DatasetVariable* coordinate = dataset.coordinateVariable(variable, dimension);
    if (coordinate != nullptr && coordinate->isNumeric() && coordinate->rank() == 1 &&
        coordinate->shape[0] == length) {
        std::vector<double> values = dataset.readDecoded(*coordinate);
        const bool allFinite = std::all_of(values.begin(), values.end(),
                                           [](double value) { return std::isfinite(value); });
        bool ascending = allFinite;
        bool descending = allFinite && length > 1;
        for (std::size_t i = 1; i < length && (ascending || descending); ++i) {
            ascending = ascending && values[i] > values[i - 1];
            descending = descending && values[i] < values[i - 1];
        }
        if (ascending || descending) {
            axis.units = coordinate->units();
            axis.descending = descending;
            if (descending) {
                std::reverse(values.begin(), values.end());
            }
            // 0..360 longitudes are drawn as -180..180 so that maps look like maps everyone
            // knows (Europe and Africa in the middle, the Americas on the left).
            if (!descending && isLongitude(*coordinate)) {
                axis.longitudeView = LongitudeView::detect(values);
                if (axis.longitudeView) {
                    values = axis.longitudeView->longitudes();
                }
            }
            axis.values = std::move(values);
            return axis;
        }
        // A non-monotonic or partly missing coordinate cannot place the grid; fall back to
        // indices rather than draw a scrambled picture.
    }
    axis.values.resize(length);
    for (std::size_t i = 0; i < length; ++i) {
        axis.values[i] = static_cast<double>(i);
    }
    return axis;
}

// Decodes the stored (y, x) block straight into slice.values as floats, with both axes
// ascending as drawn: rows flipped when the file stores y descending, columns reversed when x
// is descending, or taken as the longitude view's source runs (0..360 shown as -180..180).
// One pass from the stored values, usually the cache's own chunk, to the drawn field: the
// earlier path (two reads of the longitude halves, each copied out of the chunk, decoded to
// double, copied into one array, then flipped and rounded to float) moved ~40 MB per
// 1440 x 721 step and was half of an animation step's read time.
void decodeOriented(FieldSlice& slice, const RawArray& raw, const CfPacking& packing,
                    const DisplayAxis& xAxis, bool yDescending) {
    const std::size_t width = slice.width;
    const std::size_t height = slice.height;
    const std::vector<std::pair<std::size_t, std::size_t>> runs =
        xAxis.longitudeView ? xAxis.longitudeView->sourceRuns(0, width)
                            : std::vector<std::pair<std::size_t, std::size_t>>{{0, width}};
    slice.values.resize(width * height);
    FiniteRange range;
    for (std::size_t row = 0; row < height; ++row) {
        const std::size_t sourceRow = yDescending ? height - 1 - row : row;
        float* out = slice.values.data() + row * width;
        std::size_t column = 0;
        for (const auto& [sourceStart, count] : runs) {
            decodeCfToFloat(raw, sourceRow * width + sourceStart, count, packing, out + column,
                            range);
            column += count;
        }
        if (xAxis.descending) {
            std::reverse(out, out + width);
        }
    }
    slice.finiteCount = range.count;
    if (range.count > 0) {
        slice.minimum = range.minimum;
        slice.maximum = range.maximum;
    }
}

} // namespace

std::string FieldSlice::title() const {
    std::string text = longName.empty() ? variable : longName;
    if (!units.empty()) {
        text += " [" + units + "]";
    }
    return text;
}

FieldSlice readFieldSlice(const NetcdfFile& file, const std::string& variableName,
                          const std::map<std::string, std::size_t>& leadingIndices) {
    const VariableInfo& info = file.variable(variableName);
    if (info.rank() < 2) {
        throw DataError(file.path(), info.name,
                        "has " + std::to_string(info.rank()) +
                            " dimension(s); a map needs at least 2 (y, x)");
    }
    const std::size_t rank = info.rank();
    const std::size_t height = info.shape[rank - 2];
    const std::size_t width = info.shape[rank - 1];
    if (width == 0 || height == 0) {
        throw DataError(file.path(), info.name, "is empty (a dimension has length 0)");
    }

    FieldSlice slice;
    slice.path = file.path();
    slice.variable = info.name;
    slice.longName = info.longName();
    slice.units = info.units();
    slice.width = width;
    slice.height = height;

    std::vector<std::size_t> start(rank, 0);
    std::vector<std::size_t> count(rank, 1);
    for (std::size_t axis = 0; axis + 2 < rank; ++axis) {
        const std::string& dimension = info.dimensions[axis];
        const auto chosen = leadingIndices.find(dimension);
        const std::size_t index = chosen == leadingIndices.end() ? 0 : chosen->second;
        if (index >= info.shape[axis]) {
            throw DataError(file.path(), info.name,
                            "index " + std::to_string(index) + " is out of range for dimension '" +
                                dimension + "' of length " + std::to_string(info.shape[axis]));
        }
        start[axis] = index;
        slice.fixedIndices.emplace_back(dimension, index);
    }
    count[rank - 2] = height;
    count[rank - 1] = width;

    Axis xAxis = readAxis(file, info.dimensions[rank - 1], width);
    Axis yAxis = readAxis(file, info.dimensions[rank - 2], height);
    const std::vector<double> decoded = file.readDecoded(info.name, start, count);

    orientAndSummarise(slice, decoded, xAxis.descending, yAxis.descending);
    slice.xName = xAxis.name;
    slice.yName = yAxis.name;
    slice.xUnits = xAxis.units;
    slice.yUnits = yAxis.units;
    slice.x = std::move(xAxis.values);
    slice.y = std::move(yAxis.values);
    return slice;
}

FieldSlice readFieldSlice(const Dataset& dataset, const DatasetVariable& variable,
                          const std::map<std::string, std::size_t>& indices) {
    const std::size_t rank = variable.rank();
    if (rank < 2) {
        throw DataError(dataset.path(), variable.path,
                        "has " + std::to_string(rank) +
                            " dimension(s); a map needs at least 2 (y, x)");
    }
    if (!variable.isNumeric()) {
        throw DataError(dataset.path(), variable.path,
                        "holds " + variable.typeName + " values, not numbers to colour");
    }
    const std::size_t height = variable.shape[rank - 2];
    const std::size_t width = variable.shape[rank - 1];
    if (width == 0 || height == 0) {
        throw DataError(dataset.path(), variable.path, "is empty (a dimension has length 0)");
    }

    FieldSlice slice;
    slice.path = dataset.path();
    slice.variable = variable.name;
    slice.longName = variable.longName();
    slice.units = variable.units();
    slice.width = width;
    slice.height = height;

    Hyperslab slab;
    slab.start.assign(rank, 0);
    slab.count.assign(rank, 1);
    for (std::size_t axis = 0; axis + 2 < rank; ++axis) {
        const std::string& dimension = variable.dimensions[axis];
        const auto chosen = indices.find(dimension);
        const std::size_t index = chosen == indices.end() ? 0 : chosen->second;
        if (index >= variable.shape[axis]) {
            throw DataError(dataset.path(), variable.path,
                            "index " + std::to_string(index) + " is out of range for dimension '" +
                                dimension + "' of length " + std::to_string(variable.shape[axis]));
        }
        slab.start[axis] = index;
        slice.fixedIndices.emplace_back(dimension, index);
    }
    slab.count[rank - 2] = height;
    slab.count[rank - 1] = width;

    DisplayAxis xAxis = readDisplayAxis(dataset, variable, rank - 1);
    DisplayAxis yAxis = readDisplayAxis(dataset, variable, rank - 2);
    decodeOriented(slice, *dataset.readShared(variable, slab), dataset.cfPacking(variable), xAxis,
                   yAxis.descending);
    slice.xName = xAxis.name;
    slice.yName = yAxis.name;
    slice.xUnits = xAxis.units;
    slice.yUnits = yAxis.units;
    slice.x = std::move(xAxis.values);
    slice.y = std::move(yAxis.values);
    return slice;
}

} // namespace twins::data
