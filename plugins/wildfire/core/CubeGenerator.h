#pragma once

#include "CubeFile.h"
#include "CubeGrid.h"
#include "CubeStatistics.h"
#include "Scenario.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace wildfire {

struct CubeSettings {
    int firstYear = 2001;
    int lastYear = 2021;
    double resolution = 1.0;
    BoundingBox box;
    std::string boxText = "-180,-90,180,90"; // as given, for the file's attributes
    std::uint64_t seed = 1;
    Scenario scenario;
    CubeFormat format = CubeFormat::Netcdf;
};

struct CubeSummary {
    std::size_t steps = 0;
    std::size_t rows = 0;
    std::size_t columns = 0;
    std::size_t landCells = 0;    // land fraction >= 0.5
    double burnedHaPerYear = 0.0; // sampled, summed over the cube, per year
    double expectedBurnedHaPerYear = 0.0;
    double secondsPerStep = 0.0;
    std::vector<CubeStatistics::Row> statistics;
};

// Called after each step with (steps done, steps); may throw to cancel.
using CubeProgress = std::function<void(std::size_t, std::size_t)>;

// Generates the cube: checks the settings (WildfireError naming the parameter), describes the
// cells (land fraction from twins/geo's GSHHG mask), spins the hidden state up over the first
// year, then simulates and writes every step to `cubePath` and the statistics of what it wrote
// to `statisticsPath` (CSV). Deterministic: the same settings and seed give the same values.
CubeSummary generateCube(const CubeSettings& settings, const std::string& cubePath,
                         const std::string& statisticsPath, const std::string& runId,
                         const CubeProgress& progress);

} // namespace wildfire
