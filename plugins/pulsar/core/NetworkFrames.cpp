#include "NetworkFrames.h"

#include "BandpassMatch.h"
#include "ParallelFor.h"

#include <algorithm>
#include <stdexcept>

namespace pulsar {

void appendNetworkFrames(const FrameFileReader& file, std::size_t first, std::size_t count,
                         const DelayGraphPlan& plan, const NormalisationSettings& normalisation,
                         bool withMasks, int threads, NetworkFrames& out,
                         const std::function<void(std::size_t, std::size_t)>& progress) {
    const NetworkGrid& grid = plan.grid();
    const std::size_t pixels = grid.pixels();
    const std::size_t base = out.count;
    out.count += count;
    const std::size_t inputSize = networkInputLength(grid);
    out.inputs.resize(out.count * inputSize);
    if (withMasks) {
        out.masks.resize(out.count * pixels);
    }
    out.labels.resize(out.count * 3);
    const std::size_t channels = file.frequenciesGHz().size();
    constexpr std::size_t block = 64;
    std::vector<std::vector<double>> frames(block);
    std::vector<std::vector<std::uint8_t>> masks(block);
    for (std::size_t start = 0; start < count; start += block) {
        const std::size_t n = std::min(block, count - start);
        for (std::size_t i = 0; i < n; ++i) {
            frames[i] = file.frame(first + start + i);
            if (withMasks) {
                masks[i] = file.mask(first + start + i);
            }
        }
        parallelFor(n, threads, [&](std::size_t i) {
            const std::size_t row = base + start + i;
            const std::vector<float> input =
                networkFeatures(frames[i].data(), channels, file.bins(), plan, normalisation);
            std::copy(input.begin(), input.end(),
                      out.inputs.begin() + std::ptrdiff_t(row * inputSize));
            if (withMasks) {
                const std::vector<float> mask =
                    networkMask(masks[i].data(), channels, file.bins(), grid);
                std::copy(mask.begin(), mask.end(),
                          out.masks.begin() + std::ptrdiff_t(row * pixels));
            }
        });
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t l = 0; l < 3; ++l) {
                out.labels[(base + start + i) * 3 + l] =
                    float(file.labels()[(first + start + i) * 3 + l]);
            }
        }
        if (progress) {
            progress(start + n, count);
        }
    }
}

std::vector<double> fileReferenceBandpass(const FrameFileReader& file, const NetworkGrid& grid,
                                          std::size_t maxFrames, int threads) {
    return measureBandpass([&](std::size_t i) { return file.frame(i); }, file.frames(),
                           file.frequenciesGHz().size(), file.bins(), grid, maxFrames, threads)
        .levels;
}

} // namespace pulsar
