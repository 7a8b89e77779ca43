#include "FieldSynthesizer.h"

#include "Geodesy.h"
#include "LandMask.h"

#include <algorithm>
#include <cmath>
#include <future>
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

// Observation-like errors of the harder world: roughly the scatter of analyses against
// observations (msl ~1 hPa, 850 hPa wind ~1.5-2 m s-1, 300 hPa temperature ~0.5 K), on the
// scales of the observing network's gaps (200-300 km), renewed within a day (6 h memory).
constexpr double mslErrorPa = 100.0;
constexpr double windErrorMs = 1.5;
constexpr double t300ErrorK = 0.4;

// A front through an extratropical low: the temperature changes by the contrast over ~2 x 250
// km across a line running south-west to north-east through the centre (warm to its
// south-east), fading beyond ~1000 km.
constexpr double frontWidthKm = 250.0;
constexpr double frontReachKm = 1000.0;

} // namespace

void DriverFields::resize(std::size_t size) {
    for (std::vector<float>* field : {&fg10, &i10fg, &msl, &t500, &t300, &vo850, &sst}) {
        field->assign(size, 0.0f);
    }
}

FieldSynthesizer::FieldSynthesizer(const LatLonGrid& grid, const BackgroundClimate& climate,
                                   std::uint64_t seed)
    : m_grid(grid), m_climate(climate),
      m_streamNoise(grid, 350.0, 36.0, 6.0, twins::sdk::streamSeed(seed, 1)),
      m_temperatureNoise(grid, 500.0, 48.0, 6.0, twins::sdk::streamSeed(seed, 2)),
      m_upperTemperatureNoise(grid, 300.0, 24.0, 6.0, twins::sdk::streamSeed(seed, 3)),
      m_gustNoise(grid, 200.0, 12.0, 6.0, twins::sdk::streamSeed(seed, 4)), m_land(grid.size()),
      m_u(grid.size()), m_v(grid.size()) {
    CorrelatedNoise sst(grid, 700.0, 1.0, 1.0, twins::sdk::streamSeed(seed, 5));
    m_sstAnomaly = sst.next();
    for (std::size_t row = 0; row < grid.rows(); ++row) {
        for (std::size_t column = 0; column < grid.columns(); ++column) {
            m_land[grid.index(row, column)] =
                isLand(grid.latitudes[row], grid.longitudes[column]) ? 1 : 0;
        }
    }
    m_wavePhase =
        2.0 * std::numbers::pi * twins::sdk::Random(twins::sdk::streamSeed(seed, 6)).uniform();
}

void FieldSynthesizer::synthesize(double dayOfYear, double hoursSinceStart,
                                  const std::vector<Storm>& storms, DriverFields& out) {
    out.resize(m_grid.size());
    // The four noise fields are independent streams (own seeds), so two of them are advanced on
    // a second thread: the same numbers in the same fields whatever the scheduling.
    auto other = std::async(std::launch::async, [this] {
        m_upperTemperatureNoise.next();
        m_gustNoise.next();
    });
    const std::vector<float>& stream = m_streamNoise.next();
    const std::vector<float>& temperature = m_temperatureNoise.next();
    m_climate.evaluate(m_grid, dayOfYear, m_background);
    other.get();
    const std::vector<float>& upperTemperature = m_upperTemperatureNoise.current();
    const std::vector<float>& gust = m_gustNoise.current();

    const std::size_t rows = m_grid.rows();
    const std::size_t columns = m_grid.columns();
    const double dy = m_grid.rowSpacingKm() * 1000.0;
    const double waveNumber = 2.0 * std::numbers::pi / waveLengthMetres;
    const double waveAmplitude =
        waveVorticity / (waveNumber * waveNumber) *
        (0.6 + 0.4 * std::cos(2.0 * std::numbers::pi * (dayOfYear - 230.0) / 365.25));
    const double waveShift = wavePhaseSpeed * hoursSinceStart * 3600.0;

    // The waves' phase depends on the column only, their envelope on the row only.
    m_waveColumn.resize(columns);
    for (std::size_t column = 0; column < columns; ++column) {
        const double x = m_grid.longitudes[column] * metresPerDegree * std::cos(12.0 * degree);
        m_waveColumn[column] =
            static_cast<float>(std::cos(waveNumber * (x - waveShift) + m_wavePhase));
    }
    // Total streamfunction of the anomalies (noise + waves), needed for the wind and pressure.
    m_psi.resize(m_grid.size());
    for (std::size_t row = 0; row < rows; ++row) {
        const double latitude = m_grid.latitudes[row];
        const auto amplitude = static_cast<float>(streamAmplitude(latitude));
        const auto envelope =
            static_cast<float>(waveAmplitude * std::exp(-std::pow((latitude - 12.0) / 5.0, 2.0)));
        const float* noise = stream.data() + row * columns;
        float* psi = m_psi.data() + row * columns;
        for (std::size_t column = 0; column < columns; ++column) {
            psi[column] = amplitude * noise[column] + envelope * m_waveColumn[column];
        }
    }

    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (std::size_t row = 0; row < rows; ++row) {
        const double latitude = m_grid.latitudes[row];
        const double dx = std::max(m_grid.columnSpacingKm(row), 1.0) * 1000.0;
        const std::size_t north = row == 0 ? row : row - 1;
        const std::size_t south = row + 1 == rows ? row : row + 1;
        const auto inverseRowDistance =
            static_cast<float>(1.0 / (dy * static_cast<double>(south - north)));
        const auto inverseColumnDistance = static_cast<float>(1.0 / (2.0 * dx));
        const auto balance =
            static_cast<float>(HollandVortex::airDensity * balanceCoriolis(latitude));
        const auto t500 = static_cast<float>(m_background.t500[row]);
        const auto t300 = static_cast<float>(m_background.t300[row]);
        const auto spread = static_cast<float>(temperatureAmplitude(latitude));
        const std::size_t first = row * columns;
        const float* psi = m_psi.data() + first;
        const float* psiNorth = m_psi.data() + north * columns;
        const float* psiSouth = m_psi.data() + south * columns;
        const float* flowU = m_background.u.data() + first;
        const float* flowV = m_background.v.data() + first;
        const float* mslBackground = m_background.msl.data() + first;
        const float* sstBackground = m_background.sst.data() + first;
        const float* noise = temperature.data() + first;
        const float* upperNoise = upperTemperature.data() + first;
        const float* sstAnomaly = m_sstAnomaly.data() + first;
        const unsigned char* land = m_land.data() + first;
        float* u = m_u.data() + first;
        float* v = m_v.data() + first;
        float* msl = out.msl.data() + first;
        float* outT500 = out.t500.data() + first;
        float* outT300 = out.t300.data() + first;
        float* sst = out.sst.data() + first;
        // Rotational wind of the streamfunction: u = -dpsi/dy, v = dpsi/dx (rows run south);
        // centred differences inside, one-sided at the first and last column.
        for (std::size_t column = 0; column < columns; ++column) {
            u[column] = flowU[column] - (psiNorth[column] - psiSouth[column]) * inverseRowDistance;
            msl[column] = mslBackground[column] + balance * psi[column];
            outT500[column] = t500 + spread * noise[column];
            outT300[column] =
                t300 + 1.2f * spread * noise[column] + 0.4f * spread * upperNoise[column];
            sst[column] = land[column] ? nan : sstBackground[column] + 0.4f * sstAnomaly[column];
        }
        for (std::size_t column = 1; column + 1 < columns; ++column) {
            v[column] = flowV[column] + (psi[column + 1] - psi[column - 1]) * inverseColumnDistance;
        }
        v[0] = flowV[0] + (psi[1] - psi[0]) * 2.0f * inverseColumnDistance;
        v[columns - 1] = flowV[columns - 1] +
                         (psi[columns - 1] - psi[columns - 2]) * 2.0f * inverseColumnDistance;
    }

    for (const Storm& storm : storms) {
        addVortex(storm, out);
    }
    if (m_uError) {
        m_uError->next();
        m_vError->next();
        const std::vector<float>& uError = m_uError->current();
        const std::vector<float>& vError = m_vError->current();
        for (std::size_t i = 0; i < m_grid.size(); ++i) {
            m_u[i] += static_cast<float>(windErrorMs) * uError[i];
            m_v[i] += static_cast<float>(windErrorMs) * vError[i];
        }
    }
    computeVorticity(out.vo850);
    if (m_mslError) {
        addObservationErrors(out);
    }

    for (std::size_t i = 0; i < m_grid.size(); ++i) {
        // 10 m wind from the 850 hPa wind: reduction ~0.8 over sea, ~0.6 over rough land; gust
        // factors ~1.3 over sea and ~1.6 over land (WMO guidelines on gust factors, Harper et
        // al. 2010); ERA5's fg10 is the maximum since the previous post-processing, a little
        // above the instantaneous gust.
        const float speed850 = std::sqrt(m_u[i] * m_u[i] + m_v[i] * m_v[i]);
        const float gustFactor = m_land[i] ? 0.6f * 1.6f : 0.8f * 1.3f;
        const float instantaneous = std::max(0.0f, speed850 * gustFactor + gust[i]);
        out.i10fg[i] = instantaneous;
        out.fg10[i] = 1.12f * instantaneous + 0.5f;
    }
}

void FieldSynthesizer::enableObservationNoise(std::uint64_t seed) {
    m_mslError = std::make_unique<CorrelatedNoise>(m_grid, 300.0, 6.0, 6.0,
                                                   twins::sdk::streamSeed(seed, 11));
    m_uError = std::make_unique<CorrelatedNoise>(m_grid, 200.0, 6.0, 6.0,
                                                 twins::sdk::streamSeed(seed, 12));
    m_vError = std::make_unique<CorrelatedNoise>(m_grid, 200.0, 6.0, 6.0,
                                                 twins::sdk::streamSeed(seed, 13));
    m_t300Error = std::make_unique<CorrelatedNoise>(m_grid, 300.0, 6.0, 6.0,
                                                    twins::sdk::streamSeed(seed, 14));
}

void FieldSynthesizer::addObservationErrors(DriverFields& out) {
    const std::vector<float>& msl = m_mslError->next();
    const std::vector<float>& t300 = m_t300Error->next();
    for (std::size_t i = 0; i < m_grid.size(); ++i) {
        out.msl[i] += static_cast<float>(mslErrorPa) * msl[i];
        out.t300[i] += static_cast<float>(t300ErrorK) * t300[i];
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
    // Only the rows and columns the vortex reaches (the grid is regular: latitudes descend from
    // the first row, longitudes ascend from the first column).
    const double spacing = m_grid.resolution;
    const double columnReach = reachDegrees / std::max(cosine, 0.05);
    const auto firstRow = static_cast<long>(
        std::floor((m_grid.latitudes.front() - (centreLatitude + reachDegrees)) / spacing));
    const auto lastRow = static_cast<long>(
        std::ceil((m_grid.latitudes.front() - (centreLatitude - reachDegrees)) / spacing));
    const auto firstColumn = static_cast<long>(
        std::floor((centreLongitude - columnReach - m_grid.longitudes.front()) / spacing));
    const auto lastColumn = static_cast<long>(
        std::ceil((centreLongitude + columnReach - m_grid.longitudes.front()) / spacing));
    const long rowCount = static_cast<long>(m_grid.rows());
    const long columnCount = static_cast<long>(m_grid.columns());
    for (long r = std::max(0L, firstRow); r <= std::min(rowCount - 1, lastRow); ++r) {
        const auto row = static_cast<std::size_t>(r);
        const double latitude = m_grid.latitudes[row];
        for (long c = std::max(0L, firstColumn); c <= std::min(columnCount - 1, lastColumn); ++c) {
            const auto column = static_cast<std::size_t>(c);
            const double deltaLongitude = m_grid.longitudes[column] - centreLongitude;
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
                const double c = std::cos(0.5 * std::numbers::pi * x);
                taper = c * c;
            }
            const std::size_t i = m_grid.index(row, column);
            out.msl[i] -= static_cast<float>(taper * vortex.pressureDeficit(radius));
            out.t500[i] +=
                static_cast<float>(taper * vortex.warmCore500(radius) * storm.warmCoreScale);
            out.t300[i] +=
                static_cast<float>(taper * vortex.warmCore300(radius) * storm.warmCoreScale);
            if (storm.frontalContrastK != 0.0) {
                // Distance across the front (positive on its warm, south-eastern side).
                const double across = (east - north) * std::numbers::sqrt2 / 2.0;
                const double fade = std::exp(-std::pow(radius / frontReachKm, 2.0));
                const double front =
                    0.5 * storm.frontalContrastK * std::tanh(across / frontWidthKm) * fade;
                out.t500[i] += static_cast<float>(front);
                out.t300[i] += static_cast<float>(0.6 * front);
            }
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
        const auto inverseRowDistance =
            static_cast<float>(1.0 / (dy * static_cast<double>(south - north)));
        const auto inverseColumnDistance = static_cast<float>(1.0 / (2.0 * dx));
        const auto metric = static_cast<float>(std::tan(latitude * degree) / earthRadiusMetres);
        const float* u = m_u.data() + row * columns;
        const float* uNorth = m_u.data() + north * columns;
        const float* uSouth = m_u.data() + south * columns;
        const float* v = m_v.data() + row * columns;
        float* out = vorticity.data() + row * columns;
        for (std::size_t column = 0; column < columns; ++column) {
            out[column] =
                -(uNorth[column] - uSouth[column]) * inverseRowDistance + u[column] * metric;
        }
        for (std::size_t column = 1; column + 1 < columns; ++column) {
            out[column] += (v[column + 1] - v[column - 1]) * inverseColumnDistance;
        }
        out[0] += (v[1] - v[0]) * 2.0f * inverseColumnDistance;
        out[columns - 1] += (v[columns - 1] - v[columns - 2]) * 2.0f * inverseColumnDistance;
    }
}

} // namespace cyclone
