#pragma once

// What the telescope adds to every frame: the receiver's bandpass (its gain across the band)
// and the system temperature, receiver noise plus the Galactic sky, whose brightness falls as
// f^-2.55 (Haslam et al. 1982 at 408 MHz; the spectral index of Lawson et al. 1987). Every
// recorded power is gain(f) x (Tsys(f) + source temperature); the radiometer noise of a pixel
// is gain(f) x Tsys(f) x eta, eta = 1 / sqrt(n_pol bandwidth time) (the radiometer equation).

#include <vector>

namespace pulsar {

struct ReceiverModel {
    double receiverTemperatureK = 40.0;
    double skyTemperature408K = 25.0; // sky brightness at 408 MHz
    double bandpassRipple = 0.1;      // relative amplitude of the standing-wave ripple
};

// Gain per channel (centres `frequenciesGHz`, descending): a flat top rolling off over the
// outer 3% of the band at each edge, times 1 + ripple sin(...) with 7 ripples across the band.
// Peak near 1, never below 0.05.
std::vector<double> bandpassGain(const ReceiverModel& model,
                                 const std::vector<double>& frequenciesGHz);

// Tsys per channel in K.
std::vector<double> systemTemperature(const ReceiverModel& model,
                                      const std::vector<double>& frequenciesGHz);

} // namespace pulsar
