#include "FireModel.h"

#include <algorithm>
#include <cmath>

namespace wildfire {

namespace {

// Mean of the tapered Pareto in units of its smallest value: 1 + integral of its survival
// function (x^-b e^-(x-1)/t) from 1 to infinity, by the trapezoid rule on a log grid.
double meanInSmallestFires() {
    static const double mean = [] {
        const double b = FireModel::paretoExponent;
        const double t = FireModel::taperInScales;
        double sum = 0.0;
        double previousX = 1.0;
        double previousS = 1.0;
        for (int i = 1; i <= 20000; ++i) {
            const double x = std::exp(i * 1e-3); // up to e^20, far beyond the taper
            const double s = std::pow(x, -b) * std::exp(-(x - 1.0) / t);
            sum += 0.5 * (s + previousS) * (x - previousX);
            previousX = x;
            previousS = s;
        }
        return 1.0 + sum;
    }();
    return mean;
}

} // namespace

double FireModel::fuelLimit(const FireConditions& conditions) {
    const double continuity = std::clamp(
        (conditions.fuel - patchyFuelKgM2) / (continuousFuelKgM2 - patchyFuelKgM2), 0.0, 1.0);
    return continuity * conditions.fuel / (conditions.fuel + 1.0);
}

double FireModel::drynessLimit(const FireConditions& conditions) {
    const double soil = std::clamp((conditions.drought - 0.3) / 0.6, 0.0, 1.0);
    const double air = std::clamp((90.0 - conditions.relativeHumidity) / 60.0, 0.0, 1.0);
    return std::pow(soil, 1.5) * air;
}

double FireModel::heatLimit(const FireConditions& conditions) {
    return std::clamp((conditions.airTemperatureK - 273.15) / 20.0, 0.0, 1.5);
}

double FireModel::expectedFires(const FireConditions& conditions) {
    return ignitionsPerKm2 * conditions.landAreaHa / 100.0 * fuelLimit(conditions) *
           drynessLimit(conditions) * heatLimit(conditions);
}

double FireModel::smallestFireHa(const FireConditions& conditions) {
    return sizeScaleHa * (0.2 + drynessLimit(conditions) + fuelLimit(conditions));
}

double FireModel::expectedBurnedAreaHa(const FireConditions& conditions) {
    return std::min(0.9 * conditions.landAreaHa,
                    expectedFires(conditions) * smallestFireHa(conditions) * meanInSmallestFires());
}

double FireModel::sampleBurnedAreaHa(const FireConditions& conditions, twins::sdk::Random& random) {
    const double fires = expectedFires(conditions);
    if (fires <= 0.0) {
        return 0.0;
    }
    const std::int64_t count = random.poisson(fires);
    const double smallest = smallestFireHa(conditions);
    double burned = 0.0;
    for (std::int64_t i = 0; i < count; ++i) {
        // Tapered Pareto: the smaller of a Pareto and a shifted exponential draw.
        const double pareto = smallest * std::pow(1.0 - random.uniform(), -1.0 / paretoExponent);
        const double taper = smallest + random.exponential(smallest * taperInScales);
        burned += std::min(pareto, taper);
    }
    return std::min(burned, 0.9 * conditions.landAreaHa);
}

} // namespace wildfire
