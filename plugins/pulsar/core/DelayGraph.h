#pragma once

// The networks' 1-D side inputs, computed from a frame's two planes on the network grid
// (NetworkInput.h) without LibTorch, after ML-PPA's pipeline, whose last stage is a 1-D CNN on
// the "delay graph" rather than a 2-D look at the frame: a dispersed pulse is one curve of a
// known shape across the band, which a small 2-D network trained for minutes does not learn to
// follow, while summing the band along that curve (incoherent dedispersion, as the classical
// peer does) turns it into one bright peak.
//
//  - Delay graph (for P(pulsar)): plane 0 with each row's band mean removed (the zero-DM filter,
//    Eatough et al. 2009, so an undispersed broadband impulse does not stand out), summed across
//    the band along the dispersion curve of every trial sweep s (the delay of the bottom column
//    against the top one, in grid bins; column c is shifted by s (f_c^-2 - f_top^-2) /
//    (f_bottom^-2 - f_top^-2), rounded, circularly: the phase axis wraps), in units of the
//    sum's noise. A frame holds two rotations (ML-PPA's 0..715 degrees), so a pulsar's pulse is
//    there twice, half the rows apart, and an RFI impulse once: per trial, with B the profile's
//    3-bin boxcar, the peak over the first rotation's rows r of the folded boxcar (B[r] +
//    B[r + rows/2]) / sqrt(2) and of the smaller of the two, min(B[r], B[r + rows/2]). Without
//    the second, band-limited and chirped impulses, which the zero-DM filter leaves in part,
//    gave pulsar-free frames the delay graph's highest peaks (its AUC alone 0.963 -> 0.995 with
//    it, README). The trials, spaced by at most max(1, maxSweep / 512) bins from 0 to maxSweep,
//    are max-pooled into delayGraphCells cells. The sweep is in grid bins, not DM: a frame's
//    period is not known to classify, and the sweep is what the frame shows.
//  - Band profile (for NBRFI): per column, the median and the upper quartile over phase of
//    plane 1 (which keeps a narrowband carrier above the baseline; a steady carrier lifts the
//    median, an intermittent one the quartile, a pulse neither), each high-passed across the
//    band (less the cubic through the two neighbours on either side: the bandpass ripple, 7
//    periods across the band, cancels on grids of 64 columns and more), 0 within the plan's edge
//    share (4%; 8% for older models) of the band edges (the gain's roll-off). With a reference
//    bandpass (setReferenceBandpass: the model's, estimated from its training frames),
//    BandProfile.h's calibrated profile instead, which reaches the edges.
//  - Phase profile (for BBRFI): per row, the mean and standard deviation across the band of
//    plane 0.

#include "NetworkInput.h"

#include <cstddef>
#include <vector>

namespace pulsar {

inline constexpr int delayGraphCells = 64;

// Floats of the side inputs per frame: 2 x delayGraphCells, 2 x columns, 2 x rows.
std::size_t sideInputLength(const NetworkGrid& grid);
// Floats per frame the networks take: the two planes, then the side inputs.
std::size_t networkInputLength(const NetworkGrid& grid);

// The trial shifts for one band on one grid.
class DelayGraphPlan {
public:
    // columnGHz: the grid's column centres (column 0 the top of the band); maxSweepBins >= 0.
    // Throws std::invalid_argument for fewer than 2 rows (two rotations), a column count that
    // does not match the grid, a band
    // that is not descending, or a negative sweep.
    // bandEdgeFraction: the share of the columns at either end of the band whose band
    // profile is left at 0 (the receiver's roll-off there defeats its high-pass); 0.08 for
    // models trained before pulsar_nets.json stated it, 0.04 since (session 14: the 8% edges
    // held 220 of 399 missed carriers). Throws std::invalid_argument outside [0, 0.5).
    DelayGraphPlan(const NetworkGrid& grid, const std::vector<double>& columnGHz,
                   double maxSweepBins, double bandEdgeFraction = 0.08);
    std::size_t trials() const { return m_cellOfTrial.size(); }
    double sweepOfTrial(std::size_t trial) const; // grid bins
    // shift of column c in trial t: shifts()[t * columns + c], 0..rows-1
    const std::vector<int>& shifts() const { return m_shifts; }
    const std::vector<int>& cellOfTrial() const { return m_cellOfTrial; }
    const NetworkGrid& grid() const { return m_grid; }
    double bandEdgeFraction() const { return m_bandEdgeFraction; }
    // The receiver's level per grid column (BandProfile.h's referenceBandpass) for frames of
    // this band: networkFeatures then computes the band profile against it. Empty (the
    // default, and models trained before session 15): the per-frame band profile. Throws
    // std::invalid_argument when the size is not the grid's column count.
    void setReferenceBandpass(std::vector<double> reference);
    const std::vector<double>& referenceBandpass() const { return m_reference; }

private:
    NetworkGrid m_grid;
    double m_maxSweep = 0.0;
    double m_bandEdgeFraction = 0.08;
    std::vector<int> m_shifts;
    std::vector<int> m_cellOfTrial;
    std::vector<double> m_reference;
};

// The side inputs of one frame: `planes` holds inputPlanes x pixels (NetworkInput.h), `out`
// receives sideInputLength(grid) floats in the order delay-graph folded peak, delay-graph peak
// in both rotations, band median, band upper quartile, phase mean, phase spread.
void sideInputs(const float* planes, const DelayGraphPlan& plan, float* out);

// normaliseFrame's planes followed by the side inputs: networkInputLength(grid) floats.
std::vector<float> networkFeatures(const double* values, std::size_t channels, std::size_t bins,
                                   const DelayGraphPlan& plan,
                                   const NormalisationSettings& settings = {});

// The largest sweep (grid bins) among frames of periods periodS and dispersion measures dm over
// the band [bottomGHz, topGHz], when a frame of `frameBins` bins of `phaseStepDeg` degrees is
// resampled to `gridRows` rows.
double sweepBins(double dm, double periodS, double topGHz, double bottomGHz, std::size_t frameBins,
                 double phaseStepDeg, int gridRows);

} // namespace pulsar
