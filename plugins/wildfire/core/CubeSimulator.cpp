#include "CubeSimulator.h"

#include "FireModel.h"
#include "Insolation.h"
#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wildfire {

namespace {

constexpr float missing = std::numeric_limits<float>::quiet_NaN();
constexpr double secondsPerDayMega = 0.0864; // W m-2 -> MJ m-2 day-1
constexpr double seaIceK = 271.5;            // SST at which the sea is taken as ice covered
// Random streams: the weather noise uses 1 + 3 k .. (WeatherNoise); precipitation and fire
// draws of step k use these offsets, far above any step count.
constexpr std::uint64_t precipitationStreams = 1ULL << 40;
constexpr std::uint64_t fireStreams = 2ULL << 40;
constexpr std::uint64_t spinUpSteps = 1ULL << 20;

// Weather anomalies of an 8-day mean: a few K in the interiors and at high latitudes, ~1 K over
// the tropical ocean; precipitation log-normal with sigma 0.45 on the lattice scale.
double temperatureSpread(const CellGeography& cell, double continentality) {
    return 0.8 + 2.2 * continentality + 1.5 * std::abs(std::sin(cell.latitude * 0.0174533));
}

} // namespace

CubeSimulator::CubeSimulator(std::vector<CellGeography> cells, Scenario scenario,
                             std::uint64_t seed)
    : m_cells(std::move(cells)), m_climate(std::move(scenario)), m_seed(seed),
      m_weather(seed, 0.55), m_land(m_cells.size()) {
    // Start the long-term precipitation and potential evaporation at the cell's annual means
    // (evaporation under half-cloudy skies over vegetation) and the soil half full.
    for (std::size_t i = 0; i < m_cells.size(); ++i) {
        double rain = 0.0;
        double evaporation = 0.0;
        for (int month = 0; month < 12; ++month) {
            const double day = 15.0 + 30.4 * month;
            const double airT = m_climate.airTemperature(m_cells[i], day);
            rain += m_climate.precipitationRate(m_cells[i], day, airT);
            const double ssr =
                secondsPerDayMega * dailyInsolation(m_cells[i].latitude, day) * 0.75 * 0.7 * 0.82;
            evaporation += potentialEvaporation(airT, ssr);
        }
        m_land[i].climatePrecipitation = rain / 12.0;
        m_land[i].climateEvaporation = evaporation / 12.0;
    }
}

void CubeSimulator::spinUp(int year) {
    const EightDayAxis axis(year, year);
    CubeFields scratch(m_cells.size());
    for (std::size_t k = 0; k < axis.size(); ++k) {
        simulate(axis.steps()[k], spinUpSteps + k, scratch);
    }
}

double CubeSimulator::simulate(const EightDayStep& step, std::uint64_t index, CubeFields& out) {
    m_weather.advance(index);
    const double day = step.dayOfYear + 0.5 * step.days;
    const int days = step.days;
    double expectedBurned = 0.0;
    // One generator per step for precipitation and one for fire, drawn in cell order: the same
    // numbers for the same seed, grid and step whatever the machine.
    twins::sdk::Random rain(twins::sdk::streamSeed(m_seed, precipitationStreams + index));
    twins::sdk::Random fire(twins::sdk::streamSeed(m_seed, fireStreams + index));

    for (std::size_t i = 0; i < m_cells.size(); ++i) {
        const CellGeography& cell = m_cells[i];
        LandState& land = m_land[i];
        const double c = SeasonalClimate::airContinentality(cell);
        const double noiseT = m_weather.at(0, cell.latitude, cell.longitude);
        const double noiseP = m_weather.at(1, cell.latitude, cell.longitude);
        const double noiseH = m_weather.at(2, cell.latitude, cell.longitude);

        // Air temperature and precipitation: climate plus weather. A warm anomaly comes with
        // less rain over land (clear skies, blocking), as in observed 8-day means.
        const double airT =
            m_climate.airTemperature(cell, day) + temperatureSpread(cell, c) * noiseT;
        const double expectedRain = m_climate.precipitationRate(cell, day, airT);
        const double anomaly = 0.45 * (noiseP - 0.35 * c * noiseT);
        const double rainPerDay =
            expectedRain * std::exp(anomaly - 0.5 * 0.45 * 0.45) * rain.gamma(1.6, 1.0 / 1.6);
        const double rainMm = rainPerDay * days;

        // Solar radiation: insolation through cloud (more where it rains), reflected by the
        // surface (ocean, sea ice, snow, ice sheet, bare soil or leaves).
        const double sst = m_climate.seaSurfaceTemperature(cell, day) + 0.4 * noiseT;
        const double cloud =
            std::clamp(0.22 + 0.6 * (1.0 - std::exp(-rainPerDay / 3.0)) + 0.08 * noiseH +
                           0.12 * (1.0 - cell.landFraction) *
                               std::clamp((std::abs(cell.latitude) - 35.0) / 25.0, 0.0, 1.0),
                       0.05, 0.95);
        const bool seaIce = sst <= seaIceK && airT < 268.0;
        const double oceanAlbedo = seaIce ? 0.55 : 0.07;
        const double snow = std::clamp((271.0 - airT) / 4.0, 0.0, 1.0);
        const double bare = std::exp(-0.6 * land.lai);
        const double snowFreeAlbedo = 0.12 + 0.2 * bare;
        const double snowAlbedo = 0.75 - 0.3 * (1.0 - bare);
        const double landAlbedo =
            cell.iceSheet > 0.0 ? 0.8 : snow * snowAlbedo + (1.0 - snow) * snowFreeAlbedo;
        const double albedo =
            cell.landFraction * landAlbedo + (1.0 - cell.landFraction) * oceanAlbedo;
        const double ssr = secondsPerDayMega * dailyInsolation(cell.latitude, day) * 0.75 *
                           (1.0 - 0.62 * cloud) * (1.0 - albedo);

        // The land surface's hidden state.
        const double potential = potentialEvaporation(airT, ssr);
        updateSoilWater(land, rainMm, potential, days);
        updateVegetation(land, airT, rainPerDay, potential, cell.iceSheet, days);
        updateFuel(land, airT, days);
        const double wetness = land.soilWater / soilCapacityMm;

        // Humidity: the ocean keeps the air near 80% (drier under the subtropical highs, wetter
        // in the ITCZ); over land it follows the soil and the rain; cold air is near saturation.
        const double subsidence = SeasonalClimate::subsidence(cell.latitude);
        const double oceanHumidity =
            81.0 - 10.0 * subsidence + 5.0 * m_climate.itczShare(cell, day) + 2.5 * noiseH;
        const double coldness = std::clamp((280.0 - airT) / 25.0, 0.0, 1.0);
        const double landHumidity = 24.0 + 42.0 * wetness +
                                    14.0 * (1.0 - std::exp(-rainPerDay / 2.0)) + 22.0 * coldness +
                                    4.0 * noiseH;
        const double humidity =
            std::clamp(cell.landFraction * landHumidity + (1.0 - cell.landFraction) * oceanHumidity,
                       5.0, 100.0);

        // Diurnal range: small over water and ice, large over dry sunny land.
        const double landRange =
            cell.iceSheet > 0.0 ? 6.0 : 5.0 + 11.0 * (1.0 - wetness) * (1.0 - cloud) + 2.0 * snow;
        const double range = cell.landFraction * landRange + (1.0 - cell.landFraction) * 1.5;
        const double minimum = airT - 0.5 * range;
        const double skinHeating =
            cell.iceSheet > 0.0 ? 0.5 : 9.0 * (ssr / 25.0) * (0.3 + 0.7 * (1.0 - wetness));
        const double daySkin = airT + 0.5 * landRange + skinHeating;

        // Fire, only on land.
        const double landAreaHa = cell.landFraction * cell.areaKm2 * 100.0 * (1.0 - cell.iceSheet);
        FireConditions conditions;
        conditions.landAreaHa = landAreaHa;
        conditions.fuel = land.fuel;
        conditions.drought = droughtIndex(land);
        conditions.relativeHumidity = humidity;
        conditions.airTemperatureK = airT;
        double burned = 0.0;
        if (landAreaHa > 0.0) {
            expectedBurned += FireModel::expectedBurnedAreaHa(conditions);
            burned = FireModel::sampleBurnedAreaHa(conditions, fire);
            land.fuel *= 1.0 - burned / landAreaHa;
        }

        const bool isLand = cell.landFraction >= 0.5;
        out.lai[i] = isLand ? static_cast<float>(land.lai) : missing;
        out.lst_day[i] = isLand ? static_cast<float>(daySkin) : missing;
        out.rel_hum[i] = static_cast<float>(humidity);
        out.ssr[i] = static_cast<float>(ssr);
        out.sst[i] = isLand ? missing : static_cast<float>(sst);
        out.t2m_min[i] = static_cast<float>(minimum);
        out.tp[i] = static_cast<float>(rainMm);
        out.fcci_ba[i] = static_cast<float>(burned);
    }
    return expectedBurned;
}

} // namespace wildfire
