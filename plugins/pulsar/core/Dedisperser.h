#pragma once

// The classical peer: incoherent dedispersion over DM trials, as a radio astronomer would
// search a folded frame or a folded filterbank without machine learning (Lorimer & Kramer
// 2005, ch. 6). Each channel is cleaned first (its median subtracted, divided by its robust
// standard deviation, 1.4826 MAD), values beyond clipSigma are set to zero (RFI excision),
// optionally the zero-DM filter subtracts the band mean of
// each bin (Eatough et al. 2009: it removes undispersed broadband RFI), then for every trial
// DM each channel is shifted circularly by its delay in bins and the band is summed; the
// trial whose profile has the largest S/N is the best DM. The S/N is a boxcar matched filter
// (1-8 bins) over the profile's median, divided by one robust noise level for the frame, the
// median over the trials of their 1.4826 MAD (PulseProfile.h).
//
// Trials run from dmMin to dmMax in steps whose delay difference across the band is one bin
// (dmStepForDelay), so between two trials the pulse moves by at most one bin anywhere in the
// band: no pulse falls between trials.

#include <cstddef>
#include <vector>

namespace pulsar {

struct DedispersionSettings {
    double dmMin = 0.0;
    double dmMax = 100.0;
    bool zeroDmFilter = true;
    // After the per-channel normalisation, values further than this from the median (in
    // robust standard deviations) are set to the median: strong RFI is excised the way
    // rfifind-style clipping does it. 0 keeps every value.
    double clipSigma = 6.0;
    double stepBins = 1.0; // delay difference across the band between trials, in bins
};

struct DedispersionResult {
    double bestDm = 0.0;
    double snr = 0.0;
    std::size_t trials = 0;
    std::vector<double> profile; // dedispersed at the best DM
};

class Dedisperser {
public:
    // `frequenciesGHz` descending (index 0 the reference), `bins` per channel, each lasting
    // binMs; the profile is circular over the bins. Throws std::invalid_argument for an empty
    // band, a non-positive bin, dmMin < 0 or dmMax < dmMin.
    Dedisperser(std::vector<double> frequenciesGHz, std::size_t bins, double binMs,
                DedispersionSettings settings);

    const std::vector<double>& trialDms() const { return m_trials; }

    // Searches a channel-major frame (channels x bins), splitting the trials over `threads`.
    DedispersionResult search(const std::vector<double>& frame, int threads = 1) const;

    // The cleaned frame the trials sum (per-channel robust normalisation, zero-DM filter).
    std::vector<double> clean(const std::vector<double>& frame) const;

private:
    std::vector<double> m_frequencies;
    std::size_t m_bins;
    double m_binMs;
    DedispersionSettings m_settings;
    std::vector<double> m_trials;
};

} // namespace pulsar
