#include "SparkCarousel.h"

#include <cmath>
#include <numbers>

namespace pulsar {

std::vector<SubPulse> subPulses(const CarouselGeometry& geometry, long rotation) {
    constexpr double radians = std::numbers::pi / 180.0;
    const double sinAlpha = std::sin(geometry.inclinationDeg * radians);
    const double size = geometry.sparkSizeDeg;
    std::vector<SubPulse> result;
    result.reserve(geometry.sparks.size());
    for (const Spark& spark : geometry.sparks) {
        const double azimuth = (spark.azimuthDeg + double(rotation) * geometry.driftDeg) * radians;
        const double across = geometry.impactDeg - spark.ringDeg * std::sin(azimuth);
        const double peak = spark.brightness * std::exp(-0.5 * across * across / (size * size));
        if (peak < 1e-9 * spark.brightness) {
            continue;
        }
        SubPulse pulse;
        pulse.centreDeg = 360.0 * double(rotation) + geometry.fiducialPhaseDeg +
                          spark.ringDeg * std::cos(azimuth) / sinAlpha;
        pulse.widthDeg = size / sinAlpha;
        pulse.peak = peak;
        result.push_back(pulse);
    }
    return result;
}

} // namespace pulsar
