#pragma once

// The shape of one sub-pulse as a channel records it: a Gaussian (the spark's beam crossed by
// the line of sight) convolved with the one-sided exponential of interstellar scattering,
// exp(-t / tau) / tau (Williamson 1972), i.e. an exponentially modified Gaussian. Finite phase
// bins and the dispersion smearing inside a channel are boxcars; each is folded into the
// Gaussian's width with the boxcar's variance (width^2 / 12), which keeps the area and the
// second moment of the exact convolution.

namespace pulsar {

// Value at `offset` from the unscattered centre of a pulse whose unscattered peak is 1, width
// `sigma` and scattering time `tau` (all in the same unit, e.g. degrees of phase). The area
// is sigma * sqrt(2 pi) whatever tau is: scattering spreads the flux, it does not remove it.
double scatteredPulse(double offset, double sigma, double tau);

// How far past the centre the pulse still matters (beyond it the value is < 1e-6 of the peak):
// the window a renderer has to visit.
double scatteredPulseReach(double sigma, double tau);

// sigma^2 + (each boxcar width)^2 / 12, square-rooted.
double broadenedWidth(double sigma, double binWidth, double smearWidth);

} // namespace pulsar
