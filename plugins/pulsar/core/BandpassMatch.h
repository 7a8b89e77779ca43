#pragma once

// Whether a model's reference bandpass (BandProfile.h) fits the frames it is asked to classify,
// and the frames' own bandpass when it does not.
//
// The reference is the training receiver's level per channel. A file recorded by another
// receiver on the same band (another standing-wave ripple, another receiver temperature, so
// another Tsys(f) slope) has other levels: against the training receiver's, every column of
// its band profile is off by many noise units and the NBRFI branch sees nothing else (session
// 16, the small model of plugins/pulsar/README.md on 1,000 frames of each receiver: NBRFI
// recall 0.990 for the training receiver, 0.019 with no ripple, 0.013 with ripple 0.25, 0.045
// at a receiver temperature of 15 K instead of 40 K). Telescopes calibrate the bandpass per
// observation; so does this: the frames' own bandpass, the median over frames of their column
// levels, measured like the training one.
//
// The test: after one gain factor (the median ratio), the deviation of the frames' level from
// the reference per column, in units of the frames' radiometer noise. One receiver's frames
// agree to a few hundredths of a noise unit; another receiver's differ by tens in nearly every
// column (10-80 in the measurements above); a narrowband carrier moves a few columns of one
// frame, never a quarter of the band. So: the reference fits unless at least a quarter of the
// columns deviate by more than one noise unit.

#include "NetworkInput.h"

#include <cstddef>
#include <functional>
#include <vector>

namespace pulsar {

// Frame i of a file, channel-major (values[c * bins + k], channel 0 the top of the band).
using FrameAt = std::function<std::vector<double>(std::size_t)>;

struct MeasuredBandpass {
    std::vector<double> levels; // per grid column: the median over frames of column medians
    double noise = 0.0;         // radiometer noise relative to the level, median over frames
    std::size_t frames = 0;     // frames measured
};

// The bandpass of up to `maxFrames` of `frameCount` frames spread evenly over the file (frame
// (i * frameCount) / measured), on the grid. Throws std::invalid_argument for no frames.
MeasuredBandpass measureBandpass(const FrameAt& frameAt, std::size_t frameCount,
                                 std::size_t channels, std::size_t bins, const NetworkGrid& grid,
                                 std::size_t maxFrames, int threads);

// The radiometer noise of one resampled frame relative to its own column levels: 1.4826 MAD
// of value / column median - 1 over the frame (columns at or below 0 left out); 0 when none.
double relativeFrameNoise(const std::vector<double>& resampled, const NetworkGrid& grid);

inline constexpr double bandpassDeviationNoiseUnits = 1.0;
inline constexpr double bandpassMaxDeviatingShare = 0.25;

struct BandpassFit {
    std::size_t columns = 0;       // columns compared (reference and level above 0)
    std::size_t deviating = 0;     // of them, off by more than bandpassDeviationNoiseUnits
    double largestDeviation = 0.0; // noise units
    std::size_t largestColumn = 0; // where
    bool fits() const {
        return columns > 0 && double(deviating) < bandpassMaxDeviatingShare * double(columns);
    }
};

// `reference` against `measured` (same column count; std::invalid_argument otherwise).
BandpassFit fitOfReference(const std::vector<double>& reference, const MeasuredBandpass& measured);

} // namespace pulsar
