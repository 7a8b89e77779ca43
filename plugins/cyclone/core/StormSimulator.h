#pragma once

#include "BackgroundClimate.h"
#include "BestTrack.h"
#include "HollandVortex.h"
#include "twinbench/sdk/Random.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cyclone {

// The best-track basin of a position: WP west of 180, else NA on the Atlantic side of Central
// America, EP on the Pacific side.
std::string basinOf(double latitude, double longitude);

// Scenario knobs that change the storms (the generate action's parameters).
struct StormScenario {
    std::uint64_t seed = 1;
    double genesisRateScale = 1.0; // multiplies the climatological genesis rate
    double intensityScale = 1.0;   // multiplies the potential intensity
};

// A cyclone alive at the current step.
struct Storm {
    BestTrackPoint track;       // id, position, intensity at the current step
    double efficiency = 1.0;    // fraction of the potential intensity this storm can reach
    double sizeFactor = 1.0;    // multiplies the Willoughby et al. (2006) radius of maximum wind
    double motionU = 0.0;       // translation, m s-1 (east)
    double motionV = 0.0;       // translation, m s-1 (north)
    double perturbationU = 0.0; // red-noise part of the motion, m s-1
    double perturbationV = 0.0;
    double ageHours = 0.0;
    bool overLand = false;
    // The harder world's other systems (ExtraSystems.h): the upper-level temperature anomaly
    // of the vortex times this (1: a tropical cyclone's warm core; < 0: an extratropical
    // low's cold core), and the temperature contrast across a front through the centre, K
    // (0: none).
    double warmCoreScale = 1.0;
    double frontalContrastK = 0.0;

    HollandVortex vortex() const;
};

// The life cycle of the scenario's cyclones, independent of the grid:
// - genesis (Gray 1968; Dare & McBride 2011): Poisson-distributed births in 5-25N over ocean
//   with relative SST above 26.5 C, more where it is warmer, at a rate proportional to the warm
//   area (so more storms in late summer and with genesisRateScale);
// - motion: the background steering flow plus beta drift (~1.5 m s-1 north-westward, Holland
//   1983) plus a red-noise perturbation, so storms go west in the trades and recurve round the
//   subtropical highs;
// - intensity: logistic growth towards a fraction of the SST-dependent potential intensity
//   (DeMaria et al. 2005's logistic growth model), relaxation down to it over cool water, and
//   the Kaplan & DeMaria (1995) inland decay V(t) = Vb + (R V0 - Vb) exp(-a t) over land;
// - death below 10 m s-1, out of the domain, or after 20 days.
class StormSimulator {
public:
    StormSimulator(const BackgroundClimate& climate, StormScenario scenario, CfCalendar calendar);

    // Moves and evolves the living storms by stepHours up to `time`, then lets new ones form at
    // `time`. Call with consecutive 6-hourly times.
    void advance(const CfDateTime& time, double stepHours);

    const std::vector<Storm>& storms() const { return m_storms; }
    int stormsBorn() const { return m_born; }

    // Maximum sustained wind a storm can reach over this sea (m s-1), before its efficiency.
    double potentialIntensity(double latitude, double longitude, double dayOfYear) const;
    // Expected number of geneses per 6-hourly step on this day.
    double genesisRate(double dayOfYear) const;

private:
    void evolve(Storm& storm, double dayOfYear, double stepHours);
    void spawn(const CfDateTime& time, double dayOfYear);

    const BackgroundClimate& m_climate;
    StormScenario m_scenario;
    CfCalendar m_calendar;
    twins::sdk::Random m_random;
    std::vector<Storm> m_storms;
    std::vector<std::pair<double, double>> m_genesisBand; // (latitude, longitude) ocean points
    int m_born = 0;
};

} // namespace cyclone
