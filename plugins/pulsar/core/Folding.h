#pragma once

// Folding a continuous observation at the pulsar's period (Lorimer & Kramer 2005, 7.1): every
// sample goes to the phase bin of its time, t / P modulo 1, and each bin holds the mean of its
// samples, per channel. The folded array (channels x bins, channel-major) is one rotation,
// circular, and the dedispersion peer searches it like a frame.

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace pulsar {

// value(sample, channel) gives the data; sample j is at time j tsampS.
template <typename Value>
std::vector<double> foldChannels(std::size_t samples, std::size_t channels, double tsampS,
                                 double periodS, std::size_t bins, Value value) {
    if (!(periodS > 0.0) || !(tsampS > 0.0) || bins < 2) {
        throw std::invalid_argument("folding needs a positive period and sample time and at "
                                    "least 2 bins");
    }
    std::vector<double> folded(channels * bins, 0.0);
    std::vector<std::size_t> counts(bins, 0);
    for (std::size_t j = 0; j < samples; ++j) {
        const double turns = double(j) * tsampS / periodS;
        auto bin = std::size_t((turns - std::floor(turns)) * double(bins));
        bin = bin < bins ? bin : bins - 1;
        ++counts[bin];
        for (std::size_t c = 0; c < channels; ++c) {
            folded[c * bins + bin] += value(j, c);
        }
    }
    for (std::size_t b = 0; b < bins; ++b) {
        if (counts[b] == 0) {
            throw std::invalid_argument("the observation is shorter than one period: phase bin " +
                                        std::to_string(b) + " gets no sample");
        }
        for (std::size_t c = 0; c < channels; ++c) {
            folded[c * bins + b] /= double(counts[b]);
        }
    }
    return folded;
}

} // namespace pulsar
