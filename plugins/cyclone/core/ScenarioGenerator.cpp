#include "ScenarioGenerator.h"

#include "BackgroundClimate.h"
#include "Era5LikeFile.h"
#include "FieldSynthesizer.h"
#include "LatLonGrid.h"
#include "StormSimulator.h"
#include "twinbench/sdk/Csv.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <future>
#include <set>

namespace cyclone {

namespace {
constexpr double stepHours = 6.0;
constexpr int spinUpSteps = 40; // 10 days
} // namespace

ScenarioSummary generateScenario(const ScenarioSettings& settings, const std::string& netcdfPath,
                                 const std::string& truthCsvPath, const std::string& runId,
                                 const StepCallback& onStep) {
    const LatLonGrid grid(settings.resolution);
    const SixHourlyAxis axis = sixHourlyAxis(settings.period, settings.calendar);
    const BackgroundClimate climate(settings.warming);
    StormSimulator storms(climate,
                          {settings.seed, settings.genesisRateScale, settings.intensityScale},
                          settings.calendar);
    FieldSynthesizer synthesizer(grid, climate, settings.seed);

    const CfDateTime& first = axis.times.front();
    const auto firstDay =
        twins::data::cfDayNumber(settings.calendar, first.year, first.month, first.day);
    for (int step = spinUpSteps; step > 0; --step) {
        CfDateTime time =
            twins::data::cfDateFromDayNumber(settings.calendar, firstDay - (step * 6 + 23) / 24);
        time.hour = (24 - (step * 6) % 24) % 24;
        storms.advance(time, stepHours);
    }

    const std::vector<std::pair<std::string, std::string>> attributes{
        {"twinbench_period", settings.period},
        {"twinbench_calendar", twins::data::cfCalendarName(settings.calendar)},
        {"twinbench_resolution_deg", twins::sdk::formatNumber(settings.resolution)},
        {"twinbench_seed", std::to_string(settings.seed)},
        {"twinbench_warming_K", twins::sdk::formatNumber(settings.warming)},
        {"twinbench_genesis_rate_scale", twins::sdk::formatNumber(settings.genesisRateScale)},
        {"twinbench_intensity_scale", twins::sdk::formatNumber(settings.intensityScale)}};
    Era5LikeFile file(netcdfPath, grid, axis, attributes, runId);

    ScenarioSummary summary;
    summary.steps = axis.times.size();
    summary.rows = grid.rows();
    summary.columns = grid.columns();
    summary.minimumPressurePa = 0.0;
    std::vector<BestTrackPoint> truth;
    // Two buffers: while step n is packed, deflated and written on a second thread, step n + 1
    // is synthesised into the other one (writing was ~a third of a step at 0.25 deg). Only that
    // thread calls NetCDF while the loop runs, so the library needs no thread safety.
    std::array<DriverFields, 2> buffers;
    std::future<void> writing;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t step = 0; step < axis.times.size(); ++step) {
        storms.advance(axis.times[step], stepHours);
        for (const Storm& storm : storms.storms()) {
            truth.push_back(storm.track);
        }
        DriverFields& fields = buffers[step % 2];
        synthesizer.synthesize(dayOfYear(settings.calendar, axis.times[step]),
                               axis.hours[step] - axis.hours.front(), storms.storms(), fields);
        if (writing.valid()) {
            writing.get(); // rethrows a write error
        }
        writing = std::async(std::launch::async,
                             [&file, &fields, step] { file.writeStep(step, fields); });
        if (onStep) {
            onStep(step + 1, axis.times.size());
        }
    }
    if (writing.valid()) {
        writing.get();
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    file.commit();
    // Each storm's points together, in time order (IBTrACS order).
    std::stable_sort(
        truth.begin(), truth.end(),
        [](const BestTrackPoint& a, const BestTrackPoint& b) { return a.number < b.number; });
    writeBestTrackCsv(truthCsvPath, truth);

    std::set<int> stormNumbers;
    for (const BestTrackPoint& point : truth) {
        stormNumbers.insert(point.number);
        summary.maximumWindMs = std::max(summary.maximumWindMs, point.windMs);
        summary.minimumPressurePa = summary.minimumPressurePa == 0.0
                                        ? point.pressurePa
                                        : std::min(summary.minimumPressurePa, point.pressurePa);
    }
    summary.storms = static_cast<int>(stormNumbers.size());
    summary.trackPoints = truth.size();
    summary.secondsPerStep = elapsed.count() / static_cast<double>(summary.steps);
    return summary;
}

} // namespace cyclone
