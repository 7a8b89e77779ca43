#pragma once

// A regular latitude/longitude grid for the NetCDF files GUI tests write: the lat and lon
// dimensions with their CF coordinate variables, defined on a writer, then their values
// written once every other variable is defined.
#include "twinbench/data/NetcdfWriter.h"

#include <cstddef>
#include <vector>

namespace twins::testing {

struct LatLonTestGrid {
    std::size_t lats = 0;
    std::size_t lons = 0;
    double south = -90.0; // centre of the first row
    double west = -180.0; // centre of the first column
    double step = 2.0;    // degrees, both ways

    double lat(std::size_t row) const { return south + step * static_cast<double>(row); }
    double lon(std::size_t column) const { return west + step * static_cast<double>(column); }

    // Adds the dimensions "lat" and "lon" and their coordinate variables (after the caller's
    // leading dimensions, so a variable can be defined over them in that order).
    void define(data::NetcdfWriter& writer) const {
        using Type = data::NetcdfWriter::Type;
        writer.addDimension("lat", lats);
        writer.addDimension("lon", lons);
        writer.addVariable("lat", Type::Double, {"lat"});
        writer.setTextAttribute("lat", "units", "degrees_north");
        writer.addVariable("lon", Type::Double, {"lon"});
        writer.setTextAttribute("lon", "units", "degrees_east");
    }

    void write(data::NetcdfWriter& writer) const {
        std::vector<double> latitudes(lats), longitudes(lons);
        for (std::size_t i = 0; i < lats; ++i) {
            latitudes[i] = lat(i);
        }
        for (std::size_t i = 0; i < lons; ++i) {
            longitudes[i] = lon(i);
        }
        writer.write("lat", {0}, {lats}, latitudes.data());
        writer.write("lon", {0}, {lons}, longitudes.data());
    }
};

} // namespace twins::testing
