#pragma once

#include <QString>

#include <array>
#include <stdexcept>
#include <vector>

namespace twins::viz {

class VolumeError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// A 3-D grid of values, e.g. a calorimeter shower (51 x 51 cells x 25 layers), as plain
// numbers so the volume view depends on no plugin. Axis 0 (x) varies fastest:
// values[(k * dims[1] + j) * dims[0] + i] is cell (i, j, k). NaN marks a missing cell.
struct VolumeGrid {
    std::vector<float> values;
    std::array<int, 3> dims{0, 0, 0};
    std::array<double, 3> spacing{1.0, 1.0, 1.0}; // cell size along each axis
    std::array<QString, 3> axisNames{QStringLiteral("x"), QStringLiteral("y"),
                                     QStringLiteral("layer")};
    std::array<QString, 3> axisUnits{QStringLiteral("cell"), QStringLiteral("cell"), QString()};
    QString name = QStringLiteral("Energy");
    QString units = QStringLiteral("MeV");
    QString title;

    float at(int i, int j, int k) const {
        return values[(static_cast<std::size_t>(k) * dims[1] + j) * dims[0] + i];
    }
};

// Checks the sizes and spacing and that some value is finite; throws VolumeError saying what.
void validateVolume(const VolumeGrid& grid);

// A 2-D image, `width` x `height`, row-major with row 0 at the bottom.
struct Projection2D {
    int width = 0;
    int height = 0;
    std::vector<double> values;
    double at(int column, int row) const {
        return values[static_cast<std::size_t>(row) * width + column];
    }
};

// The grid summed along one axis (NaN cells count as 0): along axis 2 gives the x-y image
// (x across, y up), along axis 1 the x-layer image (x across, layer up), along axis 0 the
// layer-y image (layer across, y up), the orientation the volume view draws them in.
Projection2D sumAlong(const VolumeGrid& grid, int axis);

} // namespace twins::viz
