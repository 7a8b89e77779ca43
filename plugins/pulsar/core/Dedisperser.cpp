#include "Dedisperser.h"

#include "Dispersion.h"
#include "ParallelFor.h"
#include "PulseProfile.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pulsar {

Dedisperser::Dedisperser(std::vector<double> frequenciesGHz, std::size_t bins, double binMs,
                         DedispersionSettings settings)
    : m_frequencies(std::move(frequenciesGHz)), m_bins(bins), m_binMs(binMs), m_settings(settings) {
    if (m_frequencies.size() < 2 || m_bins < 2) {
        throw std::invalid_argument("dedispersion needs at least 2 channels and 2 bins (got " +
                                    std::to_string(m_frequencies.size()) + " channels, " +
                                    std::to_string(m_bins) + " bins)");
    }
    if (!(m_binMs > 0.0)) {
        throw std::invalid_argument("dedispersion needs a positive bin duration");
    }
    if (m_settings.dmMin < 0.0 || !(m_settings.dmMax >= m_settings.dmMin)) {
        throw std::invalid_argument("DM trials must satisfy 0 <= dm_min <= dm_max (dm_min " +
                                    std::to_string(m_settings.dmMin) + ", dm_max " +
                                    std::to_string(m_settings.dmMax) + ")");
    }
    if (m_settings.clipSigma < 0.0) {
        throw std::invalid_argument("clip_sigma must not be negative (0 turns clipping off)");
    }
    if (!(m_settings.stepBins > 0.0)) {
        throw std::invalid_argument("the DM step must be a positive number of bins");
    }
    const auto [low, high] = std::minmax_element(m_frequencies.begin(), m_frequencies.end());
    const double step = dmStepForDelay(m_settings.stepBins * m_binMs, *low, *high);
    const auto count = std::size_t(std::floor((m_settings.dmMax - m_settings.dmMin) / step)) + 1;
    m_trials.resize(count);
    for (std::size_t t = 0; t < count; ++t) {
        m_trials[t] = m_settings.dmMin + double(t) * step;
    }
}

std::vector<double> Dedisperser::clean(const std::vector<double>& frame) const {
    const std::size_t channels = m_frequencies.size();
    if (frame.size() != channels * m_bins) {
        throw std::invalid_argument("frame has " + std::to_string(frame.size()) +
                                    " values, expected " + std::to_string(channels) + " x " +
                                    std::to_string(m_bins));
    }
    std::vector<double> cleaned(frame.size());
    std::vector<double> scratch(m_bins);
    const std::size_t middle = m_bins / 2;
    for (std::size_t c = 0; c < channels; ++c) {
        const double* row = frame.data() + c * m_bins;
        std::copy(row, row + m_bins, scratch.begin());
        std::nth_element(scratch.begin(), scratch.begin() + std::ptrdiff_t(middle), scratch.end());
        const double median = scratch[middle];
        for (std::size_t k = 0; k < m_bins; ++k) {
            scratch[k] = std::abs(row[k] - median);
        }
        std::nth_element(scratch.begin(), scratch.begin() + std::ptrdiff_t(middle), scratch.end());
        const double sigma = 1.4826 * scratch[middle];
        // A flat channel (a steady carrier filling it, or a dead channel) carries nothing.
        const double scale = sigma > 0.0 ? 1.0 / sigma : 0.0;
        const double clip = m_settings.clipSigma > 0.0 ? m_settings.clipSigma : INFINITY;
        for (std::size_t k = 0; k < m_bins; ++k) {
            const double value = (row[k] - median) * scale;
            cleaned[c * m_bins + k] = std::abs(value) > clip ? 0.0 : value;
        }
    }
    if (m_settings.zeroDmFilter) {
        for (std::size_t k = 0; k < m_bins; ++k) {
            double mean = 0.0;
            for (std::size_t c = 0; c < channels; ++c) {
                mean += cleaned[c * m_bins + k];
            }
            mean /= double(channels);
            for (std::size_t c = 0; c < channels; ++c) {
                cleaned[c * m_bins + k] -= mean;
            }
        }
    }
    return cleaned;
}

DedispersionResult Dedisperser::search(const std::vector<double>& frame, int threads) const {
    const std::vector<double> cleaned = clean(frame);
    std::vector<ProfileStatistics> statistics(m_trials.size());
    parallelFor(m_trials.size(), threads, [&](std::size_t t) {
        const auto shifts = dedispersionShifts(m_frequencies, m_trials[t], m_binMs, m_bins);
        statistics[t] = profileStatistics(dedispersedProfile(cleaned, m_bins, shifts));
    });
    // One noise level for the frame: the median over the trials of each trial's robust
    // estimate (most trials are far from the pulsar's DM, where the pulse is smeared out).
    std::vector<double> sigmas(statistics.size());
    for (std::size_t t = 0; t < sigmas.size(); ++t) {
        sigmas[t] = statistics[t].sigma;
    }
    std::nth_element(sigmas.begin(), sigmas.begin() + std::ptrdiff_t(sigmas.size() / 2),
                     sigmas.end());
    const double sigma = sigmas[sigmas.size() / 2];
    std::vector<double> snrs(m_trials.size(), 0.0);
    if (sigma > 0.0) {
        for (std::size_t t = 0; t < snrs.size(); ++t) {
            snrs[t] = statistics[t].boxcarPeak / sigma;
        }
    }
    // The first of equal maxima: the same answer on any thread count.
    const auto best = std::size_t(std::max_element(snrs.begin(), snrs.end()) - snrs.begin());
    DedispersionResult result;
    result.bestDm = m_trials[best];
    result.snr = snrs[best];
    result.trials = m_trials.size();
    result.profile = dedispersedProfile(
        cleaned, m_bins, dedispersionShifts(m_frequencies, result.bestDm, m_binMs, m_bins));
    return result;
}

} // namespace pulsar
