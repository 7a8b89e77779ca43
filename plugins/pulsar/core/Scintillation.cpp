#include "Scintillation.h"

#include <algorithm>
#include <cmath>

namespace pulsar {

std::vector<double> scintillationGains(std::size_t channels, double channelWidthGHz,
                                       double modulationIndex, double bandwidthMHz,
                                       twins::sdk::Random& random) {
    // White noise smoothed with a Gaussian kernel whose radius is the decorrelation bandwidth
    // in channels; dividing by the kernel's root sum of squares restores unit variance.
    const double radius = std::max(0.5, bandwidthMHz / (1000.0 * channelWidthGHz));
    const auto half = std::size_t(std::ceil(3.0 * radius));
    std::vector<double> white(channels + 2 * half);
    for (double& value : white) {
        value = random.normal();
    }
    std::vector<double> kernel(2 * half + 1);
    double sumSquares = 0.0;
    for (std::size_t i = 0; i < kernel.size(); ++i) {
        const double d = double(i) - double(half);
        kernel[i] = std::exp(-0.5 * d * d / (radius * radius));
        sumSquares += kernel[i] * kernel[i];
    }
    const double norm = 1.0 / std::sqrt(sumSquares);
    std::vector<double> gains(channels);
    for (std::size_t c = 0; c < channels; ++c) {
        double x = 0.0;
        for (std::size_t i = 0; i < kernel.size(); ++i) {
            x += kernel[i] * white[c + i];
        }
        gains[c] = std::max(0.0, 1.0 + modulationIndex * x * norm);
    }
    return gains;
}

} // namespace pulsar
