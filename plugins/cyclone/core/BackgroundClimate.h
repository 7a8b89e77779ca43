#pragma once

namespace cyclone {

// The seasonal background climate of the domain, as smooth analytic functions of latitude,
// longitude and day of year, shifted by a scenario's warming offset. Values are typical of ERA5
// climatology (see BackgroundClimate.cpp for the numbers and why); weather (noise, waves,
// cyclones) is added on top by FieldSynthesizer.
class BackgroundClimate {
public:
    // warmingKelvin shifts SST and the troposphere (more aloft: the tropical upper troposphere
    // warms ~1.5-2x the surface, following the moist adiabat).
    explicit BackgroundClimate(double warmingKelvin);

    double warming() const { return m_warming; }

    // Sea surface temperature, K (defined everywhere; the generator masks land).
    double seaSurfaceTemperature(double latitude, double longitude, double dayOfYear) const;
    // SST relative to the tropical-mean warming, K: what sets genesis and potential intensity
    // (Vecchi & Soden 2007: intensity follows SST relative to the tropical mean, so a uniform
    // warming raises potential intensity only modestly: a quarter of the warming counts here,
    // ~3 m s-1 per K of potential intensity, in the range of Knutson et al. 2010).
    double relativeSeaSurfaceTemperature(double latitude, double longitude, double dayOfYear) const;
    // Mean sea level pressure, Pa: subtropical highs, equatorial trough, subpolar lows.
    double seaLevelPressure(double latitude, double longitude, double dayOfYear) const;
    double temperature500(double latitude, double dayOfYear) const;
    double temperature300(double latitude, double dayOfYear) const;

    // Deep-layer steering flow (m s-1, eastward u and northward v): easterly trades south of the
    // subtropical ridge, westerlies north of it, and poleward flow on the western flanks of the
    // North Pacific and North Atlantic highs, where real cyclones recurve.
    struct Wind {
        double u = 0.0;
        double v = 0.0;
    };
    Wind steeringFlow(double latitude, double longitude, double dayOfYear) const;
    // Latitude of the subtropical ridge (degrees north), further north in northern summer.
    double ridgeLatitude(double dayOfYear) const;

private:
    double m_warming;
};

} // namespace cyclone
