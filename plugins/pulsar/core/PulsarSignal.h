#pragma once

// A pulsar's noise-free signal in a channels x phase-bins array (channel-major: index
// c * bins + k), the same code for a frame (5-degree bins over two rotations) and for a
// continuous filterbank observation (bins of one sample). Each channel sees the carousel's
// sub-pulses delayed by dispersion relative to the top channel (so a pulse is a curve across
// the band that wraps from one rotation into the next), broadened by the bin width and the
// dispersion smearing inside the channel, given the scattering tail tau(f) = tau_1GHz f^-4.4
// (Kolmogorov turbulence; Bhat et al. 2004 measure -3.9 +- 0.2 on average), weighted by the
// spectrum f^index and the scintillation gains.

#include "SparkCarousel.h"

#include <cstddef>
#include <vector>

namespace pulsar {

struct PulsarSignal {
    CarouselGeometry carousel;
    double periodMs = 500.0;
    double dm = 0.0;
    double scatteringMs1GHz = 0.0; // scattering time at 1 GHz
    double spectralIndex = -1.6;   // flux ~ f^index (Jankowski et al. 2018: mean -1.6)
    double peakK = 1.0;            // brightness (K) of a spark of brightness 1 at the top channel
    std::vector<double> channelGains; // scintillation, one per channel; empty: 1
};

struct PhaseAxis {
    double startDeg = 0.0; // observed phase of bin 0's centre at the top channel
    double stepDeg = 5.0;
    std::size_t bins = 0;
};

inline constexpr double scatteringIndex = -4.4;

// Adds the signal (K) to `out` (channels x axis.bins, channel-major, resized when empty).
// `frequenciesGHz` are channel centres, descending; index 0 is the dispersion reference.
void renderPulsar(const PulsarSignal& signal, const std::vector<double>& frequenciesGHz,
                  double channelWidthGHz, const PhaseAxis& axis, std::vector<double>& out);

} // namespace pulsar
