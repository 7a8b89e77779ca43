#include "twinbench/geo/LandMask.h"

#include <QFile>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <utility>

namespace twins::geo {

namespace {

constexpr double degree = std::numbers::pi / 180.0;

// One axis of the overlap of a cell with the mask's pixels: the first pixel and the share of
// each pixel (0..1) inside the cell.
struct Overlap {
    long first = 0;
    std::vector<double> shares;
};

Overlap overlapOf(double low, double high, double origin) {
    Overlap overlap;
    const double a = (low - origin) / LandMask::pixelDegrees;
    const double b = (high - origin) / LandMask::pixelDegrees;
    overlap.first = static_cast<long>(std::floor(a));
    const auto last = static_cast<long>(std::ceil(b)) - 1;
    for (long i = overlap.first; i <= last; ++i) {
        const double share = std::min<double>(b, i + 1) - std::max<double>(a, i);
        overlap.shares.push_back(std::max(0.0, share));
    }
    return overlap;
}

std::string describeCell(double south, double north, double west, double east) {
    return "latitudes " + std::to_string(south) + ".." + std::to_string(north) + ", longitudes " +
           std::to_string(west) + ".." + std::to_string(east);
}

} // namespace

LandMask::LandMask(std::vector<std::uint8_t> pixels) : m_pixels(std::move(pixels)) {}

const LandMask& LandMask::gshhg() {
    static const LandMask mask = [] {
        QFile file(QStringLiteral(":/geo/land_mask_3min.i8"));
        if (!file.open(QIODevice::ReadOnly)) {
            throw GeoError("the GSHHG land mask resource :/geo/land_mask_3min.i8 is missing "
                           "(link twinbench_geo)");
        }
        const QByteArray bytes = file.readAll();
        if (static_cast<std::size_t>(bytes.size()) != rows * columns) {
            throw GeoError("the GSHHG land mask resource has " + std::to_string(bytes.size()) +
                           " bytes, expected " + std::to_string(rows * columns));
        }
        std::vector<std::uint8_t> pixels(bytes.begin(), bytes.end());
        return LandMask(std::move(pixels));
    }();
    return mask;
}

double LandMask::fraction(double south, double north, double west, double east) const {
    if (!(south >= -90.0 && north <= 90.0 && south < north && west < east &&
          east - west <= 360.0 + 1e-9 && std::isfinite(west) && std::isfinite(east))) {
        throw GeoError("no land fraction for the cell " + describeCell(south, north, west, east) +
                       ": a cell must lie within -90..90 degrees north and span at most 360 "
                       "degrees of longitude");
    }
    // Rows count from the north edge; pixel rows as a "latitude from 90 N going south" axis.
    const Overlap latitude = overlapOf(90.0 - north, 90.0 - south, 0.0);
    const Overlap longitude = overlapOf(west, east, -180.0);
    double land = 0.0;
    double total = 0.0;
    for (std::size_t r = 0; r < latitude.shares.size(); ++r) {
        const long row = std::clamp<long>(latitude.first + static_cast<long>(r), 0, rows - 1);
        const double centre = 90.0 - (static_cast<double>(row) + 0.5) * pixelDegrees;
        const double rowWeight = latitude.shares[r] * std::cos(centre * degree);
        const std::uint8_t* pixels = m_pixels.data() + static_cast<std::size_t>(row) * columns;
        double rowLand = 0.0;
        double rowTotal = 0.0;
        for (std::size_t c = 0; c < longitude.shares.size(); ++c) {
            const long wrapped =
                ((longitude.first + static_cast<long>(c)) % long(columns) + long(columns)) %
                long(columns);
            rowLand += longitude.shares[c] * pixels[wrapped];
            rowTotal += longitude.shares[c];
        }
        land += rowWeight * rowLand;
        total += rowWeight * rowTotal;
    }
    return total > 0.0 ? land / total : 0.0;
}

std::vector<float> LandMask::gridFractions(const std::vector<double>& latitudes,
                                           const std::vector<double>& longitudes,
                                           double latitudeSpacing, double longitudeSpacing) const {
    if (!(latitudeSpacing > 0.0) || !(longitudeSpacing > 0.0) || longitudeSpacing > 360.0) {
        throw GeoError("no land fractions for a grid with spacings " +
                       std::to_string(latitudeSpacing) + " x " + std::to_string(longitudeSpacing) +
                       " degrees: spacings must be positive (longitude at most 360)");
    }
    std::vector<float> fractions;
    fractions.reserve(latitudes.size() * longitudes.size());
    for (const double latitude : latitudes) {
        const double south = latitude - 0.5 * latitudeSpacing;
        const double north = latitude + 0.5 * latitudeSpacing;
        if (south < -90.0 - 1e-9 || north > 90.0 + 1e-9) {
            throw GeoError("no land fractions for a grid row centred at " +
                           std::to_string(latitude) + " degrees north with spacing " +
                           std::to_string(latitudeSpacing) + ": its cells leave the globe");
        }
        for (const double longitude : longitudes) {
            fractions.push_back(static_cast<float>(
                fraction(std::max(-90.0, south), std::min(90.0, north),
                         longitude - 0.5 * longitudeSpacing, longitude + 0.5 * longitudeSpacing)));
        }
    }
    return fractions;
}

bool LandMask::isLand(double latitude, double longitude) const {
    const auto row = std::clamp<long>(
        static_cast<long>(std::floor((90.0 - latitude) / pixelDegrees)), 0, rows - 1);
    const long column =
        ((static_cast<long>(std::floor((longitude + 180.0) / pixelDegrees)) % long(columns)) +
         long(columns)) %
        long(columns);
    return m_pixels[static_cast<std::size_t>(row) * columns + static_cast<std::size_t>(column)] !=
           0;
}

} // namespace twins::geo
