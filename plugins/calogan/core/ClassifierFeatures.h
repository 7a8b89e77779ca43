#pragma once

// The high-level features of the classifier two-sample test (issue 23, item 3; CaloChallenge's
// "high-level" classifier): per shower, the 25 layer energies, the 25 + 25 energy-weighted
// centroids of each layer in x and y, and the 25 + 25 widths (standard deviations) in x and y,
// 125 numbers. Centroids and widths are in mm from the window's centre, 0 for an empty layer.
// A shower sample of the reference and one of the generator become two tables of these rows,
// which the classifier tells apart (AUC 0.5: indistinguishable).

#include "Geometry.h"

#include <array>
#include <vector>

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

// What the classifier sees of one shower: the 125 features, each layer energy as
// log10(E_layer / E + 1e-7) (layer energies span five decades between the core and the tail;
// an empty layer is -7), followed by the conditions as the CaloChallenge's classifier gets the
// incident energy: ln(E / 100 GeV) and theta in radians.
inline constexpr int classifierInputCount = classifierFeatureCount + 2;
std::array<float, classifierInputCount> classifierInput(const float* cells, double energyGeV,
                                                        double thetaRad);

// The area under the ROC curve of `scores` for telling label 1 from label 0 (Mann-Whitney U
// over the two groups' sizes, ties counted half): the probability that a random label-1 row
// scores above a random label-0 row. NaN when either label is absent.
double rocAuc(const std::vector<double>& scores, const std::vector<int>& labels);

// The ROC curve of the same: one point per distinct score, from (0, 0) (nothing called label
// 1) to (1, 1), each the share of label-0 rows (false positive rate) and of label-1 rows (true
// positive rate) scoring at or above it. Its trapezoid area is rocAuc. Empty when either label
// is absent.
struct RocPoint {
    double falsePositiveRate = 0.0, truePositiveRate = 0.0;
};
std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<int>& labels);

} // namespace calo
