#include "Geodesy.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cyclone {

namespace {
constexpr double degree = std::numbers::pi / 180.0;
}

double haversineKm(double lat1, double lon1, double lat2, double lon2) {
    const double dLat = (lat2 - lat1) * degree;
    const double dLon = (lon2 - lon1) * degree;
    const double a =
        std::sin(dLat / 2) * std::sin(dLat / 2) +
        std::cos(lat1 * degree) * std::cos(lat2 * degree) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * earthRadiusMetres / 1000.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

double coriolisParameter(double latitudeDegrees) {
    return 2.0 * earthRotationRate * std::sin(latitudeDegrees * degree);
}

double longitude360(double longitudeDegrees) {
    const double folded = std::fmod(longitudeDegrees, 360.0);
    return folded < 0 ? folded + 360.0 : folded;
}

double longitude180(double longitudeDegrees) {
    const double folded = longitude360(longitudeDegrees);
    return folded >= 180.0 ? folded - 360.0 : folded;
}

} // namespace cyclone
