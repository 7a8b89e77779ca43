#include "CubeGenerator.h"

#include "CubeSimulator.h"
#include "EightDayAxis.h"
#include "Geography.h"

#include <chrono>
#include <sstream>

namespace wildfire {

namespace {

std::string text(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

} // namespace

CubeSummary generateCube(const CubeSettings& settings, const std::string& cubePath,
                         const std::string& statisticsPath, const std::string& runId,
                         const CubeProgress& progress) {
    const EightDayAxis axis(settings.firstYear, settings.lastYear);
    const CubeGrid grid(settings.box, settings.resolution);
    std::vector<CellGeography> cells = describeCells(grid);
    std::vector<float> landFraction;
    CubeSummary summary;
    for (const CellGeography& cell : cells) {
        landFraction.push_back(static_cast<float>(cell.landFraction));
        summary.landCells += cell.landFraction >= 0.5 ? 1 : 0;
    }

    const std::vector<std::pair<std::string, std::string>> attributes{
        {"wildfire_scenario", settings.scenario.name},
        {"wildfire_warming_K", text(settings.scenario.warmingK)},
        {"wildfire_precipitation_scale", text(settings.scenario.precipitationScale)},
        {"wildfire_seed", std::to_string(settings.seed)},
        {"wildfire_resolution_degrees", text(settings.resolution)},
        {"wildfire_bbox", settings.boxText},
    };
    CubeFile file(cubePath, settings.format, grid, axis, landFraction, attributes, runId);
    CubeStatistics statistics(landFraction);
    CubeSimulator simulator(std::move(cells), settings.scenario, settings.seed);
    simulator.spinUp(settings.firstYear);

    const auto started = std::chrono::steady_clock::now();
    CubeFields fields(grid.size());
    double burned = 0.0;
    double expected = 0.0;
    for (std::size_t k = 0; k < axis.size(); ++k) {
        expected += simulator.simulate(axis.steps()[k], k, fields);
        for (const float value : fields.fcci_ba) {
            burned += value;
        }
        statistics.add(fields);
        file.writeStep(k, fields);
        if (progress) {
            progress(k + 1, axis.size());
        }
    }
    file.commit();
    statistics.writeCsv(statisticsPath);

    const double years = static_cast<double>(settings.lastYear - settings.firstYear + 1);
    summary.steps = axis.size();
    summary.rows = grid.rows();
    summary.columns = grid.columns();
    summary.burnedHaPerYear = burned / years;
    summary.expectedBurnedHaPerYear = expected / years;
    summary.secondsPerStep =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() /
        static_cast<double>(axis.size());
    summary.statistics = statistics.rows();
    return summary;
}

} // namespace wildfire
