#include "BackgroundClimate.h"

#include "LatLonGrid.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cyclone {

namespace {

constexpr double kelvin = 273.15;

// Seasonal phase in [-1, 1], +1 on dayOfMaximum. Ocean lags the sun by ~2 months (SST peaks in
// late August to September in the northern tropics), the free troposphere by ~1 month.
double season(double dayOfYear, double dayOfMaximum) {
    return std::cos(2.0 * std::numbers::pi * (dayOfYear - dayOfMaximum) / 365.25);
}

double gaussian(double x, double centre, double width) {
    const double z = (x - centre) / width;
    return std::exp(-z * z);
}

// x exp((1 - x^2) / 2): an odd bump that peaks at 1 for x = 1 (used for the meridional flow on
// the flanks of a high).
double flank(double x) {
    return x * std::exp(0.5 * (1.0 - x * x));
}

constexpr double sstPeakDay = 240.0;
constexpr double relativeWarmingShare = 0.25;
constexpr double airPeakDay = 205.0;

} // namespace

BackgroundClimate::BackgroundClimate(double warmingKelvin) : m_warming(warmingKelvin) {}

double BackgroundClimate::relativeSeaSurfaceTemperature(double latitude, double longitude,
                                                        double dayOfYear) const {
    const double s = season(dayOfYear, sstPeakDay);
    // A warm tropical plateau at ~29 C whose poleward edge follows the sun (5N in February,
    // 15N in late summer), then a quadratic fall to ~2 C at 70N: ~28 C at 20N in August,
    // ~26 C in February, ~22 C at 40N in summer, ~10 C at 60N.
    const double edge = 10.0 + 5.0 * s;
    const double distance = std::max(0.0, latitude - edge);
    double celsius = 29.0 - 0.0075 * distance * distance;
    // Western Pacific warm pool (> 29.5 C), and the cool eastern boundary currents (California
    // Current, 4 K colder off Baja/California) that keep eastern Pacific storms from going north.
    celsius += 0.8 * gaussian(longitude, 145.0, 25.0) * gaussian(latitude, 10.0, 10.0);
    celsius -= 4.0 * gaussian(longitude, 238.0, 10.0) * gaussian(latitude, 30.0, 10.0);
    // The trade-wind-cooled subtropical central North Pacific (upwelling and evaporation under
    // the Hawaiian high), cooler than the western and eastern basins at the same latitude.
    celsius -= 1.5 * gaussian(longitude, 205.0, 18.0) * gaussian(latitude, 18.0, 8.0);
    // The Gulf Stream carries warm water north along the US east coast.
    celsius += 2.5 * gaussian(longitude, 288.0, 8.0) * gaussian(latitude, 36.0, 6.0);
    // A quarter of a uniform warming survives in the relative SST (the rest is offset by the
    // warmer troposphere, which raises the outflow temperature and the genesis threshold).
    return std::max(celsius, -1.8) + kelvin + relativeWarmingShare * m_warming;
}

double BackgroundClimate::seaSurfaceTemperature(double latitude, double longitude,
                                                double dayOfYear) const {
    return relativeSeaSurfaceTemperature(latitude, longitude, dayOfYear) +
           (1.0 - relativeWarmingShare) * m_warming;
}

double BackgroundClimate::ridgeLatitude(double dayOfYear) const {
    return 28.0 + 6.0 * season(dayOfYear, airPeakDay);
}

double BackgroundClimate::seaLevelPressure(double latitude, double longitude,
                                           double dayOfYear) const {
    const double s = season(dayOfYear, airPeakDay);
    const double ridge = ridgeLatitude(dayOfYear);
    double pressure = 101000.0;
    // North Pacific (Hawaiian) and Azores-Bermuda highs: ~1025 hPa at their centres in summer.
    pressure += 2200.0 * gaussian(latitude, ridge + 5.0, 9.0) *
                (gaussian(longitude, 210.0, 35.0) + gaussian(longitude, 330.0, 30.0));
    // Siberian high over Asia in winter, a thermal low there in summer.
    pressure += 1500.0 * -s * gaussian(latitude, 50.0, 10.0) * gaussian(longitude, 110.0, 20.0);
    // Equatorial trough (ITCZ), ~1008-1010 hPa, following the sun.
    pressure -= 250.0 * gaussian(latitude, 8.0 + 4.0 * s, 6.0);
    // Aleutian and Icelandic lows, deepest in winter.
    pressure -= (1200.0 - 700.0 * s) * gaussian(latitude, 55.0, 8.0) *
                (gaussian(longitude, 185.0, 25.0) + gaussian(longitude, 330.0, 25.0));
    return pressure;
}

double BackgroundClimate::temperature500(double latitude, double dayOfYear) const {
    // ~267 K in the tropics, ~251 K at 60N (~245 K in winter, ~255 K in summer).
    const double s = season(dayOfYear, airPeakDay);
    return 267.5 - 0.0045 * latitude * latitude * (1.0 - 0.3 * s) + 1.5 * m_warming;
}

double BackgroundClimate::temperature300(double latitude, double dayOfYear) const {
    // ~242 K in the tropics, ~228 K at 60N.
    const double s = season(dayOfYear, airPeakDay);
    return 242.0 - 0.004 * latitude * latitude * (1.0 - 0.3 * s) + 2.0 * m_warming;
}

BackgroundClimate::Wind BackgroundClimate::steeringFlow(double latitude, double longitude,
                                                        double dayOfYear) const {
    const double ridge = ridgeLatitude(dayOfYear);
    Wind wind;
    // Trades of -6 m s-1 turning into +10 m s-1 westerlies across the ridge.
    wind.u = -6.0 + 16.0 * 0.5 * (1.0 + std::tanh((latitude - ridge) / 5.0));
    // Southerlies west of each high's centre (peak 5 m s-1 one width west), northerlies east.
    const double meridional = flank((210.0 - longitude) / 40.0) + flank((330.0 - longitude) / 40.0);
    wind.v = 5.0 * meridional * gaussian(latitude, ridge, 15.0);
    return wind;
}

void BackgroundClimate::evaluate(const LatLonGrid& grid, double dayOfYear, ClimateGrid& out) const {
    const std::size_t rows = grid.rows();
    const std::size_t columns = grid.columns();
    const double sstSeason = season(dayOfYear, sstPeakDay);
    const double airSeason = season(dayOfYear, airPeakDay);
    const double ridge = ridgeLatitude(dayOfYear);
    const double sstEdge = 10.0 + 5.0 * sstSeason;
    const double kelvinOffset = kelvin + relativeWarmingShare * m_warming;
    const double absoluteOffset = (1.0 - relativeWarmingShare) * m_warming;

    // Longitude factors (the same terms, in the same order, as the point functions).
    std::vector<double> warmPool(columns), california(columns), centralPacific(columns),
        gulfStream(columns), highs(columns), siberia(columns), lows(columns), flanks(columns);
    for (std::size_t c = 0; c < columns; ++c) {
        const double longitude = grid.longitudes[c];
        warmPool[c] = gaussian(longitude, 145.0, 25.0);
        california[c] = gaussian(longitude, 238.0, 10.0);
        centralPacific[c] = gaussian(longitude, 205.0, 18.0);
        gulfStream[c] = gaussian(longitude, 288.0, 8.0);
        highs[c] = gaussian(longitude, 210.0, 35.0) + gaussian(longitude, 330.0, 30.0);
        siberia[c] = gaussian(longitude, 110.0, 20.0);
        lows[c] = gaussian(longitude, 185.0, 25.0) + gaussian(longitude, 330.0, 25.0);
        flanks[c] = flank((210.0 - longitude) / 40.0) + flank((330.0 - longitude) / 40.0);
    }
    for (std::vector<float>* field : {&out.msl, &out.sst, &out.u, &out.v}) {
        field->resize(grid.size());
    }
    out.t500.resize(rows);
    out.t300.resize(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        const double latitude = grid.latitudes[r];
        out.t500[r] = temperature500(latitude, dayOfYear);
        out.t300[r] = temperature300(latitude, dayOfYear);
        const double distance = std::max(0.0, latitude - sstEdge);
        const double plateau = 29.0 - 0.0075 * distance * distance;
        const double warmPoolLat = 0.8 * gaussian(latitude, 10.0, 10.0);
        const double californiaLat = 4.0 * gaussian(latitude, 30.0, 10.0);
        const double centralLat = 1.5 * gaussian(latitude, 18.0, 8.0);
        const double gulfLat = 2.5 * gaussian(latitude, 36.0, 6.0);
        const double highsLat = 2200.0 * gaussian(latitude, ridge + 5.0, 9.0);
        const double siberiaLat = 1500.0 * -airSeason * gaussian(latitude, 50.0, 10.0);
        const double trough = 250.0 * gaussian(latitude, 8.0 + 4.0 * airSeason, 6.0);
        const double lowsLat = (1200.0 - 700.0 * airSeason) * gaussian(latitude, 55.0, 8.0);
        const double trades = -6.0 + 16.0 * 0.5 * (1.0 + std::tanh((latitude - ridge) / 5.0));
        const double meridionalLat = 5.0 * gaussian(latitude, ridge, 15.0);
        float* msl = out.msl.data() + r * columns;
        float* sst = out.sst.data() + r * columns;
        float* u = out.u.data() + r * columns;
        float* v = out.v.data() + r * columns;
        for (std::size_t c = 0; c < columns; ++c) {
            double celsius = plateau + warmPoolLat * warmPool[c] - californiaLat * california[c] -
                             centralLat * centralPacific[c] + gulfLat * gulfStream[c];
            celsius = std::max(celsius, -1.8);
            sst[c] = static_cast<float>(celsius + kelvinOffset + absoluteOffset);
            msl[c] = static_cast<float>(101000.0 + highsLat * highs[c] + siberiaLat * siberia[c] -
                                        trough - lowsLat * lows[c]);
            u[c] = static_cast<float>(trades);
            v[c] = static_cast<float>(meridionalLat * flanks[c]);
        }
    }
}

} // namespace cyclone
