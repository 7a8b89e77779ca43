#include "ShowersSnapshot.h"

#include "Geometry.h"
#include "ShowerSimulator.h"

#include <algorithm>
#include <numbers>
#include <string>

namespace calo {

twins::insitu::Snapshot showersSnapshot(std::int64_t step, std::size_t count, const float* cells,
                                        const double* energiesGeV, const double* thetasRad) {
    using namespace twins::insitu;
    Snapshot snapshot;
    snapshot.stream = "showers";
    snapshot.step = step;
    snapshot.time = static_cast<double>(step);
    snapshot.timeUnits = "1"; // the block's number, not a date
    Axis layer{"layer", "", "", {}};
    Axis y{"y", "mm", "", {}};
    Axis x{"x", "mm", "", {}};
    for (int index = 0; index < layers; ++index) {
        layer.values.push_back(index);
    }
    for (int index = 0; index < cellsY; ++index) {
        y.values.push_back((index - (cellsY - 1) / 2.0) * cellSizeMm);
    }
    for (int index = 0; index < cellsX; ++index) {
        x.values.push_back((index - (cellsX - 1) / 2.0) * cellSizeMm);
    }
    snapshot.axes = {layer, y, x};
    const std::size_t published = std::min(count, publishedShowersPerBlock);
    for (std::size_t shower = 0; shower < published; ++shower) {
        const float* image = cells + shower * cellsPerShower;
        const double thetaDeg = thetasRad[shower] * 180.0 / std::numbers::pi;
        GridField field{"ecal_" + std::to_string(shower),
                        "GeV",
                        "visible energy of shower " + std::to_string(shower) + " of the block",
                        "",
                        {"layer", "y", "x"},
                        std::vector<float>(cellsPerShower)};
        // The file's (x, y, layer) order turned into (layer, y, x): x fastest, as ParaView's
        // image data wants it, and the GUI's slice at a depth is the transverse image.
        for (int l = 0; l < layers; ++l) {
            for (int j = 0; j < cellsY; ++j) {
                for (int i = 0; i < cellsX; ++i) {
                    field.values[(static_cast<std::size_t>(l) * cellsY + j) * cellsX + i] =
                        image[cellIndex(i, j, l)];
                }
            }
        }
        snapshot.fields.push_back(std::move(field));
        snapshot.scalars.push_back(
            {"energy_gev_" + std::to_string(shower), "GeV", energiesGeV[shower]});
        snapshot.scalars.push_back({"theta_deg_" + std::to_string(shower), "degree", thetaDeg});
    }
    return snapshot;
}

} // namespace calo
