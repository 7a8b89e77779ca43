#pragma once

namespace wildfire {

// Daily-mean top-of-atmosphere insolation (W m-2) at a latitude (degrees) on a day of the year
// (1..366, fractional allowed): solar constant 1361 W m-2 (Kopp & Lean 2011), Cooper's (1969)
// declination, the eccentricity factor 1 + 0.033 cos(2 pi d / 365) and the sunrise hour angle
// (polar day and night included); Hartmann, Global Physical Climatology, eq. 2.15.
double dailyInsolation(double latitudeDegrees, double dayOfYear);

// Its mean over the year at a latitude (numerical, 73 points), for seasonal anomalies.
double annualMeanInsolation(double latitudeDegrees);

} // namespace wildfire
