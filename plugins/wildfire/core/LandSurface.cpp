#include "LandSurface.h"

#include <algorithm>
#include <cmath>

namespace wildfire {

namespace {

constexpr double freezingK = 273.15;
constexpr double latentHeatMJPerKg = 2.45;

double growingSeason(double airTemperatureK) {
    return std::clamp((airTemperatureK - 272.0) / 14.0, 0.0, 1.0);
}

} // namespace

double potentialEvaporation(double airTemperatureK, double ssrMJ) {
    if (airTemperatureK <= freezingK) {
        return 0.0;
    }
    const double share = std::clamp(0.4 + 0.013 * (airTemperatureK - freezingK), 0.3, 0.85);
    return 1.26 * share * 0.7 * std::max(0.0, ssrMJ) / latentHeatMJPerKg;
}

void updateSoilWater(LandState& state, double precipitationMm, double potentialMmPerDay, int days) {
    const double supply = std::min(1.0, state.soilWater / (0.6 * soilCapacityMm));
    const double evaporation =
        std::min(state.soilWater + precipitationMm, days * potentialMmPerDay * supply);
    state.soilWater =
        std::clamp(state.soilWater + precipitationMm - evaporation, 0.0, soilCapacityMm);
}

double droughtIndex(const LandState& state) {
    return 1.0 - state.soilWater / soilCapacityMm;
}

void updateVegetation(LandState& state, double airTemperatureK, double precipitationMmPerDay,
                      double potentialMmPerDay, double iceSheet, int days) {
    state.climatePrecipitation +=
        (precipitationMmPerDay - state.climatePrecipitation) * (days / 365.0);
    state.climateEvaporation += (potentialMmPerDay - state.climateEvaporation) * (days / 365.0);
    const double aridity = state.climatePrecipitation / std::max(0.3, state.climateEvaporation);
    const double capacity = 4.6 * std::clamp((aridity - 0.05) / 0.8, 0.0, 1.0);
    const double water =
        std::pow(std::clamp(state.soilWater / (0.5 * soilCapacityMm), 0.0, 1.0), 0.7);
    const double target = capacity * growingSeason(airTemperatureK) * water * (1.0 - iceSheet);
    const double days0 = target > state.lai ? 24.0 : 16.0;
    state.lai += (target - state.lai) * (1.0 - std::exp(-days / days0));
}

void updateFuel(LandState& state, double airTemperatureK, int days) {
    const double wetness = state.soilWater / soilCapacityMm;
    const double decayPerDay = (0.0015 + 0.007 * wetness * growingSeason(airTemperatureK));
    const double litterPerDay = 0.008 * state.lai;
    state.fuel = state.fuel * std::exp(-decayPerDay * days) + litterPerDay * days;
}

} // namespace wildfire
