#pragma once

// What the networks see of a frame: the frame resampled to a fixed grid (phase rows x frequency
// columns, ML-PPA's 128 x 128 by default) and put in units of its radiometer noise, whatever
// the recording's channel count, bin count, bandpass and system temperature. Qt- and torch-free
// so that training, classify and validate share it and the tests check it directly.
//
// Two planes per frame. Plane 0, the frame cleaned as a radio astronomer would: each column
// (channel) less its median over phase, over its robust standard deviation (1.4826 MAD over
// phase): the bandpass, its ripple and the system temperature are gone exactly, the pulse and
// broadband impulses stand out, but a steady narrowband carrier, which lifts its whole column,
// is removed with the median. Plane 1 keeps the carriers; after the physics of a frame
// (FrameSimulator.h), a pixel's noise is proportional to its channel's baseline level
// gain(f) Tsys(f), so each column is divided by a smooth baseline and the frame's one robust
// noise level is taken out:
//  1. the baseline of a column is the median over phase of its values (a pulse or a broadband
//     impulse covers few phases, so it does not move the median), smoothed across frequency by
//     a running median over `baselineWindow` columns, so that a narrowband carrier, which lifts
//     its whole column, stays above the baseline instead of being subtracted with it (the
//     median is taken along the window's robust local slope, so a steep bandpass does not bias
//     it when a carrier lifts one of its columns);
//  2. r = value / baseline - 1, and x = (r - median(r)) / (1.4826 MAD(r)) over the frame;
//  3. x is clipped to +-clip (very bright RFI would otherwise dominate the batch statistics).
// A steep or rippled bandpass leaves structure in plane 1 (the smooth baseline cannot follow
// it), which is why plane 0 is there.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pulsar {

struct NetworkGrid {
    int phaseBins = 128; // rows
    int channels = 128;  // columns, index 0 = the top of the band
    std::size_t pixels() const { return std::size_t(phaseBins) * std::size_t(channels); }
};

// Planes of the networks' input per frame (see above): frames x inputPlanes x pixels.
inline constexpr int inputPlanes = 2;

struct NormalisationSettings {
    int baselineWindow = 5; // columns of the running median across frequency (odd)
    double clip = 20.0;
};

// Weights of an area-average resampling of n cells onto m: row j of the result lists the input
// cells overlapping output cell j with their overlap (in input cells) divided by the output
// cell's width, so the weights of a row sum to 1. Works both ways (m < n averages, m > n repeats).
struct ResampleWeights {
    std::vector<std::vector<std::pair<std::size_t, double>>> rows;
};
ResampleWeights areaResampleWeights(std::size_t n, std::size_t m);

// A channel-major frame (values[c * bins + k], channel 0 the top of the band) resampled to the
// grid, row-major (row = phase bin, column = channel): out[r * channels + c]. Throws
// std::invalid_argument for an empty frame or a bad grid.
std::vector<double> resampleFrame(const double* values, std::size_t channels, std::size_t bins,
                                  const NetworkGrid& grid);

// The resampled frame's two planes (see above), plane 0 then plane 1: the networks' input.
std::vector<float> normaliseFrame(const std::vector<double>& resampled, const NetworkGrid& grid,
                                  const NormalisationSettings& settings = {});

// resampleFrame then normaliseFrame.
std::vector<float> networkInput(const double* values, std::size_t channels, std::size_t bins,
                                const NetworkGrid& grid,
                                const NormalisationSettings& settings = {});

// A channel-major 0/1 mask on the grid: a cell is 1 when any input pixel it overlaps is.
std::vector<float> networkMask(const std::uint8_t* mask, std::size_t channels, std::size_t bins,
                               const NetworkGrid& grid);

} // namespace pulsar
