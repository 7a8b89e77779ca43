#pragma once

#include <vector>

namespace cyclone {

struct LatLonGrid;

// The background climate of one step on the whole grid (row-major), what FieldSynthesizer adds
// weather to. Filled by BackgroundClimate::evaluate.
struct ClimateGrid {
    std::vector<float> msl;   // Pa
    std::vector<float> sst;   // K, everywhere (land is masked by the caller)
    std::vector<float> u;     // steering flow, m s-1 east
    std::vector<float> v;     // steering flow, m s-1 north
    std::vector<double> t500; // K, per row (no longitude dependence)
    std::vector<double> t300; // K, per row
};

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

    // All of the above on a grid at once. Every field is a sum of products of a function of
    // latitude and a function of longitude, so the factors are computed once per row and per
    // column (a few thousand exp() instead of a few per point: at 0.25 deg the point-by-point
    // evaluation was most of a generated step). Equal to the point functions up to float
    // rounding (checked by the generator test).
    void evaluate(const LatLonGrid& grid, double dayOfYear, ClimateGrid& out) const;

private:
    double m_warming;
};

} // namespace cyclone
