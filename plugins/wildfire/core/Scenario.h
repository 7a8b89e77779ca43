#pragma once

#include <string>

namespace wildfire {

// How a scenario shifts the generated climate: a global-mean surface warming (K) added to the
// historical climate, and a factor on precipitation. Land warms more than the ocean and the
// Arctic more than the tropics (SurfaceClimate applies the patterns); fire follows through
// temperature, humidity, drought and fuel, never through a factor of its own.
struct Scenario {
    std::string name = "historical";
    double warmingK = 0.0;
    double precipitationScale = 1.0;
};

// "historical" (no change) or an SSP: the IPCC AR6 WG1 best estimates of global warming in
// 2081-2100 (SPM Table SPM.1: SSP2-4.5 2.7 K, SSP3-7.0 3.6 K, SSP5-8.5 4.4 K above 1850-1900),
// less the 0.85 K already reached in 1995-2014 (the historical climate of the generator), and
// global-mean precipitation rising ~2% per K (AR6 WG1 8.2.1). `extraWarmingK` and
// `precipitationScale` are then applied on top (0 and 1 for a pure SSP). Throws WildfireError
// naming 'scenario' for another name, or 'precipitation_scale' for a scale <= 0.
Scenario makeScenario(const std::string& name, double extraWarmingK, double precipitationScale);

} // namespace wildfire
