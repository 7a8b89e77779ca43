#include "ExtraSystems.h"

#include "Geodesy.h"
#include "LandMask.h"
#include "LatLonGrid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace cyclone {

namespace {

// Births per 6-hourly step. Over a June-November season (732 steps): ~110 extratropical lows,
// ~37 monsoon depressions, ~58 weak lows, ~29 short-lived and ~22 fast-moving cyclones, beside
// the StormSimulator's ~50-60 cyclones a year.
constexpr double extratropicalPerStep = 0.15;
constexpr double monsoonPerStep = 0.05;
constexpr double weakPerStep = 0.08;
constexpr double shortLivedPerStep = 0.04;
constexpr double fastPerStep = 0.03;
// Weak systems' winds are capped below the tropical-storm threshold of 17.5 m s-1.
constexpr double weakCapMs = 16.5;

constexpr const char* extratropicalKind = "extratropical";
constexpr const char* monsoonKind = "monsoon_depression";
constexpr const char* weakKind = "weak_low";
constexpr const char* shortLivedKind = "short_lived";
constexpr const char* fastKind = "fast_moving";

double degreesPerMetre() {
    return 180.0 / (std::numbers::pi * earthRadiusMetres);
}

bool nearLand(double latitude, double longitude) {
    return isLand(latitude, longitude) || isLand(latitude + 2.0, longitude) ||
           isLand(latitude - 2.0, longitude) || isLand(latitude, longitude + 2.0) ||
           isLand(latitude, longitude - 2.0);
}

} // namespace

ExtraSystemsSimulator::ExtraSystemsSimulator(const BackgroundClimate& climate, std::uint64_t seed,
                                             CfCalendar calendar, int firstNumber)
    : m_climate(climate), m_calendar(calendar), m_random(seed), m_nextNumber(firstNumber) {}

void ExtraSystemsSimulator::advance(const CfDateTime& time, double stepHours) {
    const double day = dayOfYear(m_calendar, time);
    for (std::size_t i = 0; i < m_storms.size(); ++i) {
        m_storms[i].track.time = time;
        evolve(m_storms[i], m_lives[i], day, stepHours);
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_storms.size(); ++i) {
        const BestTrackPoint& point = m_storms[i].track;
        const bool outside = point.latitude > 62.0 || point.latitude < 1.0 ||
                             point.longitude < LatLonGrid::westLongitude + 0.5 ||
                             point.longitude > LatLonGrid::eastLongitude - 0.5;
        if (!outside && m_storms[i].ageHours <= m_lives[i].lifetimeHours) {
            if (kept != i) { // (a self-move would empty the strings)
                m_storms[kept] = std::move(m_storms[i]);
                m_lives[kept] = m_lives[i];
            }
            ++kept;
        }
    }
    m_storms.resize(kept);
    m_lives.resize(kept);
    spawn(time, day);
}

void ExtraSystemsSimulator::evolve(Storm& storm, const Life& life, double dayOfYear,
                                   double stepHours) {
    BestTrackPoint& point = storm.track;
    const double seconds = stepHours * 3600.0;
    storm.perturbationU = 0.85 * storm.perturbationU + 0.79 * life.wobble * m_random.normal();
    storm.perturbationV = 0.85 * storm.perturbationV + 0.79 * life.wobble * m_random.normal();
    double u = life.meanU + storm.perturbationU;
    double v = life.meanV + storm.perturbationV;
    if (life.steered) {
        const BackgroundClimate::Wind steering =
            m_climate.steeringFlow(point.latitude, point.longitude, dayOfYear);
        u += steering.u - 1.0; // beta drift, as the StormSimulator's cyclones
        v += steering.v + 1.5;
    }
    storm.motionU = u;
    storm.motionV = v;
    point.latitude += v * seconds * degreesPerMetre();
    point.longitude =
        longitude360(point.longitude + u * seconds * degreesPerMetre() /
                                           std::cos(point.latitude * std::numbers::pi / 180.0));
    storm.ageHours += stepHours;

    // Rise to the peak at mid-life and decay (a half sine), with 0.5 m s-1 of scatter.
    const double phase = std::clamp(storm.ageHours / life.lifetimeHours, 0.0, 1.0);
    const double wind = life.startWindMs +
                        (life.peakWindMs - life.startWindMs) * std::sin(std::numbers::pi * phase);
    point.windMs = std::clamp(wind + 0.5 * m_random.normal(), 5.0, life.windCapMs);
    storm.sizeFactor = life.rmaxKm / HollandVortex::typicalRmaxKm(point.windMs, point.latitude);
    const HollandVortex vortex = storm.vortex();
    point.rmaxKm = vortex.rmaxKm();
    point.hollandB = vortex.hollandB();
    point.pressurePa = m_climate.seaLevelPressure(point.latitude, point.longitude, dayOfYear) -
                       vortex.centralDeficitPa();
}

bool ExtraSystemsSimulator::place(const std::string& kind, double& latitude, double& longitude) {
    for (int attempt = 0; attempt < 200; ++attempt) {
        if (kind == extratropicalKind) {
            latitude = m_random.uniform(32.0, 55.0);
            longitude = m_random.uniform(110.0, 300.0);
            return true;
        }
        if (kind == monsoonKind) {
            const bool asia = m_random.bernoulli(0.5);
            latitude = m_random.uniform(15.0, asia ? 25.0 : 24.0);
            longitude = asia ? m_random.uniform(100.5, 112.0) : m_random.uniform(255.0, 268.0);
            if (nearLand(latitude, longitude)) {
                return true;
            }
            continue;
        }
        if (kind == fastKind) {
            latitude = m_random.uniform(18.0, 32.0);
            longitude = m_random.uniform(120.0, 310.0);
        } else { // weak lows and short-lived cyclones: the cyclones' genesis band
            latitude = m_random.uniform(8.0, 25.0);
            longitude = m_random.uniform(105.0, 315.0);
        }
        if (!isLand(latitude, longitude)) {
            return true;
        }
    }
    return false;
}

void ExtraSystemsSimulator::spawn(const CfDateTime& time, double dayOfYear) {
    struct Rate {
        const char* kind;
        double perStep;
    };
    for (const Rate rate : {Rate{extratropicalKind, extratropicalPerStep},
                            Rate{monsoonKind, monsoonPerStep}, Rate{weakKind, weakPerStep},
                            Rate{shortLivedKind, shortLivedPerStep}, Rate{fastKind, fastPerStep}}) {
        const auto births = m_random.poisson(rate.perStep);
        for (int birth = 0; birth < births; ++birth) {
            double latitude = 0.0;
            double longitude = 0.0;
            if (!place(rate.kind, latitude, longitude)) {
                continue;
            }
            const std::string kind = rate.kind;
            Life life;
            double warmCore = 1.0;
            double front = 0.0;
            if (kind == extratropicalKind) {
                life.lifetimeHours = m_random.uniform(72.0, 144.0);
                life.startWindMs = 14.0;
                life.peakWindMs = m_random.uniform(20.0, 30.0);
                life.meanU = m_random.uniform(8.0, 14.0);
                life.meanV = m_random.uniform(1.0, 4.0);
                life.rmaxKm = m_random.uniform(300.0, 500.0);
                warmCore = -m_random.uniform(0.7, 1.0);
                front = m_random.uniform(3.0, 6.0);
            } else if (kind == monsoonKind) {
                life.lifetimeHours = m_random.uniform(48.0, 120.0);
                life.startWindMs = 9.0;
                life.peakWindMs = m_random.uniform(10.0, weakCapMs);
                life.windCapMs = weakCapMs;
                life.meanU = -m_random.uniform(1.5, 3.0);
                life.meanV = m_random.uniform(0.0, 1.0);
                life.wobble = 0.3;
                life.rmaxKm = m_random.uniform(150.0, 250.0);
                warmCore = 0.8;
            } else if (kind == weakKind) {
                life.lifetimeHours = m_random.uniform(36.0, 120.0);
                life.startWindMs = 9.0;
                life.peakWindMs = m_random.uniform(11.0, weakCapMs);
                life.windCapMs = weakCapMs;
                life.steered = true;
                life.rmaxKm = 60.0 * std::exp(0.25 * m_random.normal());
            } else if (kind == shortLivedKind) {
                life.lifetimeHours = m_random.uniform(24.0, 42.0);
                life.startWindMs = 12.5;
                life.peakWindMs = m_random.uniform(19.0, 28.0);
                life.steered = true;
                life.rmaxKm = 50.0 * std::exp(0.25 * m_random.normal());
            } else { // fast-moving
                life.lifetimeHours = m_random.uniform(48.0, 84.0);
                life.startWindMs = 15.0;
                life.peakWindMs = m_random.uniform(22.0, 35.0);
                life.meanU = m_random.uniform(8.0, 12.0);
                life.meanV = m_random.uniform(6.0, 10.0);
                life.rmaxKm = 50.0 * std::exp(0.25 * m_random.normal());
            }
            born(time, dayOfYear, kind, latitude, longitude, life, warmCore, front);
        }
    }
}

void ExtraSystemsSimulator::born(const CfDateTime& time, double dayOfYear, const std::string& kind,
                                 double latitude, double longitude, const Life& life,
                                 double warmCoreScale, double frontalContrastK) {
    Storm storm;
    const int number = m_nextNumber++;
    BestTrackPoint& point = storm.track;
    point.season = time.year;
    point.number = number;
    point.basin = basinOf(latitude, longitude);
    char text[48];
    std::snprintf(text, sizeof text, "%04d%03dN%02d%03dX%d", time.year, static_cast<int>(dayOfYear),
                  static_cast<int>(latitude), static_cast<int>(longitude), number);
    point.sid = text;
    std::string upper = kind;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return c == '_' ? '-' : static_cast<char>(c - 'a' + 'A'); });
    std::snprintf(text, sizeof text, "%s-%04d", upper.c_str(), number);
    point.name = text;
    // Short-lived and fast-moving systems are tropical cyclones by nature; the generator
    // demotes any whose recorded peak stays below 17.5 m s-1.
    point.kind = (kind == shortLivedKind || kind == fastKind) ? tropicalCycloneKind : kind;
    point.time = time;
    point.latitude = latitude;
    point.longitude = longitude;
    point.windMs = life.startWindMs;
    storm.warmCoreScale = warmCoreScale;
    storm.frontalContrastK = frontalContrastK;
    storm.sizeFactor = life.rmaxKm / HollandVortex::typicalRmaxKm(point.windMs, latitude);
    storm.motionU = life.meanU;
    storm.motionV = life.meanV;
    const HollandVortex vortex = storm.vortex();
    point.rmaxKm = vortex.rmaxKm();
    point.hollandB = vortex.hollandB();
    point.pressurePa =
        m_climate.seaLevelPressure(latitude, longitude, dayOfYear) - vortex.centralDeficitPa();
    m_storms.push_back(std::move(storm));
    m_lives.push_back(life);
}

} // namespace cyclone
