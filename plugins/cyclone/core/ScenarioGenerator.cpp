#include "ScenarioGenerator.h"

#include "BackgroundClimate.h"
#include "Era5LikeFile.h"
#include "ExtraSystems.h"
#include "FieldSynthesizer.h"
#include "LatLonGrid.h"
#include "StormSimulator.h"
#include "twinbench/sdk/Csv.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <set>

namespace cyclone {

namespace {
constexpr double stepHours = 6.0;
constexpr int spinUpSteps = 40; // 10 days
// The harder world's extra systems are numbered from here (the cyclones count from 1).
constexpr int firstExtraNumber = 10001;
// A tropical cyclone reaches a tropical storm's 17.5 m s-1 (34 kt) some time in its life.
constexpr double tropicalStormMs = 17.5;
} // namespace

ScenarioSummary generateScenario(const ScenarioSettings& settings, const std::string& netcdfPath,
                                 const std::string& truthCsvPath, const std::string& runId,
                                 const StepCallback& onStep,
                                 const GeneratedStepCallback& onGenerated) {
    const LatLonGrid grid(settings.resolution);
    const SixHourlyAxis axis = sixHourlyAxis(settings.period, settings.calendar);
    const BackgroundClimate climate(settings.warming);
    StormSimulator storms(climate,
                          {settings.seed, settings.genesisRateScale, settings.intensityScale},
                          settings.calendar);
    FieldSynthesizer synthesizer(grid, climate, settings.seed);
    // The harder world: the other systems and the observation errors, on streams of their own
    // (20, 11-14), so the cyclones and the other fields keep their numbers.
    std::unique_ptr<ExtraSystemsSimulator> extra;
    if (settings.harder) {
        extra = std::make_unique<ExtraSystemsSimulator>(climate,
                                                        twins::sdk::streamSeed(settings.seed, 20),
                                                        settings.calendar, firstExtraNumber);
        synthesizer.enableObservationNoise(settings.seed);
    }
    // Each system's strongest wind over its whole life, spin-up included (harder world: which
    // systems reached tropical-storm strength).
    std::map<int, double> peakWind;
    std::vector<Storm> everything;
    auto advanceAll = [&](const CfDateTime& time) -> const std::vector<Storm>& {
        storms.advance(time, stepHours);
        if (!extra) {
            return storms.storms();
        }
        extra->advance(time, stepHours);
        everything = storms.storms();
        everything.insert(everything.end(), extra->systems().begin(), extra->systems().end());
        for (const Storm& storm : everything) {
            double& peak = peakWind[storm.track.number];
            peak = std::max(peak, storm.track.windMs);
        }
        return everything;
    };

    const CfDateTime& first = axis.times.front();
    const auto firstDay =
        twins::data::cfDayNumber(settings.calendar, first.year, first.month, first.day);
    for (int step = spinUpSteps; step > 0; --step) {
        CfDateTime time =
            twins::data::cfDateFromDayNumber(settings.calendar, firstDay - (step * 6 + 23) / 24);
        time.hour = (24 - (step * 6) % 24) % 24;
        advanceAll(time);
    }

    const std::vector<std::pair<std::string, std::string>> attributes{
        {"twinbench_period", settings.period},
        {"twinbench_calendar", twins::data::cfCalendarName(settings.calendar)},
        {"twinbench_resolution_deg", twins::sdk::formatNumber(settings.resolution)},
        {"twinbench_seed", std::to_string(settings.seed)},
        {"twinbench_warming_K", twins::sdk::formatNumber(settings.warming)},
        {"twinbench_genesis_rate_scale", twins::sdk::formatNumber(settings.genesisRateScale)},
        {"twinbench_intensity_scale", twins::sdk::formatNumber(settings.intensityScale)}};
    std::vector<std::pair<std::string, std::string>> fileAttributes = attributes;
    if (settings.harder) {
        fileAttributes.emplace_back("twinbench_world", "harder");
    }
    Era5LikeFile file(netcdfPath, grid, axis, fileAttributes, runId);

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
        const std::vector<Storm>& alive = advanceAll(axis.times[step]);
        for (const Storm& storm : alive) {
            truth.push_back(storm.track);
        }
        DriverFields& fields = buffers[step % 2];
        synthesizer.synthesize(dayOfYear(settings.calendar, axis.times[step]),
                               axis.hours[step] - axis.hours.front(), alive, fields);
        if (onGenerated) {
            // Reads `fields` while the previous step may still be written from the other buffer.
            onGenerated(GeneratedStep{grid, axis, step, fields, alive});
        }
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
    if (settings.harder) {
        // Which systems count as tropical cyclones: warm core (every system but the
        // extratropical lows, which are given their own kind) and 17.5 m s-1 reached.
        for (BestTrackPoint& point : truth) {
            if (point.kind.empty() || point.kind == tropicalCycloneKind) {
                point.kind =
                    peakWind[point.number] >= tropicalStormMs ? tropicalCycloneKind : "weak_low";
            }
        }
    }
    // Each storm's points together, in time order (IBTrACS order).
    std::stable_sort(
        truth.begin(), truth.end(),
        [](const BestTrackPoint& a, const BestTrackPoint& b) { return a.number < b.number; });
    writeBestTrackCsv(truthCsvPath, truth);

    std::set<int> stormNumbers;
    std::set<int> baitNumbers;
    for (const BestTrackPoint& point : truth) {
        stormNumbers.insert(point.number);
        if (isBait(point)) {
            baitNumbers.insert(point.number);
        }
        summary.maximumWindMs = std::max(summary.maximumWindMs, point.windMs);
        summary.minimumPressurePa = summary.minimumPressurePa == 0.0
                                        ? point.pressurePa
                                        : std::min(summary.minimumPressurePa, point.pressurePa);
    }
    summary.storms = static_cast<int>(stormNumbers.size());
    summary.bait = static_cast<int>(baitNumbers.size());
    summary.cyclones = summary.storms - summary.bait;
    summary.trackPoints = truth.size();
    summary.secondsPerStep = elapsed.count() / static_cast<double>(summary.steps);
    return summary;
}

} // namespace cyclone
