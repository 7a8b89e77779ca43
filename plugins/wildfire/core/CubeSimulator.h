#pragma once

#include "CubeFields.h"
#include "EightDayAxis.h"
#include "Geography.h"
#include "LandSurface.h"
#include "SeasonalClimate.h"
#include "WeatherNoise.h"

#include <cstdint>
#include <vector>

namespace wildfire {

// Steps the generated climate and fire forward, one 8-day step at a time, keeping the hidden
// state of every land cell (soil water, leaf area, fuel) between steps. For each step: the
// seasonal climate plus the step's weather anomalies give air temperature and precipitation;
// cloud and surface albedo give the absorbed solar radiation; the soil bucket, vegetation and
// litter advance; humidity, the diurnal range, daytime skin temperature and the daily minimum
// follow from how wet and sunny the cell is; fire from fuel, drought, humidity and heat.
class CubeSimulator {
public:
    CubeSimulator(std::vector<CellGeography> cells, Scenario scenario, std::uint64_t seed);

    // Runs one year of `year`'s steps without output, so the hidden state starts the cube in
    // balance with the climate rather than at its initial guess.
    void spinUp(int year);
    // Simulates `step` (the `index`-th of the axis, which sets its random streams) into `out`;
    // returns the step's expected burned area (ha, summed over the cells), the mean of what
    // fire sampling draws from.
    double simulate(const EightDayStep& step, std::uint64_t index, CubeFields& out);

    const std::vector<CellGeography>& cells() const { return m_cells; }
    const std::vector<LandState>& landStates() const { return m_land; }

private:
    std::vector<CellGeography> m_cells;
    SeasonalClimate m_climate;
    std::uint64_t m_seed;
    WeatherNoise m_weather;
    std::vector<LandState> m_land;
};

} // namespace wildfire
