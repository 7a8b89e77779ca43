#include "Scenario.h"

#include "WildfireError.h"

namespace wildfire {

namespace {

constexpr double reachedBy1995to2014 = 0.85;    // K above 1850-1900 (AR6 WG1 SPM A.1.2)
constexpr double precipitationPerKelvin = 0.02; // global-mean hydrological sensitivity

} // namespace

Scenario makeScenario(const std::string& name, double extraWarmingK, double precipitationScale) {
    double warming = 0.0;
    if (name == "ssp245") {
        warming = 2.7 - reachedBy1995to2014;
    } else if (name == "ssp370") {
        warming = 3.6 - reachedBy1995to2014;
    } else if (name == "ssp585") {
        warming = 4.4 - reachedBy1995to2014;
    } else if (name != "historical") {
        throw WildfireError("parameter 'scenario' is '" + name +
                            "': expected historical, ssp245, ssp370 or ssp585");
    }
    if (!(precipitationScale > 0.0)) {
        throw WildfireError("parameter 'precipitation_scale' is " +
                            std::to_string(precipitationScale) + ": expected a factor > 0");
    }
    Scenario scenario;
    scenario.name = name;
    scenario.warmingK = warming + extraWarmingK;
    scenario.precipitationScale = precipitationScale * (1.0 + precipitationPerKelvin * warming);
    return scenario;
}

} // namespace wildfire
