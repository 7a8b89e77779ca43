#pragma once

// Synthetic lon/lat fields with known values for the map tests.
#include "twinbench/data/FieldSlice.h"

#include <cmath>
#include <memory>

namespace twins::testing {

// An empty t2m [K] field on longitude/latitude axes, read from `path`.
inline std::shared_ptr<data::FieldSlice> emptyLonLatField(const char* path) {
    auto field = std::make_shared<data::FieldSlice>();
    field->path = path;
    field->variable = "t2m";
    field->units = "K";
    field->xName = "longitude";
    field->yName = "latitude";
    field->xUnits = "degrees_east";
    field->yUnits = "degrees_north";
    return field;
}

// A global 10-degree field (cells centred on -175..175 E, -85..85 N) whose value is its
// quadrant: 0 south-west, 1 south-east, 2 north-west, 3 north-east (lon < 0 is west). With
// the range 0..3 the four values map to colour-map entries 0, 85, 170 and 255 exactly.
inline std::shared_ptr<data::FieldSlice> quadrantField() {
    auto field = emptyLonLatField("/data/quadrants.nc");
    field->longName = "Quadrant test field";
    for (int lon = -175; lon <= 175; lon += 10) {
        field->x.push_back(lon);
    }
    for (int lat = -85; lat <= 85; lat += 10) {
        field->y.push_back(lat);
    }
    field->width = field->x.size();
    field->height = field->y.size();
    for (std::size_t row = 0; row < field->height; ++row) {
        for (std::size_t column = 0; column < field->width; ++column) {
            const int east = field->x[column] >= 0 ? 1 : 0;
            const int north = field->y[row] >= 0 ? 2 : 0;
            field->values.push_back(static_cast<float>(east + north));
        }
    }
    field->minimum = 0.0;
    field->maximum = 3.0;
    field->finiteCount = field->values.size();
    return field;
}

// A global field on a 0..360 longitude grid of `step` degrees: 10-degree blocks of the
// quadrant values (0 south-west of 0E 0N ... 3 north-east, lon >= 180 counted as west), with a
// small gradient inside each block so that misplaced cells show. Range 0..3.
inline std::shared_ptr<data::FieldSlice> blockGradientField(double step) {
    auto field = emptyLonLatField("/data/blocks.nc");
    for (double lon = 0.5 * step; lon < 360.0; lon += step) {
        field->x.push_back(lon);
    }
    for (double lat = -90.0 + 0.5 * step; lat < 90.0; lat += step) {
        field->y.push_back(lat);
    }
    field->width = field->x.size();
    field->height = field->y.size();
    for (const double lat : field->y) {
        for (const double lon : field->x) {
            const int east = lon < 180.0 ? 1 : 0;
            const int north = lat >= 0 ? 2 : 0;
            const double inBlock = std::fmod(lon, 10.0) / 10.0; // 0..1 within the block
            field->values.push_back(float(east + north) +
                                    0.2f * float(inBlock) * ((east + north) == 3 ? -1.0f : 1.0f));
        }
    }
    field->minimum = 0.0;
    field->maximum = 3.0;
    field->finiteCount = field->values.size();
    return field;
}

} // namespace twins::testing
