#pragma once

namespace cyclone {

// The parametric tropical-cyclone vortex of Holland (1980), "An analytic model of the wind and
// pressure profiles in hurricanes", Mon. Wea. Rev. 108, 1212-1218:
//   p(r) = pc + dp exp(-(Rmax/r)^B)
//   V(r) = sqrt(B dp / rho (Rmax/r)^B exp(-(Rmax/r)^B) + (r f / 2)^2) - r |f| / 2
// (gradient wind), plus the 850 hPa relative vorticity of that wind and a warm core aloft.
// Distances in km, pressures in Pa, winds in m s-1.
class HollandVortex {
public:
    // Air density of the boundary layer used by Holland (1980), kg m-3.
    static constexpr double airDensity = 1.15;

    // centralDeficitPa = environmental pressure minus central pressure (> 0), rmaxKm > 0,
    // hollandB in (0, 3], latitude in degrees (its sign sets the sense of rotation).
    HollandVortex(double centralDeficitPa, double rmaxKm, double hollandB, double latitude);

    // A vortex with the given maximum gradient wind: B from Vickery & Wadhera (2008),
    //   B = 1.881 - 0.00557 Rmax[km] - 0.01295 |lat|, clamped to [1.0, 2.2],
    // and the deficit from Holland's cyclostrophic maximum V = sqrt(B dp / (rho e)).
    static HollandVortex fromMaximumWind(double maximumWind, double rmaxKm, double latitude);

    // Radius of maximum wind from Willoughby, Darling & Rahn (2006), eq. 7a:
    //   Rmax = 46.4 exp(-0.0155 Vmax + 0.0169 |lat|) km.
    static double typicalRmaxKm(double maximumWind, double latitude);

    double centralDeficitPa() const { return m_deficit; }
    double rmaxKm() const { return m_rmaxKm; }
    double hollandB() const { return m_b; }
    double latitude() const { return m_latitude; }

    // Environmental pressure minus p(r), Pa: dp at the centre, falling to 0 far away.
    double pressureDeficit(double radiusKm) const;
    // Gradient-wind speed (m s-1), 0 at the centre, largest near Rmax.
    double gradientWind(double radiusKm) const;
    // Relative vorticity zeta = dV/dr + V/r of the axisymmetric wind (s-1), signed like the
    // Coriolis parameter: positive (cyclonic) in the northern hemisphere, negative in the south.
    double relativeVorticity(double radiusKm) const;
    // Warm-core temperature anomaly (K) at 300 and 500 hPa, see HollandVortex.cpp.
    double warmCore300(double radiusKm) const;
    double warmCore500(double radiusKm) const;

private:
    double m_deficit;
    double m_rmaxKm;
    double m_b;
    double m_latitude;
    double m_coriolis;
};

} // namespace cyclone
