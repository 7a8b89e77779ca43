#pragma once

#include "twinbench/sdk/Random.h"

namespace wildfire {

// What the fire of one cell and step depends on. Dryness and fuel are the hidden state of the
// land surface (antecedent drought, fuel built up over previous steps), humidity and
// temperature the weather of the step.
struct FireConditions {
    double landAreaHa = 0.0;
    double fuel = 0.0;              // kg m-2 of dead fine fuel
    double drought = 0.0;           // 0 wet .. 1 dry soil
    double relativeHumidity = 50.0; // %
    double airTemperatureK = 290.0;
};

// Fire as a product of its limits (Archibald et al. 2009; the fire modules of JSBACH/SPITFIRE
// in simplified form): ignitions (lightning and people, per km2 of land) that spread only where
// there is fuel, where the soil is dry and the air dry and warm. The number of fires is Poisson,
// each fire's size a tapered Pareto (power-law exponent ~1.75 with an exponential taper;
// Schoenberg et al. 2003; FireCCI fire-size spectra) whose scale grows with dryness and fuel, so
// dry fuel-rich steps have many more and much larger fires.
//
// Calibration: ignitionsPerKm2 and sizeScaleHa are the two constants matched to the published
// SeasFire v3 scaler statistics of fcci_ba (see plugins/wildfire/README.md); the shape of the
// size distribution sets the spread around the mean.
class FireModel {
public:
    static constexpr double ignitionsPerKm2 = 5.8e-4; // per 8-day step at full danger
    static constexpr double sizeScaleHa = 4.4e-4;     // smallest fire at full danger
    static constexpr double paretoExponent = 0.75;    // of the survival function
    static constexpr double taperInScales = 400.0;    // exponential taper, in smallest fires
    // Fuel continuity: a fire spreads only through connected fine fuel. Below
    // patchyFuelKgM2 the litter lies in patches a fire cannot cross; the share of the fuel
    // that carries fire then grows linearly up to continuousFuelKgM2. Set so that bare desert
    // (a canopy below LAI ~0.1, whose sparse litter the generator's slow dry decay still piles
    // up to ~5 kg m-2 per unit LAI) never burns, as a cell without fuel cannot; arid grassland
    // burns a little, savanna and forest as before.
    static constexpr double patchyFuelKgM2 = 0.8;
    static constexpr double continuousFuelKgM2 = 2.4;

    // The three limits, each 0..1 (or a little above for heat). The fuel limit includes the
    // fuel's continuity (0 below patchyFuelKgM2).
    static double fuelLimit(const FireConditions& conditions);
    static double drynessLimit(const FireConditions& conditions);
    static double heatLimit(const FireConditions& conditions);

    // Expected number of fires in the step.
    static double expectedFires(const FireConditions& conditions);
    // The smallest fire (ha) of the size distribution.
    static double smallestFireHa(const FireConditions& conditions);
    // Expected burned area (ha): expected fires times the mean fire size, at most the land.
    static double expectedBurnedAreaHa(const FireConditions& conditions);
    // One draw of the burned area (ha) of the step, at most 90% of the land.
    static double sampleBurnedAreaHa(const FireConditions& conditions, twins::sdk::Random& random);
};

} // namespace wildfire
