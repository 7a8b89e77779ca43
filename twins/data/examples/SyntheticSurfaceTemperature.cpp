#include "twinbench/data/examples/SyntheticSurfaceTemperature.h"

#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/geo/LandMask.h"
#include "twinbench/sdk/BuildInfo.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace twins::data::examples {

namespace {

constexpr double degree = std::numbers::pi / 180.0;

// One travelling Fourier mode of the weather noise: integer zonal wavenumber (periodic in
// longitude), a meridional wavenumber, a phase and an eastward drift in degrees per hour.
struct NoiseMode {
    int zonalWavenumber;
    double meridionalWavenumber;
    double phase;
    double amplitude;
    double drift;
};

std::vector<NoiseMode> makeNoiseModes(std::uint32_t seed, int count) {
    std::mt19937 generator(seed);
    // Zonal wavenumbers up to 40 (~1000 km at mid-latitudes): synoptic-scale weather.
    std::uniform_int_distribution<int> zonal(1, 40);
    std::uniform_real_distribution<double> meridional(1.0, 30.0);
    std::uniform_real_distribution<double> phase(0.0, 2.0 * std::numbers::pi);
    std::uniform_real_distribution<double> drift(0.2, 0.5); // ~5-15 m/s at mid-latitudes
    std::vector<NoiseMode> modes;
    double energy = 0.0;
    for (int i = 0; i < count; ++i) {
        NoiseMode mode{zonal(generator), meridional(generator), phase(generator), 0.0,
                       drift(generator)};
        // Red spectrum: large scales carry most of the variance, like real weather.
        const double wavenumber = std::hypot(mode.zonalWavenumber, mode.meridionalWavenumber);
        mode.amplitude = std::pow(wavenumber, -1.2);
        energy += 0.5 * mode.amplitude * mode.amplitude;
        modes.push_back(mode);
    }
    for (NoiseMode& mode : modes) {
        mode.amplitude /= std::sqrt(energy); // unit standard deviation
    }
    return modes;
}

// Unit-variance, spatially correlated noise on the grid at one time, separable per mode.
std::vector<double> correlatedNoise(const std::vector<NoiseMode>& modes,
                                    const std::vector<double>& longitudes,
                                    const std::vector<double>& latitudes, double hours) {
    const std::size_t width = longitudes.size();
    const std::size_t height = latitudes.size();
    std::vector<double> noise(width * height, 0.0);
    std::vector<double> cosLon(width);
    std::vector<double> sinLon(width);
    for (const NoiseMode& mode : modes) {
        for (std::size_t i = 0; i < width; ++i) {
            const double angle =
                mode.zonalWavenumber * (longitudes[i] - mode.drift * hours) * degree;
            cosLon[i] = std::cos(angle);
            sinLon[i] = std::sin(angle);
        }
        for (std::size_t j = 0; j < height; ++j) {
            const double latAngle = mode.meridionalWavenumber * latitudes[j] * degree + mode.phase;
            const double a = mode.amplitude * std::cos(latAngle);
            const double b = mode.amplitude * std::sin(latAngle);
            double* row = &noise[j * width];
            for (std::size_t i = 0; i < width; ++i) {
                row[i] += a * cosLon[i] - b * sinLon[i]; // cos(zonal + meridional)
            }
        }
    }
    return noise;
}

// January 2 m temperature in K without weather: thermal equator at 5 S, cold northern winter,
// planetary waves in the northern mid-latitudes, and a diurnal cycle peaking at 15 local time.
// `land` (0..1, the cell's land fraction) makes it continental: a diurnal swing ten times the
// ocean's (dry ground heats and cools fast; the Sahara is cold before dawn), land in the winter
// (northern) hemisphere colder than the sea beside it and in the summer hemisphere warmer.
double climateTemperature(double latitude, double longitude, double utcHours, double land) {
    const double shifted = (latitude + 5.0) * degree;
    const double poleContrast = latitude > -5.0 ? 55.0 : 38.0;
    const double sinLat = std::sin(shifted);
    double temperature = 300.0 - poleContrast * sinLat * sinLat;
    if (latitude > 0.0) {
        const double waveAmplitude = 7.0 * std::pow(std::sin(2.0 * latitude * degree), 2);
        temperature += waveAmplitude * std::cos(2.0 * (longitude - 100.0) * degree);
        temperature += 0.5 * waveAmplitude * std::cos(3.0 * (longitude - 20.0) * degree);
    }
    const double localSolarHours = utcHours + longitude / 15.0;
    const double cosLat = std::cos(latitude * degree);
    const double diurnalAmplitude = 1.0 + 9.0 * land;
    temperature += diurnalAmplitude * cosLat * cosLat *
                   std::cos(2.0 * std::numbers::pi * (localSolarHours - 15.0) / 24.0);
    const double sinLatitude = std::sin(latitude * degree);
    temperature += land * (latitude > 0.0 ? -18.0 * sinLatitude * sinLatitude
                                          : 6.0 * std::sin(2.0 * std::abs(latitude) * degree));
    return temperature;
}

// The land fraction of every cell (latitude major), from the GSHHG mask rasterised at build
// time (twins/geo); cells at the poles end at the pole.
std::vector<float> landFractions(const std::vector<double>& latitudes,
                                 const std::vector<double>& longitudes) {
    const geo::LandMask& mask = geo::LandMask::gshhg();
    const double latitudeSpacing =
        latitudes.size() > 1 ? std::abs(latitudes[1] - latitudes[0]) : 180.0;
    const double longitudeSpacing = 360.0 / static_cast<double>(longitudes.size());
    std::vector<float> fractions;
    fractions.reserve(latitudes.size() * longitudes.size());
    for (const double latitude : latitudes) {
        const double south = std::max(-90.0, latitude - 0.5 * latitudeSpacing);
        const double north = std::min(90.0, latitude + 0.5 * latitudeSpacing);
        for (const double longitude : longitudes) {
            fractions.push_back(static_cast<float>(
                south < north ? mask.fraction(south, north, longitude - 0.5 * longitudeSpacing,
                                              longitude + 0.5 * longitudeSpacing)
                              : 0.0));
        }
    }
    return fractions;
}

// Mean sea-level pressure in Pa: equatorial trough, subtropical highs near 30 degrees, subpolar
// lows near 60 degrees, and eastward-travelling synoptic waves in the storm tracks.
double climatePressure(double latitude, double longitude, double utcHours) {
    double pressure = 101200.0 - 700.0 * std::cos(6.0 * latitude * degree);
    const double stormTrack = std::exp(-std::pow((std::abs(latitude) - 50.0) / 12.0, 2));
    const double wavePhase = (6.0 * longitude - 60.0 * utcHours / 6.0) * degree;
    pressure += 1500.0 * stormTrack * std::cos(wavePhase);
    return pressure;
}

} // namespace

void writeSyntheticSurfaceFile(const std::string& path, const SyntheticSurfaceOptions& options) {
    const std::size_t width = options.longitudes;
    const std::size_t height = options.latitudes;
    std::vector<double> longitudes(width);
    std::vector<double> latitudes(height);
    for (std::size_t i = 0; i < width; ++i) {
        longitudes[i] = 360.0 * static_cast<double>(i) / static_cast<double>(width);
    }
    for (std::size_t j = 0; j < height; ++j) {
        latitudes[j] = 90.0 - 180.0 * static_cast<double>(j) / static_cast<double>(height - 1);
    }
    std::vector<double> times(options.times);
    for (std::size_t t = 0; t < options.times; ++t) {
        times[t] = 6.0 * static_cast<double>(t);
    }

    NetcdfWriter writer(path);
    writer.addDimension("time", 0);
    writer.addDimension("latitude", height);
    writer.addDimension("longitude", width);
    using Type = NetcdfWriter::Type;
    writer.addVariable("time", Type::Double, {"time"});
    writer.setTextAttribute("time", "standard_name", "time");
    writer.setTextAttribute("time", "units", "hours since 2024-01-01 00:00:00");
    writer.setTextAttribute("time", "calendar", "standard");
    writer.addVariable("latitude", Type::Float, {"latitude"});
    writer.setTextAttribute("latitude", "standard_name", "latitude");
    writer.setTextAttribute("latitude", "units", "degrees_north");
    writer.addVariable("longitude", Type::Float, {"longitude"});
    writer.setTextAttribute("longitude", "standard_name", "longitude");
    writer.setTextAttribute("longitude", "units", "degrees_east");

    // ERA5's packing: int16 with scale and offset chosen for the physical range.
    constexpr double temperatureLow = 180.0;
    constexpr double temperatureHigh = 340.0;
    constexpr short packedFill = -32767;
    const double scale = (temperatureHigh - temperatureLow) / 65532.0;
    const double offset = 0.5 * (temperatureHigh + temperatureLow);
    const std::vector<std::size_t> chunks{1, height, width};
    writer.addVariable("t2m", Type::Short, {"time", "latitude", "longitude"}, 1, chunks);
    writer.setTextAttribute("t2m", "standard_name", "air_temperature");
    writer.setTextAttribute("t2m", "long_name", "2 metre temperature (synthetic)");
    writer.setTextAttribute("t2m", "units", "K");
    writer.setNumberAttribute("t2m", "scale_factor", Type::Double, {scale});
    writer.setNumberAttribute("t2m", "add_offset", Type::Double, {offset});
    writer.setNumberAttribute("t2m", "_FillValue", Type::Short, {packedFill});
    writer.addVariable("lsm", Type::Float, {"latitude", "longitude"}, 1,
                       std::vector<std::size_t>{height, width});
    writer.setTextAttribute("lsm", "standard_name", "land_area_fraction");
    writer.setTextAttribute("lsm", "long_name", "Land-sea mask (GSHHG shorelines)");
    writer.setTextAttribute("lsm", "units", "1");
    writer.addVariable("msl", Type::Float, {"time", "latitude", "longitude"}, 1, chunks);
    writer.setTextAttribute("msl", "standard_name", "air_pressure_at_mean_sea_level");
    writer.setTextAttribute("msl", "long_name", "Mean sea level pressure (synthetic)");
    writer.setTextAttribute("msl", "units", "Pa");

    writer.setGlobalTextAttribute("Conventions", "CF-1.10");
    writer.setGlobalTextAttribute("title",
                                  "Twinbench synthetic surface example (ERA5-like layout)");
    writer.setGlobalTextAttribute(
        "comment", "Synthetic fields: zonal-mean January climate, planetary waves, diurnal "
                   "cycle, travelling storm-track waves and correlated noise, over the real "
                   "land and sea (the land-sea mask from GSHHG's shorelines: continental "
                   "temperatures over land). No observations: for demonstrating and testing "
                   "Twinbench only.");
    writer.setGlobalTextAttribute("source", sdk::versionLine());
    writer.setGlobalTextAttribute("history", "created by " + sdk::versionLine() +
                                                 " (twins::data::examples, seed " +
                                                 std::to_string(options.seed) + ")");

    writer.write("latitude", {0}, {height}, latitudes.data());
    writer.write("longitude", {0}, {width}, longitudes.data());
    writer.write("time", {0}, {times.size()}, times.data());
    const std::vector<float> land = landFractions(latitudes, longitudes);
    writer.write("lsm", {0, 0}, {height, width}, land.data());

    const std::vector<NoiseMode> temperatureModes = makeNoiseModes(options.seed, 80);
    const std::vector<NoiseMode> pressureModes = makeNoiseModes(options.seed + 1, 80);
    std::vector<short> packed(width * height);
    std::vector<float> pressure(width * height);
    for (std::size_t t = 0; t < times.size(); ++t) {
        const std::vector<double> temperatureNoise =
            correlatedNoise(temperatureModes, longitudes, latitudes, times[t]);
        const std::vector<double> pressureNoise =
            correlatedNoise(pressureModes, longitudes, latitudes, times[t]);
        for (std::size_t j = 0; j < height; ++j) {
            // Weather variability grows towards the poles, as in winter reanalyses.
            const double variability = 1.0 + 3.0 * std::abs(std::sin(latitudes[j] * degree));
            for (std::size_t i = 0; i < width; ++i) {
                const std::size_t index = j * width + i;
                const double temperature =
                    climateTemperature(latitudes[j], longitudes[i], times[t], land[index]) +
                    variability * temperatureNoise[index];
                packed[index] = static_cast<short>(
                    std::clamp<long>(std::lround((temperature - offset) / scale), -32766, 32766));
                pressure[index] =
                    static_cast<float>(climatePressure(latitudes[j], longitudes[i], times[t]) +
                                       300.0 * variability * pressureNoise[index]);
            }
        }
        writer.write("t2m", {t, 0, 0}, {1, height, width}, packed.data());
        writer.write("msl", {t, 0, 0}, {1, height, width}, pressure.data());
    }
    writer.commit();
}

} // namespace twins::data::examples
