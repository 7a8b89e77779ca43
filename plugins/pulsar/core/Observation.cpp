#include "Observation.h"

#include "Folding.h"
#include "PulseProfile.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace pulsar {

Observation simulateObservation(const ObservationConfig& config) {
    validateConfig(config.pulsar);
    if (config.dm < 0.0) {
        throw std::invalid_argument("dm is " + std::to_string(config.dm) +
                                    " pc cm-3: a dispersion measure cannot be negative");
    }
    if (!(config.periodS > 0.0) || !(config.tsampMs > 0.0) || !(config.snr > 0.0)) {
        throw std::invalid_argument("the observation needs a positive period, sample time and "
                                    "S/N");
    }
    if (config.foldBins < 8 || config.tsampMs * 1e-3 * double(config.foldBins) > config.periodS) {
        throw std::invalid_argument("fold_bins must be at least 8 and its bins no shorter than "
                                    "one sample (tsamp x fold_bins <= period)");
    }
    if (!(config.durationS >= 2.0 * config.periodS)) {
        throw std::invalid_argument("the observation must last at least two periods");
    }
    const SimulationConfig& c = config.pulsar;
    const FrameGrid grid = makeFrameGrid(c.channels, c.topGHz, c.bottomGHz);
    const std::size_t channels = grid.channels();
    const auto samples = std::size_t(std::floor(config.durationS * 1000.0 / config.tsampMs));

    twins::sdk::Random random(twins::sdk::streamSeed(c.seed, 0));
    Observation observation;
    FrameParameters& p = observation.parameters;
    p.pulsar = true;
    PulsarSignal signal = drawPulsar(c, grid, p, random);
    p.periodS = config.periodS;
    p.dm = config.dm;
    p.snr = config.snr;
    signal.periodMs = 1000.0 * config.periodS;
    signal.dm = config.dm;

    std::vector<double> kelvin; // channels x samples
    const double stepDeg = 360.0 * config.tsampMs / signal.periodMs;
    renderPulsar(signal, grid.frequenciesGHz, grid.channelWidthGHz,
                 PhaseAxis{0.0, stepDeg, samples}, kelvin);
    const std::vector<double> gain = bandpassGain(c.receiver, grid.frequenciesGHz);
    const std::vector<double> tsys = systemTemperature(c.receiver, grid.frequenciesGHz);

    // Noise for the S/N of the folded profile: a folded bin averages samples / foldBins
    // samples, so its band-summed noise is eta sqrt(sum (gain Tsys)^2 / (samples / bins)).
    const std::vector<double> folded = foldChannels(
        samples, channels, config.tsampMs * 1e-3, config.periodS, config.foldBins,
        [&](std::size_t j, std::size_t ch) { return gain[ch] * kelvin[ch * samples + j]; });
    const double binMs = 1000.0 * config.periodS / double(config.foldBins);
    const double height = pulseHeight(dedispersedProfile(
        folded, config.foldBins,
        dedispersionShifts(grid.frequenciesGHz, config.dm, binMs, config.foldBins)));
    if (!(height > 0.0)) {
        throw std::runtime_error("the pulsar drawn for the observation has no visible pulse; "
                                 "change seed or the spark settings");
    }
    double sumSquares = 0.0;
    for (std::size_t ch = 0; ch < channels; ++ch) {
        sumSquares += gain[ch] * tsys[ch] * gain[ch] * tsys[ch];
    }
    const double perBin = double(samples) / double(config.foldBins);
    p.radiometerFactor = height / (config.snr * std::sqrt(sumSquares / perBin));

    FilterbankHeader& h = observation.filterbank.header;
    h.fch1 = 1000.0 * grid.frequenciesGHz.front();
    h.foff = -1000.0 * grid.channelWidthGHz;
    h.nchans = int(channels);
    h.tsamp = config.tsampMs * 1e-3;
    h.periodS = config.periodS;
    observation.filterbank.samples = samples;
    std::vector<float>& values = observation.filterbank.values;
    values.resize(samples * channels);
    for (std::size_t j = 0; j < samples; ++j) {
        for (std::size_t ch = 0; ch < channels; ++ch) {
            const double level = gain[ch] * tsys[ch];
            values[j * channels + ch] = float(level + gain[ch] * kelvin[ch * samples + j] +
                                              p.radiometerFactor * level * random.normal());
        }
    }
    return observation;
}

} // namespace pulsar
