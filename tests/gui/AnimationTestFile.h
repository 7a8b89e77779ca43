#pragma once

// A small CF NetCDF file that changes through time, for the animation and layout tests:
// t2m(time, latitude, longitude) on a 10 degree grid, six steps six hours apart from
// 2024-01-01 00:00 (standard calendar). Step t holds the quadrant values (0..3) plus
// t * 0.5 * (column % 3), so the pattern itself changes with time (a per-frame colour range
// would not hide the change).
#include "MapTestFields.h"
#include "twinbench/data/NetcdfWriter.h"

#include <QString>

#include <vector>

namespace twins::testing {

inline constexpr int animationSteps = 6;

inline void writeAnimationFile(const QString& path) {
    const auto field = quadrantField();
    data::NetcdfWriter writer(path.toStdString());
    using Type = data::NetcdfWriter::Type;
    writer.addDimension("time", animationSteps);
    writer.addDimension("latitude", field->height);
    writer.addDimension("longitude", field->width);
    writer.addVariable("time", Type::Double, {"time"});
    writer.setTextAttribute("time", "units", "hours since 2024-01-01 00:00:00");
    writer.setTextAttribute("time", "calendar", "standard");
    writer.addVariable("latitude", Type::Double, {"latitude"});
    writer.setTextAttribute("latitude", "units", "degrees_north");
    writer.addVariable("longitude", Type::Double, {"longitude"});
    writer.setTextAttribute("longitude", "units", "degrees_east");
    writer.addVariable("t2m", Type::Float, {"time", "latitude", "longitude"});
    writer.setTextAttribute("t2m", "units", "K");
    writer.setTextAttribute("t2m", "long_name", "Animated test field");
    std::vector<double> hours;
    for (int t = 0; t < animationSteps; ++t) {
        hours.push_back(6.0 * t);
    }
    writer.write("time", {0}, {std::size_t(animationSteps)}, hours.data());
    writer.write("latitude", {0}, {field->height}, field->y.data());
    writer.write("longitude", {0}, {field->width}, field->x.data());
    for (int t = 0; t < animationSteps; ++t) {
        std::vector<float> values = field->values;
        for (std::size_t i = 0; i < values.size(); ++i) {
            values[i] += 0.5f * static_cast<float>(t) * static_cast<float>((i % field->width) % 3);
        }
        writer.write("t2m", {std::size_t(t), 0, 0}, {1, field->height, field->width},
                     values.data());
    }
    writer.commit();
}

} // namespace twins::testing
