#pragma once

// A continuous observation of one pulsar (time x frequency) for the SIGPROC filterbank export:
// the frames' physics (carousel, dispersion, scattering, scintillation, bandpass, system
// temperature, radiometer noise) sampled every tsamp instead of folded into 5-degree bins.
// Its S/N is that of the folded observation: the observation folded at the period into
// `foldBins` bins, dedispersed and band-summed, peak above the off-pulse mean over the
// off-pulse standard deviation (the frames' definition applied to the folded data), computed
// from the noise-free signal and the injected noise.

#include "Filterbank.h"
#include "FrameSimulator.h"

#include <cstddef>

namespace pulsar {

struct ObservationConfig {
    SimulationConfig pulsar; // band, receiver, carousel and propagation settings, seed
    double periodS = 0.5;
    double dm = 30.0;
    double snr = 30.0;
    double tsampMs = 1.0;
    double durationS = 10.0;
    std::size_t foldBins = 64;
};

struct Observation {
    FilterbankData filterbank;
    FrameParameters parameters; // the pulsar's draws, with the configured period, DM and S/N
};

// Throws std::invalid_argument naming the bad setting.
Observation simulateObservation(const ObservationConfig& config);

} // namespace pulsar
