#include "PulseProfile.h"

#include "Dispersion.h"

#include <algorithm>
#include <cmath>

namespace pulsar {

std::vector<std::size_t> dedispersionShifts(const std::vector<double>& frequenciesGHz, double dm,
                                            double binMs, std::size_t bins) {
    std::vector<std::size_t> shifts(frequenciesGHz.size());
    for (std::size_t c = 0; c < shifts.size(); ++c) {
        const double delayBins =
            dispersionDelayMs(dm, frequenciesGHz[c], frequenciesGHz.front()) / binMs;
        const auto rounded = static_cast<long long>(std::llround(delayBins));
        const auto n = static_cast<long long>(bins);
        shifts[c] = std::size_t(((rounded % n) + n) % n);
    }
    return shifts;
}

std::vector<double> dedispersedProfile(const std::vector<double>& data, std::size_t bins,
                                       const std::vector<std::size_t>& shifts) {
    std::vector<double> profile(bins, 0.0);
    for (std::size_t c = 0; c < shifts.size(); ++c) {
        const double* row = data.data() + c * bins;
        const std::size_t shift = shifts[c];
        for (std::size_t k = 0; k < bins; ++k) {
            const std::size_t source = k + shift;
            profile[k] += row[source < bins ? source : source - bins];
        }
    }
    return profile;
}

std::vector<bool> onPulseBins(const std::vector<double>& noiseFreeProfile) {
    const auto [low, high] = std::minmax_element(noiseFreeProfile.begin(), noiseFreeProfile.end());
    const double level = *low + 0.01 * (*high - *low);
    std::vector<bool> on(noiseFreeProfile.size());
    for (std::size_t k = 0; k < on.size(); ++k) {
        on[k] = noiseFreeProfile[k] >= level;
    }
    return on;
}

double pulseHeight(const std::vector<double>& noiseFreeProfile) {
    const std::vector<bool> on = onPulseBins(noiseFreeProfile);
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t k = 0; k < on.size(); ++k) {
        if (!on[k]) {
            sum += noiseFreeProfile[k];
            ++count;
        }
    }
    const double peak = *std::max_element(noiseFreeProfile.begin(), noiseFreeProfile.end());
    // A pulse that fills every bin has no off-pulse region: its baseline is its minimum.
    const double offMean =
        count > 0 ? sum / double(count)
                  : *std::min_element(noiseFreeProfile.begin(), noiseFreeProfile.end());
    return peak - offMean;
}

ProfileStatistics profileStatistics(const std::vector<double>& profile) {
    const std::size_t bins = profile.size();
    std::vector<double> sorted = profile;
    const std::size_t middle = bins / 2;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(middle), sorted.end());
    ProfileStatistics statistics;
    statistics.median = sorted[middle];
    for (double& value : sorted) {
        value = std::abs(value - statistics.median);
    }
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(middle), sorted.end());
    statistics.sigma = 1.4826 * sorted[middle];
    // Boxcars of 1, 2, 3, 4, 6 and 8 bins (at most a quarter of the profile), circular.
    for (const std::size_t width : {1, 2, 3, 4, 6, 8}) {
        if (width > std::max<std::size_t>(1, bins / 4)) {
            break;
        }
        double sum = 0.0;
        for (std::size_t i = 0; i < width; ++i) {
            sum += profile[i] - statistics.median;
        }
        const double scale = 1.0 / std::sqrt(double(width));
        for (std::size_t k = 0; k < bins; ++k) {
            statistics.boxcarPeak = std::max(statistics.boxcarPeak, sum * scale);
            sum += profile[(k + width) % bins] - profile[k];
        }
    }
    return statistics;
}

double robustSnr(const std::vector<double>& profile) {
    const ProfileStatistics statistics = profileStatistics(profile);
    return statistics.sigma > 0.0 ? statistics.boxcarPeak / statistics.sigma : 0.0;
}

} // namespace pulsar
