#pragma once

// The band profile against a reference bandpass: the NBRFI side input when the model knows
// its receiver's bandpass from many frames (as a telescope's off-source calibration does).
//
// Recorded power is gain(f) Tsys(f) (1 + eta n) plus signals (FrameSimulator.h): the level of a
// channel without RFI is the receiver's, the same in every frame of one telescope and band, and
// its radiometer noise is eta times that level. A frame's own column levels cannot give it:
// the roll-off at the band edges (the gain falls twenty-fold over the outer 6% of the band) and the
// bandpass ripple leave residuals of many noise units after any smoothing across frequency, which
// is why the per-frame band profile (DelayGraph.h) is left at 0 near the edges and misses weak
// carriers (README, session 14: 319 of 2,327 NBRFI frames missed, 111 of them carriers in the
// outer 4%). The median over many frames of each frame's column medians (on the network grid)
// is that level, whatever RFI a few frames hold in a channel, and needs no labels.
//
// Per frame: the scale s = median over columns of (column median / reference) (a gain drift),
// r = value / (s reference) - 1 (the radiometer noise is eta everywhere, edges included), z = (r
// - median(r)) / (1.4826 MAD(r)) over the frame; per column, the median and upper quartile over
// phase of z (a steady carrier lifts the median, an intermittent one the quartile), clipped to
// +-clip. No high-pass and no edge left out.

#include "NetworkInput.h"

#include <vector>

namespace pulsar {

// The median of `values` (nearest rank; the values are reordered).
double medianOf(std::vector<double>& values);

// The median of `values` and 1.4826 times their median absolute deviation about it: the
// standard deviation of Gaussian noise, unmoved by the few pixels a pulse or RFI holds. The
// values are overwritten.
struct RobustSpread {
    double centre = 0.0;
    double sigma = 0.0;
};
RobustSpread robustSpread(std::vector<double>& values);

// Per grid column, the median over phase of a resampled frame (resampleFrame's layout).
std::vector<double> columnMedians(const std::vector<double>& resampled, const NetworkGrid& grid);

// Per column, the median over frames of their column medians. Throws std::invalid_argument for
// no frames or frames of different column counts.
std::vector<double>
referenceBandpass(const std::vector<std::vector<double>>& columnMediansOfFrames);

// The band profile of one resampled frame against `reference` (grid.channels values): median
// and upper quartile per column into `median` and `upper`. A column whose reference is not
// above 0 (a flagged channel) gives 0. Throws std::invalid_argument when the sizes do not match
// the grid.
void calibratedBandProfile(const std::vector<double>& resampled, const NetworkGrid& grid,
                           const std::vector<double>& reference, double clip, float* median,
                           float* upper);

} // namespace pulsar
