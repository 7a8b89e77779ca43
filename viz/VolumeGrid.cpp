#include "twinbench/viz/VolumeGrid.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace twins::viz {

void validateVolume(const VolumeGrid& grid) {
    const std::string what =
        grid.title.isEmpty() ? "the volume" : "'" + grid.title.toStdString() + "'";
    for (int axis = 0; axis < 3; ++axis) {
        if (grid.dims[axis] < 1) {
            throw VolumeError(what + ": axis " + std::to_string(axis) + " (" +
                              grid.axisNames[axis].toStdString() + ") has " +
                              std::to_string(grid.dims[axis]) + " cells; at least 1 needed");
        }
        if (!std::isfinite(grid.spacing[axis]) || !(grid.spacing[axis] > 0.0)) {
            throw VolumeError(what + ": the spacing along " + grid.axisNames[axis].toStdString() +
                              " must be finite and positive, got " +
                              std::to_string(grid.spacing[axis]));
        }
    }
    const std::size_t expected =
        static_cast<std::size_t>(grid.dims[0]) * grid.dims[1] * grid.dims[2];
    if (grid.values.size() != expected) {
        throw VolumeError(what + " has " + std::to_string(grid.values.size()) + " values; " +
                          std::to_string(grid.dims[0]) + "x" + std::to_string(grid.dims[1]) + "x" +
                          std::to_string(grid.dims[2]) + " cells need " + std::to_string(expected));
    }
    if (std::none_of(grid.values.begin(), grid.values.end(),
                     [](float value) { return std::isfinite(value); })) {
        throw VolumeError(what + " has no finite value");
    }
}

Projection2D sumAlong(const VolumeGrid& grid, int axis) {
    validateVolume(grid);
    if (axis < 0 || axis > 2) {
        throw VolumeError("a volume has axes 0, 1 and 2; cannot sum along axis " +
                          std::to_string(axis));
    }
    const int nx = grid.dims[0];
    const int ny = grid.dims[1];
    const int nz = grid.dims[2];
    Projection2D image;
    // (column, row) of cell (i, j, k) in each image.
    switch (axis) {
    case 2:
        image.width = nx;
        image.height = ny;
        break;
    case 1:
        image.width = nx;
        image.height = nz;
        break;
    default:
        image.width = nz;
        image.height = ny;
        break;
    }
    image.values.assign(static_cast<std::size_t>(image.width) * image.height, 0.0);
    for (int k = 0; k < nz; ++k) {
        for (int j = 0; j < ny; ++j) {
            for (int i = 0; i < nx; ++i) {
                const float value = grid.at(i, j, k);
                if (!std::isfinite(value)) {
                    continue;
                }
                const int column = axis == 0 ? k : i;
                const int row = axis == 2 ? j : axis == 1 ? k : j;
                image.values[static_cast<std::size_t>(row) * image.width + column] += value;
            }
        }
    }
    return image;
}

} // namespace twins::viz
