#include "PulsarSignal.h"

#include "Dispersion.h"
#include "ScatteredPulse.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace pulsar {

void renderPulsar(const PulsarSignal& signal, const std::vector<double>& frequenciesGHz,
                  double channelWidthGHz, const PhaseAxis& axis, std::vector<double>& out) {
    const std::size_t channels = frequenciesGHz.size();
    out.resize(channels * axis.bins, 0.0);
    if (channels == 0 || axis.bins == 0) {
        return;
    }
    const double degPerMs = 360.0 / signal.periodMs;
    const double reference = frequenciesGHz.front();
    const double endDeg = axis.startDeg + axis.stepDeg * double(axis.bins);
    // Sub-pulses of each rotation, computed once for all channels.
    std::map<long, std::vector<SubPulse>> rotations;
    auto pulsesOf = [&](long n) -> const std::vector<SubPulse>& {
        auto found = rotations.find(n);
        if (found == rotations.end()) {
            found = rotations.emplace(n, subPulses(signal.carousel, n)).first;
        }
        return found->second;
    };
    for (std::size_t c = 0; c < channels; ++c) {
        const double f = frequenciesGHz[c];
        const double gain = signal.channelGains.empty() ? 1.0 : signal.channelGains[c];
        const double spectrum = signal.peakK * gain * std::pow(f / reference, signal.spectralIndex);
        if (spectrum <= 0.0) {
            continue;
        }
        const double delayDeg = degPerMs * dispersionDelayMs(signal.dm, f, reference);
        const double smearDeg =
            degPerMs * (dispersionDelayMs(signal.dm, f - 0.5 * channelWidthGHz, reference) -
                        dispersionDelayMs(signal.dm, f + 0.5 * channelWidthGHz, reference));
        const double tauDeg = degPerMs * signal.scatteringMs1GHz * std::pow(f, scatteringIndex);
        const double sigma0 = signal.carousel.sparkSizeDeg /
                              std::sin(signal.carousel.inclinationDeg * std::numbers::pi / 180.0);
        const double sigma = broadenedWidth(sigma0, axis.stepDeg, smearDeg);
        const double reach = scatteredPulseReach(sigma, tauDeg);
        // Rotations whose sub-pulses can land in the observed window (sub-pulses stay within
        // 180 degrees of their rotation's fiducial point).
        const double fiducial = signal.carousel.fiducialPhaseDeg;
        const auto first =
            long(std::floor((axis.startDeg - delayDeg - reach - fiducial - 180.0) / 360.0));
        const auto last =
            long(std::ceil((endDeg - delayDeg + 5.3 * sigma - fiducial + 180.0) / 360.0));
        double* row = out.data() + c * axis.bins;
        for (long n = first; n <= last; ++n) {
            for (const SubPulse& pulse : pulsesOf(n)) {
                const double centre = pulse.centreDeg + delayDeg; // observed
                // Area kept: the broadened Gaussian's peak drops by sigma0 / sigma.
                const double peak = spectrum * pulse.peak * sigma0 / sigma;
                const double lowBin =
                    std::ceil((centre - 5.3 * sigma - axis.startDeg) / axis.stepDeg);
                const double highBin = std::floor((centre + reach - axis.startDeg) / axis.stepDeg);
                const auto k0 = std::size_t(std::max(0.0, lowBin));
                const auto k1 = std::size_t(std::min(double(axis.bins) - 1.0, highBin));
                if (highBin < 0.0 || lowBin > double(axis.bins) - 1.0) {
                    continue;
                }
                for (std::size_t k = k0; k <= k1; ++k) {
                    const double phase = axis.startDeg + double(k) * axis.stepDeg;
                    row[k] += peak * scatteredPulse(phase - centre, sigma, tauDeg);
                }
            }
        }
    }
}

} // namespace pulsar
