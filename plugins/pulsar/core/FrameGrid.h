#pragma once

// The frequency x rotational-phase grid of a frame, after ML-PPA's simulator: channels from
// the top of the band down (600 channels from 0.849 to 0.25 GHz are 1 MHz apart), and 144
// phase bins of 5 degrees covering two rotations (0, 5, ..., 715 degrees).

#include <cstddef>
#include <vector>

namespace pulsar {

struct FrameGrid {
    std::vector<double> frequenciesGHz; // channel centres, descending (index 0 = top)
    std::vector<double> phasesDeg;      // bin centres: 0, step, ..., (bins - 1) * step
    double channelWidthGHz = 0.0;       // positive
    double phaseStepDeg = 0.0;

    std::size_t channels() const { return frequenciesGHz.size(); }
    std::size_t bins() const { return phasesDeg.size(); }
    std::size_t pixels() const { return channels() * bins(); }
};

inline constexpr int defaultChannels = 600;
inline constexpr double defaultTopGHz = 0.849;
inline constexpr double defaultBottomGHz = 0.25;
inline constexpr int framePhaseBins = 144;
inline constexpr double framePhaseStepDeg = 5.0;

// `channels` (>= 2) centres evenly spaced from topGHz down to bottomGHz (both included), and
// `bins` phase bins `stepDeg` apart. Throws std::invalid_argument naming the bad value.
FrameGrid makeFrameGrid(int channels, double topGHz, double bottomGHz, int bins = framePhaseBins,
                        double stepDeg = framePhaseStepDeg);

// How long a phase bin lasts (ms) when the frame is folded at periodS.
inline double frameBinMs(double periodS, const FrameGrid& grid) {
    return 1000.0 * periodS * grid.phaseStepDeg / 360.0;
}

} // namespace pulsar
