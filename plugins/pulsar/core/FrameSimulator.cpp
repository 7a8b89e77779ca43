#include "FrameSimulator.h"

#include "PulseProfile.h"
#include "Scintillation.h"
#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pulsar {

namespace {

void require(bool ok, const std::string& message) {
    if (!ok) {
        throw std::invalid_argument(message);
    }
}

std::string text(double value) {
    std::string s = std::to_string(value);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') {
        s.pop_back();
    }
    return s;
}

bool fraction(double value) {
    return value >= 0.0 && value <= 1.0;
}

} // namespace

void validateConfig(const SimulationConfig& c) {
    // The grid checks the channel count and the band.
    makeFrameGrid(c.channels, c.topGHz, c.bottomGHz);
    require(fraction(c.pulsarFraction) && fraction(c.nbrfiFraction) && fraction(c.bbrfiFraction),
            "pulsar_fraction, nbrfi_fraction and bbrfi_fraction must be within 0..1");
    require(c.rfiMaxCount >= 1, "rfi_max_count must be at least 1");
    require(c.rfi.intensityMin >= 0.0 && c.rfi.intensityMin <= c.rfi.intensityMax,
            "RFI intensities must satisfy 0 <= rfi_intensity_min <= rfi_intensity_max");
    require(fraction(c.rfi.variantFraction), "rfi_variant_fraction must be within 0..1");
    require(c.snrMin > 0.0 && c.snrMin <= c.snrMax,
            "S/N range must satisfy 0 < snr_min <= snr_max (snr_min " + text(c.snrMin) +
                ", snr_max " + text(c.snrMax) + ")");
    require(c.periodMinS > 0.0 && c.periodMinS <= c.periodMaxS,
            "period range must satisfy 0 < period_min <= period_max (s)");
    require(c.dm >= 0.0, "dm is " + text(c.dm) +
                             " pc cm-3: a dispersion measure cannot be "
                             "negative");
    require(c.dmSpread >= 0.0, "dm_spread is " + text(c.dmSpread) + ": must not be negative");
    require(c.scatteringMaxMs >= 0.0, "scattering_max_ms must not be negative");
    require(c.scintillationIndex >= 0.0 && c.scintillationIndexSpread >= 0.0 &&
                c.scintillationBandwidthMHz > 0.0,
            "scintillation index, spread and bandwidth must not be negative (bandwidth > 0)");
    require(c.sparksMin >= 1 && c.sparksMin <= c.sparksMax,
            "sparks must satisfy 1 <= sparks_min <= sparks_max");
    require(!c.conalLatitudesDeg.empty(), "conal_latitudes needs at least one ring");
    for (double ring : c.conalLatitudesDeg) {
        require(ring > 0.0 && ring < 30.0,
                "conal latitude " + text(ring) + " deg is outside 0..30 deg (a polar-cap ring)");
    }
    require(c.sparkSizeDeg > 0.0, "spark_size must be positive");
    require(c.sparkFluxSpread >= 0.0 && c.driftMaxDeg >= 0.0 && c.impactMaxDeg >= 0.0,
            "spark_flux_spread, drift_max and impact_max must not be negative");
    require(c.inclinationDeg > 0.0 && c.inclinationDeg <= 90.0,
            "inclination must be within (0, 90] deg");
    require(c.fluxK > 0.0, "flux must be positive");
    require(c.maskFraction > 0.0 && c.maskFraction < 1.0, "mask_fraction must be within (0, 1)");
}

FrameSimulator::FrameSimulator(SimulationConfig config) : m_config(std::move(config)) {
    validateConfig(m_config);
    m_grid = makeFrameGrid(m_config.channels, m_config.topGHz, m_config.bottomGHz);
    m_bandpass = bandpassGain(m_config.receiver, m_grid.frequenciesGHz);
    m_tsys = pulsar::systemTemperature(m_config.receiver, m_grid.frequenciesGHz);
}

PulsarSignal drawPulsar(const SimulationConfig& c, const FrameGrid& grid, FrameParameters& p,
                        twins::sdk::Random& random) {
    p.periodS = random.uniform(c.periodMinS, c.periodMaxS);
    p.dm = std::max(0.0, random.normal(c.dm, c.dmSpread));
    p.snr = c.snrLogUniform ? std::exp(random.uniform(std::log(c.snrMin), std::log(c.snrMax)))
                            : random.uniform(c.snrMin, c.snrMax);
    p.scatteringMs = random.uniform(0.0, c.scatteringMaxMs);
    p.scintillationIndex =
        std::clamp(random.normal(c.scintillationIndex, c.scintillationIndexSpread), 0.0, 1.0);
    p.driftDeg = random.uniform(-c.driftMaxDeg, c.driftMaxDeg);
    p.impactDeg = random.uniform(-c.impactMaxDeg, c.impactMaxDeg);
    p.fiducialPhaseDeg = random.uniform(0.0, 360.0);

    PulsarSignal signal;
    signal.periodMs = 1000.0 * p.periodS;
    signal.dm = p.dm;
    signal.scatteringMs1GHz = p.scatteringMs;
    signal.spectralIndex = c.spectralIndex;
    signal.peakK = c.fluxK;
    signal.carousel.inclinationDeg = c.inclinationDeg;
    signal.carousel.impactDeg = p.impactDeg;
    signal.carousel.sparkSizeDeg = c.sparkSizeDeg;
    signal.carousel.driftDeg = p.driftDeg;
    signal.carousel.fiducialPhaseDeg = p.fiducialPhaseDeg;
    for (double ring : c.conalLatitudesDeg) {
        const auto count =
            c.sparksMin + int(random.uniformIndex(std::uint64_t(c.sparksMax - c.sparksMin + 1)));
        const double offset = random.uniform(0.0, 360.0);
        for (int s = 0; s < count; ++s) {
            Spark spark;
            spark.ringDeg = ring;
            spark.azimuthDeg = offset + 360.0 * double(s) / double(count);
            spark.brightness = std::exp(c.sparkFluxSpread * random.normal());
            signal.carousel.sparks.push_back(spark);
        }
        p.sparks += count;
    }
    signal.channelGains =
        scintillationGains(grid.channels(), grid.channelWidthGHz, p.scintillationIndex,
                           c.scintillationBandwidthMHz, random);

    return signal;
}

Frame FrameSimulator::simulate(std::size_t index) const {
    const SimulationConfig& c = m_config;
    const std::size_t channels = m_grid.channels();
    const std::size_t bins = m_grid.bins();
    twins::sdk::Random random(twins::sdk::streamSeed(c.seed, index));
    Frame frame;
    FrameParameters& p = frame.parameters;
    p.pulsar = random.bernoulli(c.pulsarFraction);
    p.nbrfi = random.bernoulli(c.nbrfiFraction);
    p.bbrfi = random.bernoulli(c.bbrfiFraction);
    const PulsarSignal signal = drawPulsar(c, m_grid, p, random);

    std::vector<double> kelvin;
    renderPulsar(signal, m_grid.frequenciesGHz, m_grid.channelWidthGHz,
                 PhaseAxis{0.0, m_grid.phaseStepDeg, bins}, kelvin);
    frame.pulsarFlux.resize(channels * bins);
    for (std::size_t ch = 0; ch < channels; ++ch) {
        for (std::size_t k = 0; k < bins; ++k) {
            frame.pulsarFlux[ch * bins + k] = m_bandpass[ch] * kelvin[ch * bins + k];
        }
    }

    // Noise level for the drawn S/N: the dedispersed band-summed noise has standard deviation
    // eta sqrt(sum_c (gain_c Tsys_c)^2).
    const auto shifts =
        dedispersionShifts(m_grid.frequenciesGHz, p.dm, frameBinMs(p.periodS, m_grid), bins);
    const double height = pulseHeight(dedispersedProfile(frame.pulsarFlux, bins, shifts));
    if (!(height > 0.0)) {
        throw std::runtime_error("frame " + std::to_string(index) +
                                 ": the pulsar drawn for it has no visible pulse (every spark "
                                 "misses the line of sight); change seed or the spark settings");
    }
    double sumSquares = 0.0;
    for (std::size_t ch = 0; ch < channels; ++ch) {
        sumSquares += m_bandpass[ch] * m_tsys[ch] * m_bandpass[ch] * m_tsys[ch];
    }
    p.radiometerFactor = height / (p.snr * std::sqrt(sumSquares));
    frame.noiseSigma.resize(channels);
    for (std::size_t ch = 0; ch < channels; ++ch) {
        frame.noiseSigma[ch] = p.radiometerFactor * m_bandpass[ch] * m_tsys[ch];
    }

    frame.rfiFlux.assign(channels * bins, 0.0);
    for (int family = 0; family < 2; ++family) {
        const bool narrow = family == 0;
        if (narrow ? !p.nbrfi : !p.bbrfi) {
            continue;
        }
        const auto count = 1 + int(random.uniformIndex(std::uint64_t(c.rfiMaxCount)));
        for (int e = 0; e < count; ++e) {
            p.rfi.push_back(drawRfi(narrow, c.rfi, channels, bins, random));
            renderRfi(p.rfi.back(), channels, bins, frame.noiseSigma, frame.rfiFlux);
        }
    }

    frame.mask.assign(channels * bins, 0);
    if (p.pulsar) {
        const double globalPeak =
            *std::max_element(frame.pulsarFlux.begin(), frame.pulsarFlux.end());
        for (std::size_t ch = 0; ch < channels; ++ch) {
            const double* row = frame.pulsarFlux.data() + ch * bins;
            const double channelPeak = *std::max_element(row, row + bins);
            if (channelPeak < 1e-3 * globalPeak) {
                continue; // scintillated away or too faint to trace
            }
            for (std::size_t k = 0; k < bins; ++k) {
                frame.mask[ch * bins + k] = row[k] >= c.maskFraction * channelPeak ? 1 : 0;
            }
        }
    } else {
        std::fill(frame.pulsarFlux.begin(), frame.pulsarFlux.end(), 0.0);
        p.snr = 0.0;
    }
    for (const RfiEvent& event : p.rfi) {
        forEachRfiPixel(event, channels, bins,
                        [&](std::size_t ch, std::size_t k) { frame.mask[ch * bins + k] = 1; });
    }

    frame.data.resize(channels * bins);
    for (std::size_t ch = 0; ch < channels; ++ch) {
        const double baseline = m_bandpass[ch] * m_tsys[ch];
        for (std::size_t k = 0; k < bins; ++k) {
            const std::size_t i = ch * bins + k;
            frame.data[i] = baseline + frame.pulsarFlux[i] + frame.rfiFlux[i] +
                            frame.noiseSigma[ch] * random.normal();
        }
    }
    return frame;
}

double frameSnr(const FrameSimulator& simulator, const Frame& frame) {
    const FrameGrid& grid = simulator.grid();
    const FrameParameters& p = frame.parameters;
    if (!p.pulsar) {
        return 0.0;
    }
    const auto shifts =
        dedispersionShifts(grid.frequenciesGHz, p.dm, frameBinMs(p.periodS, grid), grid.bins());
    double sumSquares = 0.0;
    for (double sigma : frame.noiseSigma) {
        sumSquares += sigma * sigma;
    }
    return pulseHeight(dedispersedProfile(frame.pulsarFlux, grid.bins(), shifts)) /
           std::sqrt(sumSquares);
}

} // namespace pulsar
