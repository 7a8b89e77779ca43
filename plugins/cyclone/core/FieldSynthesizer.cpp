#include "FieldSynthesizer.h"

#include "Geodesy.h"
#include "LandMask.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace cyclone {

namespace {

constexpr double degree = std::numbers::pi / 180.0;
constexpr double metresPerDegree = earthRadiusMetres * degree;

// Streamfunction noise: ~1.5e6 m2 s-1 in the tropics (vorticity anomalies ~1-2e-5 s-1, pressure
// anomalies ~1 hPa) growing to ~9e6 m2 s-1 at 70N (msl standard deviation ~10 hPa at 60N, as
// in reanalyses' synoptic variability).
double streamAmplitude(double latitude) {
    const double x = latitude / 70.0;
    return 1.5e6 + 7.5e6 * x * x;
}

// Temperature noise at 500 hPa, K: small in the tropics (weak temperature gradients: Charney
// 1963, Sobel et al. 2001), larger in mid-latitudes.
double temperatureAmplitude(double latitude) {
    const double x = latitude / 70.0;
    return 0.35 + 1.6 * x * x;
}

// Geostrophic balance needs f; below ~10 degrees it breaks down, so the pressure of the noise
// uses f at 10 degrees there (tropical pressure anomalies stay ~1 hPa rather than vanishing).
double balanceCoriolis(double latitude) {
    return coriolisParameter(std::copysign(std::max(std::fabs(latitude), 10.0), latitude));
}

// The vortices are tapered to zero between these radii (km): the Holland tail is only a few per
// cent of the deficit there, and the taper keeps storms from reaching across the basin.
constexpr double taperStartKm = 700.0;
constexpr double taperEndKm = 1200.0;

// Easterly waves (Riehl 1954; Burpee 1972): ~2500 km wavelength, westward at ~7 m s-1, centred
// near 12N, with a vorticity amplitude of ~1.5e-5 s-1.
constexpr double waveLengthMetres = 2.5e6;
constexpr double wavePhaseSpeed = -7.0;
constexpr double waveVorticity = 1.5e-5;

} // namespace

void DriverFields::resize(std::size_t size) {
    for (std::vector<float>* field : {&fg10, &i10fg, &msl, &t500, &t300, &vo850, &sst}) {
        field->assign(size, 0.0f);
    }
}

FieldSynthesizer::FieldSynthesizer(const LatLonGrid& grid, const BackgroundClimate& climate,
                                   std::uint64_t seed)
    : m_grid(grid), m_climate(climate), m_streamNoise(grid, 350.0, 36.0, 6.0, streamSeed(seed, 1)),
      m_temperatureNoise(grid, 500.0, 48.0, 6.0, streamSeed(seed, 2)),
      m_upperTemperatureNoise(grid, 300.0, 24.0, 6.0, streamSeed(seed, 3)),
      m_gustNoise(grid, 200.0, 12.0, 6.0, streamSeed(seed, 4)), m_land(grid.size()),
      m_u(grid.size()), m_v(grid.size()) {
    CorrelatedNoise sst(grid, 700.0, 1.0, 1.0, streamSeed(seed, 5));
    m_sstAnomaly = sst.next();
    for (std::size_t row = 0; row < grid.rows(); ++row) {
        for (std::size_t column = 0; column < grid.columns(); ++column) {
            m_land[grid.index(row, column)] = isLand(grid.latitudes[row], grid.longitudes[column]);
        }
    }
    m_wavePhase = 2.0 * std::numbers::pi * Random(streamSeed(seed, 6)).uniform();
}

void FieldSynthesizer::synthesize(double dayOfYear, double hoursSinceStart,
                                  const std::vector<Storm>& storms, DriverFields& out) {
    out.resize(m_grid.size());
    const std::vector<float>& stream = m_streamNoise.next();
    const std::vector<float>& temperature = m_temperatureNoise.next();
    const std::vector<float>& upperTemperature = m_upperTemperatureNoise.next();
    const std::vector<float>& gust = m_gustNoise.next();

    const std::size_t rows = m_grid.rows();
    const std::size_t columns = m_grid.columns();
    const double dy = m_grid.rowSpacingKm() * 1000.0;
    const double waveNumber = 2.0 * std::numbers::pi / waveLengthMetres;
    const double waveAmplitude =
        waveVorticity / (waveNumber * waveNumber) *
        (0.6 + 0.4 * std::cos(2.0 * std::numbers::pi * (dayOfYear - 230.0) / 365.25));
    const double waveShift = wavePhaseSpeed * hoursSinceStart * 3600.0;

    // Total streamfunction of the anomalies (noise + waves), needed for the wind and pressure.
    std::vector<double> psi(m_grid.size());
    for (std::size_t row = 0; row < rows; ++row) {
        const double latitude = m_grid.latitudes[row];
        const double amplitude = streamAmplitude(latitude);
        const double waveEnvelope =
            waveAmplitude * std::exp(-std::pow((latitude - 12.0) / 5.0, 2.0));
        for (std::size_t column = 0; column < columns; ++column) {
            const double x = m_grid.longitudes[column] * metresPerDegree * std::cos(12.0 * degree);
            psi[m_grid.index(row, column)] =
                amplitude * stream[m_grid.index(row, column)] +
                waveEnvelope * std::cos(waveNumber * (x - waveShift) + m_wavePhase);
        }
    }

    for (std::size_t row = 0; row < rows; ++row) {
        const double latitude = m_grid.latitudes[row];
        const double dx = std::max(m_grid.columnSpacingKm(row), 1.0) * 1000.0;
        const std::size_t north = row == 0 ? row : row - 1;
        const std::size_t south = row + 1 == rows ? row : row + 1;
        const double rowDistance = dy * static_cast<double>(south - north);
        const double balance = HollandVortex::airDensity * balanceCoriolis(latitude);
        const double t500 = m_climate.temperature500(latitude, dayOfYear);
        const double t300 = m_climate.temperature300(latitude, dayOfYear);
        const double temperatureSpread = temperatureAmplitude(latitude);
        for (std::size_t column = 0; column < columns; ++column) {
            const std::size_t i = m_grid.index(row, column);
            const double longitude = m_grid.longitudes[column];
            const std::size_t west = column == 0 ? column : column - 1;
            const std::size_t east = column + 1 == columns ? column : column + 1;
            const BackgroundClimate::Wind flow =
                m_climate.steeringFlow(latitude, longitude, dayOfYear);
            // Rotational wind of the streamfunction: u = -dpsi/dy, v = dpsi/dx (rows run south).
            const double dpsiDy =
                (psi[m_grid.index(north, column)] - psi[m_grid.index(south, column)]) / rowDistance;
            const double dpsiDx = (psi[m_grid.index(row, east)] - psi[m_grid.index(row, west)]) /
                                  (dx * static_cast<double>(east - west));
            m_u[i] = static_cast<float>(flow.u - dpsiDy);
            m_v[i] = static_cast<float>(flow.v + dpsiDx);
            out.msl[i] = static_cast<float>(
                m_climate.seaLevelPressure(latitude, longitude, dayOfYear) + balance * psi[i]);
            out.t500[i] = static_cast<float>(t500 + temperatureSpread * temperature[i]);
            out.t300[i] = static_cast<float>(t300 + 1.2 * temperatureSpread * temperature[i] +
                                             0.4 * temperatureSpread * upperTemperature[i]);
            out.sst[i] = m_land[i] ? std::numeric_limits<float>::quiet_NaN()
                                   : static_cast<float>(m_climate.seaSurfaceTemperature(
                                                            latitude, longitude, dayOfYear) +
                                                        0.4 * m_sstAnomaly[i]);
        }
    }

    for (const Storm& storm : storms) {
        addVortex(storm, out);
    }
    computeVorticity(out.vo850);

    for (std::size_t i = 0; i < m_grid.size(); ++i) {
        // 10 m wind from the 850 hPa wind: reduction ~0.8 over sea, ~0.6 over rough land; gust
        // factors ~1.3 over sea and ~1.6 over land (WMO guidelines on gust factors, Harper et
        // al. 2010); ERA5's fg10 is the maximum since the previous post-processing, a little
        // above the instantaneous gust.
        const double speed850 = std::hypot(m_u[i], m_v[i]);
        const double speed10 = speed850 * (m_land[i] ? 0.6 : 0.8);
        const double instantaneous =
            std::max(0.0, speed10 * (m_land[i] ? 1.6 : 1.3) + 1.0 * gust[i]);
        out.i10fg[i] = static_cast<float>(instantaneous);
        out.fg10[i] = static_cast<float>(1.12 * instantaneous + 0.5);
    }
}

void FieldSynthesizer::addVortex(const Storm& storm, DriverFields& out) {
    const HollandVortex vortex = storm.vortex();
    const double centreLatitude = storm.track.latitude;
    const double centreLongitude = storm.track.longitude;
    const double rotation = centreLatitude < 0.0 ? -1.0 : 1.0; // counter-clockwise in the north
    const double reachDegrees = taperEndKm * 1000.0 / metresPerDegree;
    const double cosine = std::cos(centreLatitude * degree);
    const double vmax = storm.track.windMs / 0.8;
    for (std::size_t row = 0; row < m_grid.rows(); ++row) {
        const double latitude = m_grid.latitudes[row];
        if (std::fabs(latitude - centreLatitude) > reachDegrees) {
            continue;
        }
        for (std::size_t column = 0; column < m_grid.columns(); ++column) {
            const double deltaLongitude = m_grid.longitudes[column] - centreLongitude;
            if (std::fabs(deltaLongitude) * cosine > reachDegrees) {
                continue;
            }
            // Local tangent-plane displacement from the centre, km.
            const double east = deltaLongitude * cosine * metresPerDegree / 1000.0;
            const double north = (latitude - centreLatitude) * metresPerDegree / 1000.0;
            const double radius = std::hypot(east, north);
            if (radius >= taperEndKm) {
                continue;
            }
            double taper = 1.0;
            if (radius > taperStartKm) {
                const double x = (radius - taperStartKm) / (taperEndKm - taperStartKm);
                taper = std::pow(std::cos(0.5 * std::numbers::pi * x), 2.0);
            }
            const std::size_t i = m_grid.index(row, column);
            out.msl[i] -= static_cast<float>(taper * vortex.pressureDeficit(radius));
            out.t500[i] += static_cast<float>(taper * vortex.warmCore500(radius));
            out.t300[i] += static_cast<float>(taper * vortex.warmCore300(radius));
            if (radius > 0.0) {
                const double speed = taper * vortex.gradientWind(radius);
                // Tangential wind plus part of the translation velocity, weighted by the
                // vortex's own strength: the stronger right-hand side of a moving storm.
                const double carry = 0.5 * std::min(1.0, speed / std::max(vmax, 1.0));
                m_u[i] +=
                    static_cast<float>(rotation * speed * -north / radius + carry * storm.motionU);
                m_v[i] +=
                    static_cast<float>(rotation * speed * east / radius + carry * storm.motionV);
            }
        }
    }
}

void FieldSynthesizer::computeVorticity(std::vector<float>& vorticity) const {
    // zeta = dv/dx - du/dy + u tan(lat) / a on the sphere, centred differences (one-sided at
    // the edges) on the grid: the grid-scale vorticity a reanalysis reports.
    const std::size_t rows = m_grid.rows();
    const std::size_t columns = m_grid.columns();
    const double dy = m_grid.rowSpacingKm() * 1000.0;
    for (std::size_t row = 0; row < rows; ++row) {
        const double latitude = m_grid.latitudes[row];
        const double dx = std::max(m_grid.columnSpacingKm(row), 1.0) * 1000.0;
        const std::size_t north = row == 0 ? row : row - 1;
        const std::size_t south = row + 1 == rows ? row : row + 1;
        const double rowDistance = dy * static_cast<double>(south - north);
        const double metric = std::tan(latitude * degree) / earthRadiusMetres;
        for (std::size_t column = 0; column < columns; ++column) {
            const std::size_t west = column == 0 ? column : column - 1;
            const std::size_t east = column + 1 == columns ? column : column + 1;
            const double dvdx = (m_v[m_grid.index(row, east)] - m_v[m_grid.index(row, west)]) /
                                (dx * static_cast<double>(east - west));
            const double dudy =
                (m_u[m_grid.index(north, column)] - m_u[m_grid.index(south, column)]) / rowDistance;
            const std::size_t i = m_grid.index(row, column);
            vorticity[i] = static_cast<float>(dvdx - dudy + m_u[i] * metric);
        }
    }
}

} // namespace cyclone
