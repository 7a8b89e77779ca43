#include "ShowerMetrics.h"

#include "ShowerSimulator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace calo {

namespace {

// Moments of a 1-D energy profile along one axis (cell centres at 0, 1, 2, ...).
template <std::size_t N>
std::array<double, 3> profileMoments(const std::array<double, N>& profile, double sum) {
    if (!(sum > 0.0)) {
        return {};
    }
    double mean = 0.0;
    for (std::size_t i = 0; i < N; ++i) {
        mean += profile[i] * double(i);
    }
    mean /= sum;
    double second = 0.0, third = 0.0;
    for (std::size_t i = 0; i < N; ++i) {
        const double d = double(i) - mean;
        second += profile[i] * d * d;
        third += profile[i] * d * d * d;
    }
    return {mean, second / sum, third / sum};
}

// The indices holding `share` of a profile's energy, smallest first/last trimmed equally.
std::pair<std::size_t, std::size_t> coreRange(const std::vector<double>& profile, double share) {
    double total = 0.0;
    for (double value : profile) {
        total += value;
    }
    const double cut = 0.5 * (1.0 - share) * total;
    std::size_t low = 0, high = profile.size();
    double below = 0.0, above = 0.0;
    while (low + 1 < high && below + profile[low] <= cut) {
        below += profile[low++];
    }
    while (high > low + 1 && above + profile[high - 1] <= cut) {
        above += profile[--high];
    }
    return {low, high};
}

// Mean and largest relative difference per bin over the bins holding 95% of the reference.
std::pair<double, double> profileErrors(const std::vector<double>& reference,
                                        const std::vector<double>& candidate) {
    const auto [low, high] = coreRange(reference, 0.95);
    double error = 0.0, largest = 0.0;
    std::size_t used = 0;
    for (std::size_t i = low; i < high; ++i) {
        if (reference[i] > 0.0) {
            const double relative = std::abs(candidate[i] - reference[i]) / reference[i];
            error += relative;
            largest = std::max(largest, relative);
            ++used;
        }
    }
    if (used == 0) {
        return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    }
    return {error / double(used), largest};
}

double profileError(const std::vector<double>& reference, const std::vector<double>& candidate) {
    return profileErrors(reference, candidate).first;
}

double relative(double reference, double candidate) {
    return std::abs(candidate - reference) / std::abs(reference);
}

} // namespace

ShowerObservables observe(const float* cells, double energyGeV, double thetaRad) {
    ShowerObservables shower;
    shower.energyGeV = energyGeV;
    shower.thetaRad = thetaRad;
    // Per layer: x barycentre for the angle fit.
    std::array<double, layers> layerX{};
    for (int x = 0; x < cellsX; ++x) {
        for (int y = 0; y < cellsY; ++y) {
            const float* column = cells + cellIndex(x, y, 0);
            for (int layer = 0; layer < layers; ++layer) {
                const double value = column[layer];
                if (value <= 0.0) {
                    continue;
                }
                shower.sumGeV += value;
                shower.longitudinal[layer] += value;
                shower.transverseX[x] += value;
                shower.transverseY[y] += value;
                layerX[layer] += value * x;
                shower.hits += value > hitThresholdGeV ? 1 : 0;
            }
        }
    }
    shower.samplingFraction = shower.sumGeV / energyGeV;
    shower.moments[0] = profileMoments(shower.transverseX, shower.sumGeV);
    shower.moments[1] = profileMoments(shower.transverseY, shower.sumGeV);
    shower.moments[2] = profileMoments(shower.longitudinal, shower.sumGeV);
    if (shower.sumGeV > 0.0) {
        shower.maxLayer =
            int(std::max_element(shower.longitudinal.begin(), shower.longitudinal.end()) -
                shower.longitudinal.begin());
    }
    // The shower axis moves along x by cot(theta) per unit depth. An energy-weighted straight
    // line through the per-layer x barycentres gives its slope in pads per layer.
    double w = 0.0, wl = 0.0, wx = 0.0, wll = 0.0, wlx = 0.0;
    int filled = 0;
    for (int layer = 0; layer < layers; ++layer) {
        const double e = shower.longitudinal[layer];
        if (e <= 0.0) {
            continue;
        }
        ++filled;
        const double bx = layerX[layer] / e;
        w += e;
        wl += e * layer;
        wx += e * bx;
        wll += e * layer * layer;
        wlx += e * layer * bx;
    }
    const double denominator = w * wll - wl * wl;
    if (filled >= 2 && denominator > 0.0) {
        const double slope = (w * wlx - wl * wx) / denominator; // pads per layer
        shower.thetaFit = std::atan2(layerPitchMm, slope * cellSizeMm);
    } else {
        shower.thetaFit = std::numeric_limits<double>::quiet_NaN();
    }
    return shower;
}

void addToSpectrum(const float* cells, std::vector<double>& spectrum) {
    spectrum.resize(spectrumBins, 0.0);
    const double width = (spectrumMaxLog10 - spectrumMinLog10) / spectrumBins;
    for (int i = 0; i < cellsPerShower; ++i) {
        if (cells[i] > 0.0f) {
            const int bin =
                int(std::floor((std::log10(double(cells[i])) - spectrumMinLog10) / width));
            spectrum[std::clamp(bin, 0, spectrumBins - 1)] += 1.0;
        }
    }
}

BinAccumulator::BinAccumulator(double energyLow, double energyHigh) {
    m_summary.energyLow = energyLow;
    m_summary.energyHigh = energyHigh;
    m_summary.longitudinal.assign(layers, 0.0);
    m_summary.transverseX.assign(cellsX, 0.0);
    m_summary.transverseY.assign(cellsY, 0.0);
    m_summary.spectrum.assign(spectrumBins, 0.0);
    m_layerFractions.assign(layers, 0.0);
    m_layerProducts.assign(layers * layers, 0.0);
}

void BinAccumulator::add(const ShowerObservables& shower, const float* cells) {
    BinSummary& s = m_summary;
    ++s.showers;
    s.meanEnergy += shower.energyGeV;
    s.samplingFraction += shower.samplingFraction;
    s.samplingFractions.push_back(shower.samplingFraction);
    m_samplingSquares += shower.samplingFraction * shower.samplingFraction;
    for (int i = 0; i < layers; ++i) {
        s.longitudinal[i] += shower.longitudinal[i];
    }
    for (int i = 0; i < cellsX; ++i) {
        s.transverseX[i] += shower.transverseX[i];
    }
    for (int i = 0; i < cellsY; ++i) {
        s.transverseY[i] += shower.transverseY[i];
    }
    for (int axis = 0; axis < 3; ++axis) {
        for (int order = 0; order < 3; ++order) {
            const double m = shower.moments[axis][order];
            s.moments[axis][order] += m;
            m_momentSquares[axis][order] += m * m;
        }
    }
    s.hits += shower.hits;
    s.maxLayer += shower.maxLayer;
    if (!std::isnan(shower.thetaFit)) {
        s.thetaFit += shower.thetaFit;
        ++m_fittedAngles;
    }
    s.thetaTrue += shower.thetaRad;
    addToSpectrum(cells, s.spectrum);
    std::array<double, layers> fraction{};
    for (int l = 0; l < layers; ++l) {
        fraction[l] = shower.energyGeV > 0.0 ? shower.longitudinal[l] / shower.energyGeV : 0.0;
        m_layerFractions[l] += fraction[l];
    }
    for (int l = 0; l < layers; ++l) {
        for (int m = 0; m < layers; ++m) {
            m_layerProducts[l * layers + m] += fraction[l] * fraction[m];
        }
    }
}

BinSummary BinAccumulator::finish() const {
    BinSummary s = m_summary;
    if (s.showers == 0) {
        return s;
    }
    const double n = double(s.showers);
    const auto spread = [n](double sum, double squares) {
        return std::sqrt(std::max(0.0, squares / n - (sum / n) * (sum / n)));
    };
    s.samplingFractionSpread = spread(s.samplingFraction, m_samplingSquares);
    for (int axis = 0; axis < 3; ++axis) {
        for (int order = 0; order < 3; ++order) {
            s.momentSpread[axis][order] =
                spread(s.moments[axis][order], m_momentSquares[axis][order]);
            s.moments[axis][order] /= n;
        }
    }
    s.meanEnergy /= n;
    s.samplingFraction /= n;
    for (auto* profile : {&s.longitudinal, &s.transverseX, &s.transverseY, &s.spectrum}) {
        for (double& value : *profile) {
            value /= n;
        }
    }
    s.hits /= n;
    s.maxLayer /= n;
    s.thetaFit = m_fittedAngles > 0 ? s.thetaFit / double(m_fittedAngles)
                                    : std::numeric_limits<double>::quiet_NaN();
    s.thetaTrue /= n;
    s.layerSpread.assign(layers, 0.0);
    s.layerCorrelation.assign(layers * layers, std::numeric_limits<double>::quiet_NaN());
    std::array<double, layers> mean{};
    for (int l = 0; l < layers; ++l) {
        mean[l] = m_layerFractions[l] / n;
        s.layerSpread[l] = spread(m_layerFractions[l], m_layerProducts[l * layers + l]);
    }
    for (int l = 0; l < layers; ++l) {
        for (int m = 0; m < layers; ++m) {
            const double scale = s.layerSpread[l] * s.layerSpread[m];
            if (scale > 0.0) {
                const double covariance = m_layerProducts[l * layers + m] / n - mean[l] * mean[m];
                s.layerCorrelation[l * layers + m] = std::clamp(covariance / scale, -1.0, 1.0);
            }
        }
    }
    return s;
}

BinComparison compare(const BinSummary& reference, const BinSummary& candidate) {
    if (reference.showers == 0 || candidate.showers == 0) {
        throw std::invalid_argument("calo: cannot compare an energy bin without showers");
    }
    BinComparison c;
    for (int axis = 0; axis < 3; ++axis) {
        for (int order = 0; order < 3; ++order) {
            const double r = reference.moments[axis][order];
            const double scale = std::abs(r) + reference.momentSpread[axis][order];
            c.momentErrors[axis][order] =
                scale > 0.0 ? std::abs(candidate.moments[axis][order] - r) / scale : 0.0;
            c.momentError += c.momentErrors[axis][order] / 9.0;
        }
    }
    std::tie(c.longitudinalError, c.longitudinalMaxError) =
        profileErrors(reference.longitudinal, candidate.longitudinal);
    const auto [low, high] = coreRange(reference.longitudinal, 0.95);
    c.coreFirstLayer = int(low);
    c.coreLastLayer = int(high) - 1;
    c.transverseError = 0.5 * (profileError(reference.transverseX, candidate.transverseX) +
                               profileError(reference.transverseY, candidate.transverseY));
    c.samplingFractionError = relative(reference.samplingFraction, candidate.samplingFraction);
    c.hitsError = relative(reference.hits, candidate.hits);
    c.maxLayerDifference = candidate.maxLayer - reference.maxLayer;
    c.angleError = std::abs(candidate.thetaFit - reference.thetaFit);
    // Spreads and correlations over the reference's 95% layers (summaries made before these
    // existed, e.g. a training's held-out reference, have none: the fields stay NaN).
    const double nan = std::numeric_limits<double>::quiet_NaN();
    c.spreadRatio.assign(layers, nan);
    c.spreadRatioMin = c.spreadRatioMax = nan;
    c.correlationMaxDifference = c.correlationMeanDifference = nan;
    if (reference.layerSpread.size() != std::size_t(layers) ||
        candidate.layerSpread.size() != std::size_t(layers)) {
        return c;
    }
    for (int l = 0; l < layers; ++l) {
        if (reference.layerSpread[l] > 0.0) {
            c.spreadRatio[l] = candidate.layerSpread[l] / reference.layerSpread[l];
        }
    }
    double smallest = INFINITY, largest = -INFINITY, worst = 0.0, sum = 0.0;
    std::size_t pairs = 0;
    for (int l = c.coreFirstLayer; l <= c.coreLastLayer; ++l) {
        if (std::isfinite(c.spreadRatio[l])) {
            smallest = std::min(smallest, c.spreadRatio[l]);
            largest = std::max(largest, c.spreadRatio[l]);
        }
        for (int m = l + 1; m <= c.coreLastLayer; ++m) {
            const double r = reference.layerCorrelation[l * layers + m];
            // A candidate layer that never fluctuates has no correlation: the largest
            // difference a correlation can have from the reference's, 1 + |r|.
            const double g = candidate.layerCorrelation[l * layers + m];
            if (std::isnan(r)) {
                continue;
            }
            const double difference = std::isnan(g) ? 1.0 + std::abs(r) : std::abs(g - r);
            worst = std::max(worst, difference);
            sum += difference;
            ++pairs;
        }
    }
    if (std::isfinite(smallest)) {
        c.spreadRatioMin = smallest;
        c.spreadRatioMax = largest;
    }
    if (pairs > 0) {
        c.correlationMaxDifference = worst;
        c.correlationMeanDifference = sum / double(pairs);
    }
    return c;
}

} // namespace calo
