#pragma once

namespace wildfire {

// The hidden state of a land cell, carried from one 8-day step to the next: what makes fire
// depend on the past and not only on the weather of the step.
struct LandState {
    double soilWater = 75.0;           // mm in the root zone (0..soilCapacityMm)
    double lai = 1.0;                  // leaf area index, m2 m-2
    double fuel = 1.0;                 // dead fine fuel (litter), kg m-2
    double climatePrecipitation = 2.0; // running one-year mean precipitation, mm day-1
    double climateEvaporation = 3.0;   // running one-year mean potential evaporation, mm day-1
};

constexpr double soilCapacityMm = 150.0;

// Priestley-Taylor potential evaporation (mm day-1) from the absorbed solar radiation (MJ m-2
// day-1, ~70% of it as net radiation) and the air temperature, which sets the share of the
// energy that evaporates (the slope of the saturation curve over that plus the psychrometric
// constant, ~0.4 at 0 C, ~0.8 at 30 C). Nothing evaporates from frozen ground.
double potentialEvaporation(double airTemperatureK, double ssrMJ);

// A one-layer bucket (Manabe 1969): rain fills it, evaporation at the potential rate while the
// soil is wetter than 60% of capacity and proportionally less below, the excess runs off.
void updateSoilWater(LandState& state, double precipitationMm, double potentialMmPerDay, int days);

// The drought index: 1 - soil water / capacity (0 wet .. 1 bone dry). It integrates the
// past weeks' rain and evaporation, so it lags the weather.
double droughtIndex(const LandState& state);

// Leaf area relaxes towards what temperature (a growing season above freezing), water (the soil
// bucket) and the long-term climate allow: the aridity index (one-year precipitation over
// potential evaporation; UNEP: < 0.2 arid, > 0.65 humid) sets the canopy a cell can carry, from
// bare desert through savanna grass to forest. Greening takes ~3 weeks, browning ~2; nothing
// grows on ice sheets.
void updateVegetation(LandState& state, double airTemperatureK, double precipitationMmPerDay,
                      double potentialMmPerDay, double iceSheet, int days);

// Leaves fall into the litter (fuel) and decompose, fast where it is warm and wet and slowly
// where it is cold or dry, so fuel builds up over the seasons before it burns.
void updateFuel(LandState& state, double airTemperatureK, int days);

} // namespace wildfire
