#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace twins::insitu {

// What a twin publishes at one step: named fields on its grid, point sets and scalars. Plain
// standard C++ so a twin's Qt-free science core can fill it; the Publisher writes it.

// One coordinate axis of the grid (CF coordinate variable): "lat" in degrees_north, "lon" in
// degrees_east, "layer", "x" in mm, ...
struct Axis {
    std::string name;
    std::string units;        // UDUNITS text; empty for an index axis
    std::string standardName; // CF standard_name when there is one ("latitude")
    std::vector<double> values;
};

// A 2-D or 3-D field on axes of the snapshot, slowest axis first (C order: for axes {lat, lon}
// the value at (i, j) is values[i * lon.size() + j]). NaN marks a missing value.
struct GridField {
    std::string name;
    std::string units;
    std::string longName;
    std::string standardName;
    std::vector<std::string> axes;
    std::vector<float> values;
};

// A column of a point set: coordinates ("lat", "lon") or values ("wind", "probability").
struct PointColumn {
    std::string name;
    std::string units;
    std::string standardName;
    std::vector<double> values;
};

// Points of one kind at this step (detections, track positions): columns of equal length,
// possibly empty (no detection at this step is a result too).
struct PointSet {
    std::string name;
    std::vector<PointColumn> columns;
};

struct Scalar {
    std::string name;
    std::string units;
    double value = 0.0;
};

struct Snapshot {
    // The stream the snapshot belongs to ("drivers", "probability"): extracts are named
    // <stream>_<step>.nc.
    std::string stream;
    std::int64_t step = 0; // the twin's own step number, 0-based
    double time = 0.0;     // in timeUnits
    std::string timeUnits; // CF, e.g. "hours since 2017-08-01 00:00:00" or "1" for epochs
    std::string calendar;  // CF calendar; empty when time is not a date
    std::vector<Axis> axes;
    std::vector<GridField> fields;
    std::vector<PointSet> pointSets;
    std::vector<Scalar> scalars;
};

} // namespace twins::insitu
