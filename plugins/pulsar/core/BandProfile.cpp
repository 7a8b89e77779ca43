#include "BandProfile.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pulsar {

namespace {

// The value at quantile q (0..1), nearest rank (as DelayGraph.cpp's band profile).
double quantileOf(std::vector<double>& values, double q) {
    const auto rank = std::size_t(std::lround(q * double(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(rank), values.end());
    return values[rank];
}

void checkSize(std::size_t size, std::size_t expected, const char* what) {
    if (size != expected) {
        throw std::invalid_argument(std::string("band profile: ") + what + " has " +
                                    std::to_string(size) + " values, the grid needs " +
                                    std::to_string(expected));
    }
}

} // namespace

double medianOf(std::vector<double>& values) {
    return quantileOf(values, 0.5);
}

RobustSpread robustSpread(std::vector<double>& values) {
    RobustSpread out;
    out.centre = quantileOf(values, 0.5);
    for (double& v : values) {
        v = std::abs(v - out.centre);
    }
    out.sigma = 1.4826 * quantileOf(values, 0.5);
    return out;
}

std::vector<double> columnMedians(const std::vector<double>& resampled, const NetworkGrid& grid) {
    const auto rows = std::size_t(grid.phaseBins);
    const auto columns = std::size_t(grid.channels);
    checkSize(resampled.size(), grid.pixels(), "the frame");
    std::vector<double> out(columns), column(rows);
    for (std::size_t c = 0; c < columns; ++c) {
        for (std::size_t r = 0; r < rows; ++r) {
            column[r] = resampled[r * columns + c];
        }
        out[c] = quantileOf(column, 0.5);
    }
    return out;
}

std::vector<double> referenceBandpass(const std::vector<std::vector<double>>& ofFrames) {
    if (ofFrames.empty()) {
        throw std::invalid_argument("reference bandpass: no frames");
    }
    const std::size_t columns = ofFrames.front().size();
    std::vector<double> out(columns), across(ofFrames.size());
    for (std::size_t c = 0; c < columns; ++c) {
        for (std::size_t i = 0; i < ofFrames.size(); ++i) {
            checkSize(ofFrames[i].size(), columns, "a frame's column medians");
            across[i] = ofFrames[i][c];
        }
        out[c] = quantileOf(across, 0.5);
    }
    return out;
}

void calibratedBandProfile(const std::vector<double>& resampled, const NetworkGrid& grid,
                           const std::vector<double>& reference, double clip, float* median,
                           float* upper) {
    const auto rows = std::size_t(grid.phaseBins);
    const auto columns = std::size_t(grid.channels);
    checkSize(reference.size(), columns, "the reference bandpass");
    const std::vector<double> levels = columnMedians(resampled, grid);
    std::vector<double> ratios;
    for (std::size_t c = 0; c < columns; ++c) {
        if (reference[c] > 0.0 && std::isfinite(levels[c])) {
            ratios.push_back(levels[c] / reference[c]);
        }
    }
    std::fill(median, median + columns, 0.0f);
    std::fill(upper, upper + columns, 0.0f);
    if (ratios.empty()) {
        return;
    }
    const double scale = quantileOf(ratios, 0.5);
    if (!(scale > 0.0)) {
        return;
    }
    std::vector<double> relative(resampled.size(), 0.0);
    std::vector<double> valid;
    valid.reserve(resampled.size());
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            const double v = resampled[r * columns + c];
            if (reference[c] > 0.0 && std::isfinite(v)) {
                relative[r * columns + c] = v / (scale * reference[c]) - 1.0;
                valid.push_back(relative[r * columns + c]);
            }
        }
    }
    const auto [centre, sigma] = robustSpread(valid);
    if (!(sigma > 0.0)) {
        return;
    }
    std::vector<double> column(rows);
    for (std::size_t c = 0; c < columns; ++c) {
        if (!(reference[c] > 0.0)) {
            continue;
        }
        for (std::size_t r = 0; r < rows; ++r) {
            column[r] = (relative[r * columns + c] - centre) / sigma;
        }
        median[c] = float(std::clamp(quantileOf(column, 0.5), -clip, clip));
        upper[c] = float(std::clamp(quantileOf(column, 0.75), -clip, clip));
    }
}

} // namespace pulsar
