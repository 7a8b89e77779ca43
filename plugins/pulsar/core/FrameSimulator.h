#pragma once

// Frames of frequency x rotational phase as ML-PPA's simulator makes them, each with its
// noise-free flux, mask, multi-label truth {Pulsar, NBRFI, BBRFI} and every drawn parameter.
// Frame i draws everything from its own random stream (streamSeed(seed, i)), so it does not
// depend on how many frames are made, in which order or on how many threads.
//
// Recorded power of a pixel: gain(f) (Tsys(f) + T_pulsar) + RFI + gain(f) Tsys(f) eta n, n
// standard normal. eta is set so that the frame's S/N (PulseProfile.h) is the drawn one: a
// pulsar-free frame draws a pulsar too, for its noise level only, so the noise says nothing
// about the label.

#include "FrameGrid.h"
#include "PulsarSignal.h"
#include "Receiver.h"
#include "Rfi.h"
#include "twinbench/sdk/Random.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pulsar {

struct SimulationConfig {
    int channels = defaultChannels;
    double topGHz = defaultTopGHz;
    double bottomGHz = defaultBottomGHz;
    std::uint64_t seed = 1;
    ReceiverModel receiver;

    // Class mix: each label is drawn independently (multi-label).
    double pulsarFraction = 0.5;
    double nbrfiFraction = 0.3;
    double bbrfiFraction = 0.3;
    int rfiMaxCount = 2; // events per present RFI family, 1..max
    RfiRanges rfi;

    // S/N of the pulse, uniform or log-uniform in [snrMin, snrMax].
    double snrMin = 5.0;
    double snrMax = 50.0;
    bool snrLogUniform = true;

    double periodMinS = 0.25;
    double periodMaxS = 1.5;
    double dm = 40.0;              // pc cm^-3, mean
    double dmSpread = 15.0;        // standard deviation; draws below 0 are cut at 0
    double scatteringMaxMs = 0.05; // at 1 GHz; uniform in [0, max]
    double spectralIndex = -1.6;
    double scintillationIndex = 0.5;
    double scintillationIndexSpread = 0.2;
    double scintillationBandwidthMHz = 20.0;

    int sparksMin = 4; // per ring
    int sparksMax = 8;
    std::vector<double> conalLatitudesDeg{3.0, 6.0};
    double sparkSizeDeg = 1.0;
    double sparkFluxSpread = 0.3; // lognormal sigma of the sparks' brightness
    double driftMaxDeg = 10.0;    // carousel drift per rotation, uniform in [-max, max]
    double inclinationDeg = 45.0;
    double impactMaxDeg = 2.0; // |beta| <= max
    double fluxK = 1.0;        // brightness of a spark of brightness 1 at the top channel

    double maskFraction = 0.5; // pulsar pixels at or above this share of their channel's peak
};

// Throws std::invalid_argument naming the first bad setting.
void validateConfig(const SimulationConfig& config);

struct FrameParameters {
    bool pulsar = false;
    bool nbrfi = false;
    bool bbrfi = false;
    double periodS = 0.0;
    // The pulsar's draws (kept for a pulsar-free frame too: its noise level follows them).
    double dm = 0.0;
    double snr = 0.0;
    double scatteringMs = 0.0; // at 1 GHz
    double scintillationIndex = 0.0;
    double driftDeg = 0.0;
    double impactDeg = 0.0;
    double fiducialPhaseDeg = 0.0;
    int sparks = 0;
    double radiometerFactor = 0.0; // eta: pixel noise / (gain Tsys)
    std::vector<RfiEvent> rfi;
};

struct Frame {
    FrameParameters parameters;
    // channel-major (c * bins + k), frame units (K times the bandpass gain)
    std::vector<double> data;       // what the telescope records
    std::vector<double> pulsarFlux; // noise-free pulsar (zero when the label is 0)
    std::vector<double> rfiFlux;    // noise-free RFI
    std::vector<std::uint8_t> mask; // 1 where the pulsar or RFI is
    std::vector<double> noiseSigma; // per channel
};

class FrameSimulator {
public:
    explicit FrameSimulator(SimulationConfig config); // validates
    const SimulationConfig& config() const { return m_config; }
    const FrameGrid& grid() const { return m_grid; }
    const std::vector<double>& bandpass() const { return m_bandpass; }
    const std::vector<double>& systemTemperature() const { return m_tsys; }

    Frame simulate(std::size_t index) const;

private:
    SimulationConfig m_config;
    FrameGrid m_grid;
    std::vector<double> m_bandpass;
    std::vector<double> m_tsys;
};

// Draws the pulsar of one frame from `random` into `p` (period, DM, S/N, scattering,
// scintillation, carousel) and returns its signal for the channels of `grid`.
PulsarSignal drawPulsar(const SimulationConfig& config, const FrameGrid& grid, FrameParameters& p,
                        twins::sdk::Random& random);

// The pulse's noise-free signal of a frame (already times the bandpass), dedispersed and
// band-summed, and the frame's exact S/N given its noise level.
double frameSnr(const FrameSimulator& simulator, const Frame& frame);

} // namespace pulsar
