#include "StormSimulator.h"

#include "Geodesy.h"
#include "LandMask.h"
#include "LatLonGrid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace cyclone {

namespace {

constexpr double kelvin = 273.15;
// Gray (1968): genesis needs an ocean warmer than ~26.5 C.
constexpr double genesisThresholdCelsius = 26.5;
// Geneses per 6-hourly step when the whole 5-25N ocean band is above the threshold and the
// season is favourable. Chosen so that a present-day year gives ~50-60 cyclones, about the
// observed total of the western Pacific, eastern Pacific and North Atlantic (~26 + 16 + 12).
constexpr double genesisPerStepForWarmBand = 0.08;
constexpr double genesisWindMs = 12.5; // a tropical depression
constexpr double deathWindMs = 10.0;
constexpr double maximumAgeHours = 20.0 * 24.0;
constexpr double logisticGrowthPerHour = 1.0 / 30.0; // DeMaria et al. (2005) growth rate order
constexpr double oceanDecayHours = 36.0;
// Kaplan & DeMaria (1995) inland decay: background wind, landfall reduction, decay constant.
constexpr double inlandBackgroundMs = 26.7 / knotsPerMs;
constexpr double landfallReduction = 0.9;
constexpr double inlandDecayPerHour = 0.095;

double degreesNorthPerMetre() {
    return 180.0 / (std::numbers::pi * earthRadiusMetres);
}

} // namespace

std::string basinOf(double latitude, double longitude) {
    if (longitude < 180.0) {
        return "WP";
    }
    // The Atlantic side of Central America: the Caribbean east of ~84W (south of 9N the
    // Pacific reaches to 77W) and the Gulf of Mexico north of 18N.
    const bool atlantic = (longitude >= 276.0 && !(latitude < 8.5 && longitude < 283.0)) ||
                          (longitude >= 262.0 && latitude >= 18.0);
    return atlantic ? "NA" : "EP";
}

HollandVortex Storm::vortex() const {
    const double rmax = sizeFactor * HollandVortex::typicalRmaxKm(track.windMs, track.latitude);
    // The gradient-level wind exceeds the 10 m wind: the usual surface reduction factor over
    // the ocean is ~0.8 (Powell et al. 2003 dropsonde profiles), so the vortex is built with
    // V_gradient = V10 / 0.8.
    return HollandVortex::fromMaximumWind(track.windMs / 0.8, rmax, track.latitude);
}

StormSimulator::StormSimulator(const BackgroundClimate& climate, StormScenario scenario,
                               CfCalendar calendar)
    : m_climate(climate), m_scenario(scenario), m_calendar(calendar),
      m_random(twins::sdk::streamSeed(scenario.seed, 0)) {
    // Ocean points of the 5-25N genesis band, every degree: where the warm area is measured.
    for (double latitude = 5.0; latitude <= 25.0; latitude += 1.0) {
        for (double longitude = 101.0; longitude <= 319.0; longitude += 1.0) {
            if (!isLand(latitude, longitude)) {
                m_genesisBand.emplace_back(latitude, longitude);
            }
        }
    }
}

double StormSimulator::potentialIntensity(double latitude, double longitude,
                                          double dayOfYear) const {
    // A linear fit to Emanuel's potential intensity against SST in the tropics: ~25 m s-1 at
    // the genesis threshold, ~55 m s-1 at 29 C, ~67 m s-1 at 30 C (surface winds).
    const double celsius =
        m_climate.relativeSeaSurfaceTemperature(latitude, longitude, dayOfYear) - kelvin;
    return m_scenario.intensityScale *
           std::clamp(25.0 + 12.0 * (celsius - genesisThresholdCelsius), 0.0, 90.0);
}

double StormSimulator::genesisRate(double dayOfYear) const {
    int warm = 0;
    for (const auto& [latitude, longitude] : m_genesisBand) {
        const double celsius =
            m_climate.relativeSeaSurfaceTemperature(latitude, longitude, dayOfYear) - kelvin;
        warm += celsius > genesisThresholdCelsius ? 1 : 0;
    }
    const auto ocean = static_cast<int>(m_genesisBand.size());
    // Gray's (1968) dynamic factors (vertical wind shear, the monsoon trough) are not simulated;
    // their seasonal effect is: with the subtropical ridge far south in winter, the jet's shear
    // covers the subtropics and genesis all but stops. A ramp on the ridge latitude (22N in
    // winter -> 5 %, 34N in summer -> 100 %) stands for it.
    const double favourable =
        std::clamp((m_climate.ridgeLatitude(dayOfYear) - 22.0) / 12.0, 0.05, 1.0);
    return m_scenario.genesisRateScale * genesisPerStepForWarmBand * favourable * warm /
           std::max(ocean, 1);
}

void StormSimulator::advance(const CfDateTime& time, double stepHours) {
    const double day = dayOfYear(m_calendar, time);
    for (Storm& storm : m_storms) {
        storm.track.time = time;
        evolve(storm, day, stepHours);
    }
    std::erase_if(m_storms, [](const Storm& storm) {
        const BestTrackPoint& point = storm.track;
        const bool dissipated = storm.ageHours > 12.0 && point.windMs < deathWindMs;
        const bool outside = point.latitude > 62.0 || point.latitude < 1.0 ||
                             point.longitude < LatLonGrid::westLongitude + 0.5 ||
                             point.longitude > LatLonGrid::eastLongitude - 0.5;
        return dissipated || outside || storm.ageHours > maximumAgeHours;
    });
    spawn(time, day);
}

void StormSimulator::evolve(Storm& storm, double dayOfYear, double stepHours) {
    BestTrackPoint& point = storm.track;
    const double seconds = stepHours * 3600.0;

    // Motion: steering + beta drift + red noise (6-hourly persistence 0.85, 1.5 m s-1 spread).
    const BackgroundClimate::Wind steering =
        m_climate.steeringFlow(point.latitude, point.longitude, dayOfYear);
    storm.perturbationU = 0.85 * storm.perturbationU + 0.79 * m_random.normal();
    storm.perturbationV = 0.85 * storm.perturbationV + 0.79 * m_random.normal();
    storm.motionU = steering.u - 1.0 + storm.perturbationU;
    storm.motionV = steering.v + 1.5 + storm.perturbationV;
    const double northward = storm.motionV * seconds * degreesNorthPerMetre();
    const double eastward = storm.motionU * seconds * degreesNorthPerMetre() /
                            std::cos(point.latitude * std::numbers::pi / 180.0);
    point.latitude += northward;
    point.longitude = longitude360(point.longitude + eastward);
    storm.ageHours += stepHours;

    // Intensity.
    const bool land = isLand(point.latitude, point.longitude);
    double wind = point.windMs;
    if (land) {
        if (!storm.overLand) {
            wind *= landfallReduction;
        }
        wind = wind > inlandBackgroundMs
                   ? inlandBackgroundMs +
                         (wind - inlandBackgroundMs) * std::exp(-inlandDecayPerHour * stepHours)
                   : wind * std::exp(-stepHours / 24.0);
    } else {
        const double target =
            storm.efficiency * potentialIntensity(point.latitude, point.longitude, dayOfYear);
        if (target > wind) {
            wind += stepHours * logisticGrowthPerHour * wind * (1.0 - wind / target);
        } else {
            wind += (target - wind) * (1.0 - std::exp(-stepHours / oceanDecayHours));
        }
    }
    storm.overLand = land;
    point.windMs = std::max(5.0, wind + 0.7 * m_random.normal());
    const HollandVortex vortex = storm.vortex();
    point.rmaxKm = vortex.rmaxKm();
    point.hollandB = vortex.hollandB();
    point.pressurePa = m_climate.seaLevelPressure(point.latitude, point.longitude, dayOfYear) -
                       vortex.centralDeficitPa();
}

void StormSimulator::spawn(const CfDateTime& time, double dayOfYear) {
    const auto births = m_random.poisson(genesisRate(dayOfYear));
    for (int birth = 0; birth < births; ++birth) {
        // Rejection sampling of the genesis point: warm open ocean, warmer more likely, not
        // within 600 km of a living storm.
        for (int attempt = 0; attempt < 500; ++attempt) {
            const double latitude = m_random.uniform(5.0, 25.0);
            const double longitude = m_random.uniform(102.0, 318.0);
            if (isLand(latitude, longitude)) {
                continue;
            }
            const double excess =
                m_climate.relativeSeaSurfaceTemperature(latitude, longitude, dayOfYear) - kelvin -
                genesisThresholdCelsius;
            if (excess <= 0.0 || m_random.uniform() > std::min(1.0, excess / 2.0)) {
                continue;
            }
            const bool crowded = std::any_of(m_storms.begin(), m_storms.end(), [&](const Storm& s) {
                return haversineKm(latitude, longitude, s.track.latitude, s.track.longitude) <
                       600.0;
            });
            if (crowded) {
                continue;
            }
            Storm storm;
            ++m_born;
            BestTrackPoint& point = storm.track;
            point.season = time.year;
            point.number = m_born;
            point.basin = basinOf(latitude, longitude);
            char text[40];
            std::snprintf(text, sizeof text, "%04d%03dN%02d%03d", time.year,
                          static_cast<int>(dayOfYear), static_cast<int>(latitude),
                          static_cast<int>(longitude));
            point.sid = text;
            for (const Storm& other : m_storms) {
                if (other.track.sid == point.sid) {
                    point.sid += "B"; // two geneses in the same degree box on the same day
                }
            }
            std::snprintf(text, sizeof text, "SYNTHETIC-%03d", m_born);
            point.name = text;
            point.time = time;
            point.latitude = latitude;
            point.longitude = longitude;
            point.windMs = genesisWindMs;
            storm.efficiency = m_random.uniform(0.35, 1.0);
            storm.sizeFactor = std::exp(0.25 * m_random.normal());
            const BackgroundClimate::Wind steering =
                m_climate.steeringFlow(latitude, longitude, dayOfYear);
            storm.motionU = steering.u - 1.0;
            storm.motionV = steering.v + 1.5;
            const HollandVortex vortex = storm.vortex();
            point.rmaxKm = vortex.rmaxKm();
            point.hollandB = vortex.hollandB();
            point.pressurePa = m_climate.seaLevelPressure(latitude, longitude, dayOfYear) -
                               vortex.centralDeficitPa();
            m_storms.push_back(std::move(storm));
            break;
        }
    }
}

} // namespace cyclone
