#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace twins::geo {

// A problem with a request for land fractions (a cell outside the globe, a bad spacing) or with
// the compiled-in mask; the message names what was asked.
class GeoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Land (1) or water (0) on a 0.05 degree pixel grid covering the globe, rasterised at build time
// from GSHHG's low-resolution shorelines by GMT (see twins/geo/CMakeLists.txt for why), and the
// land fraction of any latitude-longitude cell averaged from it by area: each mask pixel counts
// by the part of it inside the cell times the cosine of its latitude, so a fraction is a share
// of the cell's surface, as ERA5's and SeasFire's `lsm` are.
class LandMask {
public:
    static constexpr std::size_t columns = 7200; // 0.05 degree from 180 W
    static constexpr std::size_t rows = 3600;    // 0.05 degree from 90 N (north row first)
    static constexpr double pixelDegrees = 0.05;

    // The compiled-in GSHHG mask, loaded on first use (thread-safe) and kept. Throws GeoError if
    // the resource is missing (a binary built without twinbench_geo's resource).
    static const LandMask& gshhg();

    // Land fraction (0..1) of the cell south..north (degrees, -90 <= south < north <= 90) by
    // west..east (degrees east, west < east, east - west <= 360; any multiple of 360 is fine:
    // longitudes wrap). Throws GeoError for a cell outside the globe.
    double fraction(double south, double north, double west, double east) const;

    // Land fractions of a regular grid given by its cell centres (latitudes in any order,
    // longitudes east in any range) and spacings: one value per (latitude, longitude) in row
    // order, latitude major. Throws GeoError naming the grid if a cell leaves the globe.
    std::vector<float> gridFractions(const std::vector<double>& latitudes,
                                     const std::vector<double>& longitudes, double latitudeSpacing,
                                     double longitudeSpacing) const;

    // Whether the pixel holding (latitude, longitude) is land.
    bool isLand(double latitude, double longitude) const;

private:
    explicit LandMask(std::vector<std::uint8_t> pixels);

    std::vector<std::uint8_t> m_pixels; // rows x columns, 0 or 1
};

} // namespace twins::geo
