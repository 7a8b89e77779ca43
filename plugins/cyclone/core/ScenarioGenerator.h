#pragma once

#include "BestTrack.h"
#include "CycloneTime.h"
#include "FieldSynthesizer.h"
#include "LatLonGrid.h"
#include "StormSimulator.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cyclone {

// Everything the generate action's parameters set.
struct ScenarioSettings {
    std::string period = "2017-08-01/2017-08-31"; // date_range
    CfCalendar calendar = CfCalendar::Standard;
    double resolution = 0.25; // degrees
    std::uint64_t seed = 1;
    double warming = 0.0; // K
    double genesisRateScale = 1.0;
    double intensityScale = 1.0;
    // world=harder (ExtraSystems.h): observation-like errors on the fields, extratropical lows,
    // monsoon depressions, weak lows, short-lived and fast-moving cyclones, and a KIND column
    // in the truth. false (world=standard) writes exactly what the generator always wrote.
    bool harder = false;
};

struct ScenarioSummary {
    std::size_t steps = 0;
    std::size_t rows = 0;
    std::size_t columns = 0;
    int storms = 0;   // storms with at least one point in the period
    int cyclones = 0; // of them, tropical cyclones (harder world; = storms otherwise)
    int bait = 0;     // of them, systems that are not (harder world)
    std::size_t trackPoints = 0;
    double maximumWindMs = 0.0;
    double minimumPressurePa = 0.0;
    double secondsPerStep = 0.0;
};

// Called after each written step (step counts from 1): progress and cancellation (it may throw
// to stop; the NetCDF file is then not committed).
using StepCallback = std::function<void(std::size_t step, std::size_t steps)>;

// One synthesised step as the generator holds it, for watching the run while it goes (in-situ
// publishing): the references are valid during the call only.
struct GeneratedStep {
    const LatLonGrid& grid;
    const SixHourlyAxis& axis;
    std::size_t step; // 0-based index into axis.times
    const DriverFields& fields;
    const std::vector<Storm>& alive; // the systems at this step (their true positions)
};
using GeneratedStepCallback = std::function<void(const GeneratedStep&)>;

// Generates a scenario: simulates the storms (with a 10-day spin-up before the period, so the
// period starts with storms already alive), synthesises and writes each 6-hourly step to
// `netcdfPath` and the true tracks to `truthCsvPath`; `onGenerated`, when given, sees each step's
// fields before they are written. Throws CycloneError naming the parameter
// for invalid settings.
ScenarioSummary generateScenario(const ScenarioSettings& settings, const std::string& netcdfPath,
                                 const std::string& truthCsvPath, const std::string& runId,
                                 const StepCallback& onStep,
                                 const GeneratedStepCallback& onGenerated = {});

} // namespace cyclone
