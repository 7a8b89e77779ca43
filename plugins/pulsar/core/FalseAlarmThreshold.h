#pragma once

// The peer's detection threshold for a false-alarm rate: the S/N that at most `rate` of
// pulsar-free frames (noise and RFI, searched over the same DM trials) exceed. Those frames'
// best-trial S/N values are sorted from the largest down and the threshold is the value at
// position floor(rate x count): a frame is detected when its S/N is strictly above it, so at
// most floor(rate x count) of the calibration frames are false alarms. With fewer than 1 / rate
// frames the threshold is their largest S/N (no false alarm among them, the rate unresolved).

#include <vector>

namespace pulsar {

// Throws std::invalid_argument for no frames or a rate outside (0, 1).
double thresholdForFalseAlarmRate(std::vector<double> pulsarFreeSnrs, double rate);

} // namespace pulsar
