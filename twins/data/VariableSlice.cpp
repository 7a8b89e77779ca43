#include "twinbench/data/VariableSlice.h"

#include "twinbench/data/Dataset.h"

#include <algorithm>

namespace twins::data {

VariableSlice readVariableSlice(const Dataset& dataset, const DatasetVariable& variable,
                                const std::map<std::string, std::size_t>& fixed,
                                std::size_t maxRemaining) {
    for (const auto& [dimension, index] : fixed) {
        const auto found =
            std::find(variable.dimensions.begin(), variable.dimensions.end(), dimension);
        if (found == variable.dimensions.end()) {
            std::string known;
            for (const std::string& name : variable.dimensions) {
                known += (known.empty() ? "" : ", ") + name;
            }
            throw SliceRequestError(dataset.path(), variable.path,
                                    "has no dimension '" + dimension + "' (its dimensions: " +
                                        (known.empty() ? "none" : known) + ")");
        }
        const std::size_t axis = static_cast<std::size_t>(found - variable.dimensions.begin());
        if (index >= variable.shape[axis]) {
            throw SliceRequestError(
                dataset.path(), variable.path,
                "index " + std::to_string(index) + " is out of range for '" + dimension +
                    "' (length " + std::to_string(variable.shape[axis]) + ", valid 0.." +
                    std::to_string(variable.shape[axis] == 0 ? 0 : variable.shape[axis] - 1) + ")");
        }
    }
    VariableSlice slice;
    Hyperslab slab;
    for (std::size_t axis = 0; axis < variable.rank(); ++axis) {
        const std::string& dimension = variable.dimensions[axis];
        const auto chosen = fixed.find(dimension);
        if (chosen != fixed.end()) {
            slab.start.push_back(chosen->second);
            slab.count.push_back(1);
            continue;
        }
        slab.start.push_back(0);
        slab.count.push_back(variable.shape[axis]);
        slice.dimensions.push_back(dimension);
        slice.shape.push_back(variable.shape[axis]);
    }
    if (slice.dimensions.size() > maxRemaining) {
        std::string left;
        for (const std::string& name : slice.dimensions) {
            left += (left.empty() ? "" : ", ") + name;
        }
        throw SliceRequestError(dataset.path(), variable.path,
                                std::to_string(slice.dimensions.size()) + " dimensions remain (" +
                                    left + "); fix all but " + std::to_string(maxRemaining) +
                                    " with dim=index");
    }
    for (std::size_t axis = 0; axis < slice.dimensions.size(); ++axis) {
        const DatasetVariable* coordinate =
            dataset.coordinateVariable(variable, slice.dimensions[axis]);
        if (coordinate != nullptr && coordinate->shape[0] == slice.shape[axis]) {
            slice.axes.push_back(dataset.readDecoded(*coordinate));
            slice.axisIsIndex.push_back(false);
        } else {
            std::vector<double> indices(slice.shape[axis]);
            for (std::size_t i = 0; i < indices.size(); ++i) {
                indices[i] = static_cast<double>(i);
            }
            slice.axes.push_back(std::move(indices));
            slice.axisIsIndex.push_back(true);
        }
    }
    slice.values = dataset.readDecoded(variable, slab);
    return slice;
}

} // namespace twins::data
