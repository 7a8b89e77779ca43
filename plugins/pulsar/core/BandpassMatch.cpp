#include "BandpassMatch.h"

#include "BandProfile.h"
#include "ParallelFor.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pulsar {

double relativeFrameNoise(const std::vector<double>& resampled, const NetworkGrid& grid) {
    const std::vector<double> levels = columnMedians(resampled, grid);
    const auto rows = std::size_t(grid.phaseBins);
    const auto columns = std::size_t(grid.channels);
    std::vector<double> relative;
    relative.reserve(resampled.size());
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            const double v = resampled[r * columns + c];
            if (levels[c] > 0.0 && std::isfinite(v)) {
                relative.push_back(v / levels[c] - 1.0);
            }
        }
    }
    return relative.empty() ? 0.0 : robustSpread(relative).sigma;
}

MeasuredBandpass measureBandpass(const FrameAt& frameAt, std::size_t frameCount,
                                 std::size_t channels, std::size_t bins, const NetworkGrid& grid,
                                 std::size_t maxFrames, int threads) {
    if (frameCount == 0) {
        throw std::invalid_argument("bandpass: the file holds no frames");
    }
    const std::size_t count = std::min(frameCount, std::max<std::size_t>(1, maxFrames));
    std::vector<std::vector<double>> medians(count);
    std::vector<double> noises(count);
    constexpr std::size_t block = 64;
    std::vector<std::vector<double>> frames(block);
    for (std::size_t start = 0; start < count; start += block) {
        const std::size_t n = std::min(block, count - start);
        for (std::size_t i = 0; i < n; ++i) {
            frames[i] = frameAt((start + i) * frameCount / count);
        }
        parallelFor(n, threads, [&](std::size_t i) {
            const std::vector<double> resampled =
                resampleFrame(frames[i].data(), channels, bins, grid);
            medians[start + i] = columnMedians(resampled, grid);
            noises[start + i] = relativeFrameNoise(resampled, grid);
        });
    }
    MeasuredBandpass out;
    out.levels = referenceBandpass(medians);
    out.noise = medianOf(noises);
    out.frames = count;
    return out;
}

BandpassFit fitOfReference(const std::vector<double>& reference, const MeasuredBandpass& measured) {
    if (reference.size() != measured.levels.size()) {
        throw std::invalid_argument(
            "bandpass: the reference has " + std::to_string(reference.size()) +
            " columns, the measured bandpass " + std::to_string(measured.levels.size()));
    }
    std::vector<double> ratios;
    for (std::size_t c = 0; c < reference.size(); ++c) {
        if (reference[c] > 0.0 && measured.levels[c] > 0.0) {
            ratios.push_back(measured.levels[c] / reference[c]);
        }
    }
    BandpassFit fit;
    fit.columns = ratios.size();
    if (ratios.empty() || !(measured.noise > 0.0)) {
        return fit;
    }
    const double scale = medianOf(ratios);
    for (std::size_t c = 0; c < reference.size(); ++c) {
        if (!(reference[c] > 0.0 && measured.levels[c] > 0.0)) {
            continue;
        }
        const double deviation =
            std::abs(measured.levels[c] / (scale * reference[c]) - 1.0) / measured.noise;
        if (deviation > bandpassDeviationNoiseUnits) {
            ++fit.deviating;
        }
        if (deviation > fit.largestDeviation) {
            fit.largestDeviation = deviation;
            fit.largestColumn = c;
        }
    }
    return fit;
}

} // namespace pulsar
