#include "SeasonalClimate.h"

#include "Insolation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace wildfire {

namespace {

constexpr double pi = std::numbers::pi;
constexpr double degree = pi / 180.0;
constexpr double seawaterFreezingK = 271.35;

double sin2(double latitude) {
    const double s = std::sin(latitude * degree);
    return s * s;
}

// +1 in mid-July, -1 in mid-January: where the sun (with a month of lag) is.
double solarSeason(double dayOfYear) {
    return std::sin(2.0 * pi * (dayOfYear - 105.0) / 365.0);
}

// Share of the rain band of a belt centred at `centre` with half-width `width`.
double band(double latitude, double centre, double width) {
    const double x = (latitude - centre) / width;
    return std::exp(-x * x);
}

} // namespace

SeasonalClimate::SeasonalClimate(Scenario scenario) : m_scenario(std::move(scenario)) {}

double SeasonalClimate::airContinentality(const CellGeography& cell) {
    return std::clamp(0.45 * cell.landFraction + 0.75 * cell.continentality - 0.1, 0.0, 1.0);
}

double SeasonalClimate::subsidence(double latitude) {
    return band(std::abs(latitude), 24.0, 8.0);
}

double SeasonalClimate::airTemperature(const CellGeography& cell, double dayOfYear) const {
    const double c = airContinentality(cell);
    const double s2 = sin2(cell.latitude);
    // Annual mean: ~300 K at the equator, ~256 K at the poles; interiors colder at high
    // latitudes, oceans milder (their heat is carried poleward).
    const double annual = 301.5 - 44.0 * s2 + 4.0 * (1.0 - c) * s2 - 5.0 * c * s2 * s2;
    // Seasonal response to the insolation anomaly, in K per W m-2, and its lag in days; the
    // polar ocean freezes over and then answers like land.
    const double polarOcean = std::clamp((std::abs(cell.latitude) - 55.0) / 20.0, 0.0, 1.0);
    const double response = 0.02 + 0.075 * c + 0.035 * polarOcean * (1.0 - c);
    const double lag = 42.0 - 24.0 * c;
    const double anomaly =
        dailyInsolation(cell.latitude, dayOfYear + 4.0 - lag) - annualMeanInsolation(cell.latitude);
    // The ice sheets' altitude (up to ~3 km on the Antarctic plateau): a lapse rate of
    // ~6.5-9 K per km, felt most in the interior.
    const double altitudeCooling = cell.iceSheet * (cell.latitude < 0.0 ? 26.0 : 12.0) *
                                   std::clamp(1.4 * cell.continentality - 0.2, 0.2, 1.0);
    const double arctic = std::clamp((cell.latitude - 55.0) / 30.0, 0.0, 1.0);
    const double warming = m_scenario.warmingK * (0.8 + 0.6 * c + 1.2 * arctic);
    return annual + response * anomaly - altitudeCooling + warming;
}

double SeasonalClimate::seaSurfaceTemperature(const CellGeography& cell, double dayOfYear) const {
    const double annual = 301.5 - 30.0 * sin2(cell.latitude);
    const double anomaly = dailyInsolation(cell.latitude, dayOfYear + 4.0 - 70.0) -
                           annualMeanInsolation(cell.latitude);
    const double sst = annual + 0.014 * anomaly + 0.8 * m_scenario.warmingK;
    return std::max(seawaterFreezingK, sst);
}

double SeasonalClimate::itczShare(const CellGeography& cell, double dayOfYear) const {
    const double land = std::clamp(0.5 * cell.landFraction + 0.8 * cell.continentality, 0.0, 1.0);
    const double season = solarSeason(dayOfYear + 4.0);
    // Over the ocean the ITCZ stays north of the equator (~5 N) and moves a few degrees; over
    // land it follows the sun ~12 degrees each way (the monsoons).
    const double centre = (4.0 + 4.0 * season) * (1.0 - land) + (1.0 + 12.0 * season) * land;
    const double width = 6.0 + 3.0 * land;
    return band(cell.latitude, centre, width);
}

double SeasonalClimate::precipitationRate(const CellGeography& cell, double dayOfYear,
                                          double airTemperatureK) const {
    const double land = std::clamp(0.5 * cell.landFraction + 0.8 * cell.continentality, 0.0, 1.0);
    const double itcz = 8.5 * itczShare(cell, dayOfYear);
    const double equatorialForest = 3.5 * land * band(cell.latitude, 0.0, 9.0);
    // Storm tracks near 45 degrees, shifted poleward and weakened in the local summer.
    const double hemisphereSeason =
        (cell.latitude >= 0.0 ? 1.0 : -1.0) * solarSeason(dayOfYear + 4.0);
    const double stormCentre = 46.0 + 4.0 * hemisphereSeason;
    const double storms = 3.4 * (1.0 - 0.25 * hemisphereSeason) * (1.0 - 0.55 * land) *
                          band(std::abs(cell.latitude), stormCentre, 14.0);
    const double background = 1.3;
    const double drying = 1.0 - 0.8 * subsidence(cell.latitude) * (0.35 + 0.65 * land);
    const double vapour = std::min(1.0, std::exp(0.07 * (airTemperatureK - 276.0)));
    return (itcz + equatorialForest + storms + background) * drying * vapour *
           m_scenario.precipitationScale;
}

} // namespace wildfire
