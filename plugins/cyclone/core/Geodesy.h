#pragma once

namespace cyclone {

// Mean Earth radius (IUGG), m.
inline constexpr double earthRadiusMetres = 6371008.8;
// Earth's rotation rate, rad s-1 (sidereal day).
inline constexpr double earthRotationRate = 7.2921159e-5;

// Great-circle distance in km between two points in degrees (haversine formula, which stays
// accurate for the short distances the tracker and the validation compare). Longitudes may use
// either convention (-180..180 or 0..360): only their difference matters.
double haversineKm(double lat1, double lon1, double lat2, double lon2);

// Coriolis parameter f = 2 Omega sin(lat), s-1: positive in the northern hemisphere, which is
// why a cyclone's relative vorticity there is positive (cyclonic = same sense as the Earth).
double coriolisParameter(double latitudeDegrees);

// Longitude folded into [0, 360).
double longitude360(double longitudeDegrees);
// Longitude folded into [-180, 180) (the IBTrACS convention).
double longitude180(double longitudeDegrees);

} // namespace cyclone
