#pragma once

#include "Geography.h"
#include "Scenario.h"

namespace wildfire {

// The seasonal (expected) climate of a cell on a day of the year, before the weather of a
// particular step: what a 21-year climatology of SeasFire's drivers would show, from a few
// physical ingredients. All temperatures in K, precipitation in mm day-1.
//
// - Air temperature: a meridional profile of the annual mean plus the seasonal anomaly of
//   insolation times a response that grows with continentality (small heat capacity of land:
//   large, early seasons; the ocean's mixed layer: small, late ones), ice-sheet altitude
//   cooling, and the scenario's warming, larger over land and in the Arctic (AR6 WG1 4.5.1).
// - Sea surface temperature: a flatter profile with a small, late seasonal cycle, never below
//   sea water's freezing point (271.35 K), warming at 0.8 of the global mean.
// - Precipitation: the ITCZ following the sun (a few degrees over the ocean, 12 over land:
//   the monsoons of West Africa, South Asia, Australia and South America), a wet equatorial
//   belt over land, the mid-latitude storm tracks (stronger in winter, weaker inland),
//   subsidence drying around 24 degrees (the subtropical deserts, strongest inland), and less
//   water vapour to rain out in the cold (Clausius-Clapeyron, ~7% per K).
class SeasonalClimate {
public:
    explicit SeasonalClimate(Scenario scenario);

    // Continentality as the air over the cell feels it (0 open ocean .. 1 deep interior).
    static double airContinentality(const CellGeography& cell);

    double airTemperature(const CellGeography& cell, double dayOfYear) const;
    double seaSurfaceTemperature(const CellGeography& cell, double dayOfYear) const;
    double precipitationRate(const CellGeography& cell, double dayOfYear,
                             double airTemperatureK) const;
    // Subsidence (0..1) of the subtropical high at a latitude: deserts and dry air.
    static double subsidence(double latitude);
    // Share (0..1) of the ITCZ's rain band over the cell on that day.
    double itczShare(const CellGeography& cell, double dayOfYear) const;

    const Scenario& scenario() const { return m_scenario; }

private:
    Scenario m_scenario;
};

} // namespace wildfire
