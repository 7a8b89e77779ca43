#pragma once

// Cold-plasma dispersion: a pulse at frequency f arrives later than at the reference frequency
// by k_DM * DM * (f^-2 - f_ref^-2), with k_DM = 4.148808 ms GHz^2 pc^-1 cm^3 (Lorimer & Kramer
// 2005, eq. 4.7). The reference is the top of the band, so delays are positive.

namespace pulsar {

inline constexpr double dispersionConstantMs = 4.148808; // ms GHz^2 cm^3 pc^-1

// Delay (ms) of frequency fGHz relative to fRefGHz for a dispersion measure dm (pc cm^-3).
double dispersionDelayMs(double dm, double fGHz, double fRefGHz);

// The DM step whose delay difference across the band [lowGHz, highGHz] is `delayMs`: trials
// this far apart smear a pulse by at most that much anywhere in the band.
double dmStepForDelay(double delayMs, double lowGHz, double highGHz);

} // namespace pulsar
