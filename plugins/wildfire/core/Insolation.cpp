#include "Insolation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace wildfire {

namespace {
constexpr double pi = std::numbers::pi;
constexpr double degree = pi / 180.0;
constexpr double solarConstant = 1361.0;
} // namespace

double dailyInsolation(double latitudeDegrees, double dayOfYear) {
    const double declination = 23.44 * degree * std::sin(2.0 * pi * (284.0 + dayOfYear) / 365.0);
    const double eccentricity = 1.0 + 0.033 * std::cos(2.0 * pi * dayOfYear / 365.0);
    const double latitude = std::clamp(latitudeDegrees, -89.999, 89.999) * degree;
    const double cosHourAngle = std::clamp(-std::tan(latitude) * std::tan(declination), -1.0, 1.0);
    const double sunrise = std::acos(cosHourAngle);
    return solarConstant / pi * eccentricity *
           (sunrise * std::sin(latitude) * std::sin(declination) +
            std::cos(latitude) * std::cos(declination) * std::sin(sunrise));
}

namespace {

double annualMeanByIntegration(double latitudeDegrees) {
    double sum = 0.0;
    constexpr int points = 73;
    for (int i = 0; i < points; ++i) {
        sum += dailyInsolation(latitudeDegrees, 1.0 + 365.0 * (i + 0.5) / points);
    }
    return sum / points;
}

} // namespace

double annualMeanInsolation(double latitudeDegrees) {
    // Tabulated every 0.05 degree once and interpolated: the generator asks for it at every
    // cell and step, and 73 insolations each time cost more than the rest of the step.
    constexpr int entries = 3601;
    static const std::vector<double> table = [] {
        std::vector<double> values(entries);
        for (int i = 0; i < entries; ++i) {
            values[i] = annualMeanByIntegration(-90.0 + 0.05 * i);
        }
        return values;
    }();
    const double x = std::clamp((latitudeDegrees + 90.0) / 0.05, 0.0, entries - 1.0);
    const int i = std::min(static_cast<int>(x), entries - 2);
    return table[i] + (x - i) * (table[i + 1] - table[i]);
}

} // namespace wildfire
