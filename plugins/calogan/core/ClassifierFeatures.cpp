#include "ClassifierFeatures.h"

#include "ShowerSimulator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace calo {

std::array<double, classifierFeatureCount> ClassifierFeatures::row() const {
    std::array<double, classifierFeatureCount> values{};
    const std::array<const std::array<double, layers>*, 5> parts{
        &layerEnergyGeV, &centroidXMm, &centroidYMm, &widthXMm, &widthYMm};
    for (std::size_t part = 0; part < parts.size(); ++part) {
        std::copy(parts[part]->begin(), parts[part]->end(), values.begin() + part * layers);
    }
    return values;
}

ClassifierFeatures classifierFeatures(const float* cells) {
    ClassifierFeatures features;
    std::array<double, layers> sx{}, sy{}, sxx{}, syy{};
    for (int x = 0; x < cellsX; ++x) {
        // Pad centres in mm from the window's centre (pad 25 of 51 is centred on it).
        const double px = (x - 0.5 * (cellsX - 1)) * cellSizeMm;
        for (int y = 0; y < cellsY; ++y) {
            const double py = (y - 0.5 * (cellsY - 1)) * cellSizeMm;
            for (int layer = 0; layer < layers; ++layer) {
                const double e = cells[cellIndex(x, y, layer)];
                features.layerEnergyGeV[layer] += e;
                sx[layer] += e * px, sy[layer] += e * py;
                sxx[layer] += e * px * px, syy[layer] += e * py * py;
            }
        }
    }
    for (int layer = 0; layer < layers; ++layer) {
        const double e = features.layerEnergyGeV[layer];
        if (!(e > 0.0)) {
            continue;
        }
        const double mx = sx[layer] / e, my = sy[layer] / e;
        features.centroidXMm[layer] = mx;
        features.centroidYMm[layer] = my;
        features.widthXMm[layer] = std::sqrt(std::max(0.0, sxx[layer] / e - mx * mx));
        features.widthYMm[layer] = std::sqrt(std::max(0.0, syy[layer] / e - my * my));
    }
    return features;
}

std::array<float, classifierInputCount> classifierInput(const float* cells, double energyGeV,
                                                        double thetaRad) {
    const ClassifierFeatures features = classifierFeatures(cells);
    const auto row = features.row();
    std::array<float, classifierInputCount> input{};
    for (int i = 0; i < classifierFeatureCount; ++i) {
        input[i] = float(row[i]);
    }
    for (int layer = 0; layer < layers; ++layer) {
        input[layer] = float(std::log10(features.layerEnergyGeV[layer] / energyGeV + 1e-7));
    }
    input[classifierFeatureCount] = float(std::log(energyGeV / 100.0));
    input[classifierFeatureCount + 1] = float(thetaRad);
    return input;
}

double rocAuc(const std::vector<double>& scores, const std::vector<int>& labels) {
    std::vector<std::size_t> order(scores.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    // Sum of the label-1 rows' ranks (1-based), tied scores sharing their mean rank.
    double rankSum = 0.0, positives = 0.0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && scores[order[j]] == scores[order[i]]) {
            ++j;
        }
        const double rank = 0.5 * double(i + 1 + j); // mean of ranks i+1 .. j
        for (std::size_t k = i; k < j; ++k) {
            if (labels[order[k]] == 1) {
                rankSum += rank;
                positives += 1.0;
            }
        }
        i = j;
    }
    const double negatives = double(scores.size()) - positives;
    if (positives == 0.0 || negatives == 0.0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return (rankSum - positives * (positives + 1.0) / 2.0) / (positives * negatives);
}

std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<int>& labels) {
    std::vector<std::size_t> order(scores.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    // Highest score first: lowering the threshold past each distinct score adds its rows.
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    const auto positives = double(std::count(labels.begin(), labels.end(), 1));
    const double negatives = double(labels.size()) - positives;
    if (positives == 0.0 || negatives == 0.0) {
        return {};
    }
    std::vector<RocPoint> curve{{0.0, 0.0}};
    double truePositives = 0.0, falsePositives = 0.0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && scores[order[j]] == scores[order[i]]) {
            (labels[order[j]] == 1 ? truePositives : falsePositives) += 1.0;
            ++j;
        }
        curve.push_back({falsePositives / negatives, truePositives / positives});
        i = j;
    }
    return curve;
}

} // namespace calo
