#pragma once

// The S/N definition shared by the simulator and its tests, and the dedispersion peer's own
// estimate. A frame's S/N is the peak of its dedispersed, band-summed pulse profile above the
// off-pulse mean, in units of the off-pulse standard deviation. The simulator knows the
// noise-free pulse and the noise it injects, so it computes the S/N exactly (the peak and
// off-pulse mean from the noise-free profile, the standard deviation from the noise level);
// the peer, which sees only the noisy frame, estimates it robustly (median and MAD).

#include <cstddef>
#include <vector>

namespace pulsar {

// Per-channel circular shifts (in bins, in [0, bins)) that undo the dispersion delay for `dm`
// when a bin lasts binMs; channel 0 (the top) is the reference. Rounded to the nearest bin.
std::vector<std::size_t> dedispersionShifts(const std::vector<double>& frequenciesGHz, double dm,
                                            double binMs, std::size_t bins);

// Band sum of a channel-major frame after shifting each channel: profile[k] = sum_c
// data[c][(k + shift_c) mod bins].
std::vector<double> dedispersedProfile(const std::vector<double>& data, std::size_t bins,
                                       const std::vector<std::size_t>& shifts);

// The on-pulse bins of a noise-free profile: those at or above 1% of its peak (above its
// minimum).
std::vector<bool> onPulseBins(const std::vector<double>& noiseFreeProfile);

// Peak minus the mean of the off-pulse bins (noise-free profile).
double pulseHeight(const std::vector<double>& noiseFreeProfile);

// The peer's S/N of a noisy profile, with the baseline and noise estimated robustly (median,
// 1.4826 MAD) and the pulse found by a matched filter: the largest sum of 1 to 8 adjacent bins
// above the median over its noise, (sum - w median) / (sigma sqrt(w)). A boxcar as wide as the
// pulse collects all of it, so the statistic varies smoothly from one DM trial to the next
// instead of with how the rounded channel shifts happen to line up in a single bin.
double robustSnr(const std::vector<double>& profile);

// The parts of robustSnr: the median, the robust standard deviation 1.4826 MAD, and the best
// boxcar (sum - w median) / sqrt(w). The dedispersion search divides every trial's boxcar
// peak by one noise estimate for the whole frame (the noise does not depend on the trial), so
// the S/N does not jump with each trial's own 10% MAD error.
struct ProfileStatistics {
    double median = 0.0;
    double sigma = 0.0;
    double boxcarPeak = 0.0;
};
ProfileStatistics profileStatistics(const std::vector<double>& profile);

} // namespace pulsar
