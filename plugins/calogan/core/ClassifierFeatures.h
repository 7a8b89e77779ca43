#pragma once

// The high-level features of the classifier two-sample test (issue 23, item 3; CaloChallenge's
// "high-level" classifier): per shower, the 25 layer energies, the 25 + 25 energy-weighted
// centroids of each layer in x and y, and the 25 + 25 widths (standard deviations) in x and y,
// 125 numbers. Centroids and widths are in mm from the window's centre, 0 for an empty layer.
// A shower sample of the reference and one of the generator become two tables of these rows,
// which the classifier tells apart (AUC 0.5: indistinguishable).

#include "Geometry.h"

#include <array>

namespace calo {

inline constexpr int classifierFeatureCount = 5 * layers;

struct ClassifierFeatures {
    std::array<double, layers> layerEnergyGeV{};
    std::array<double, layers> centroidXMm{}, centroidYMm{};
    std::array<double, layers> widthXMm{}, widthYMm{};

    // The 125 numbers in the order above.
    std::array<double, classifierFeatureCount> row() const;
};

// cells: one shower, cellsPerShower values in cellIndex order.
ClassifierFeatures classifierFeatures(const float* cells);

} // namespace calo
