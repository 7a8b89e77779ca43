#pragma once

#include "BackgroundClimate.h"
#include "StormSimulator.h"
#include "twinbench/sdk/Random.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cyclone {

// The other weather systems of the harder world (generate world=harder), beside the
// StormSimulator's tropical cyclones. Half of them are false-alarm bait, lows a detector must
// not call tropical cyclones, the other half cyclones that are easy to miss:
// - extratropical lows (kind "extratropical"): 32-55N, cold core aloft (warmCoreScale < 0), a
//   front with a 3-6 K temperature contrast, broad (Rmax 300-500 km), deep and windy (20-30
//   m s-1), carried east at 8-14 m s-1, living 3-6 days (e.g. Hoskins & Hodges 2002 storm
//   tracks);
// - monsoon depressions ("monsoon_depression"): over land or near coasts of Indochina and south
//   China (100-112E) and Mexico (255-268E), 15-25N, warm aloft (0.8 of a tropical cyclone's warm
//   core for its depth), winds 10-16.5 m s-1 (below the 17.5 m s-1 of a tropical storm), slow
//   (1.5-3 m s-1 west-north-west), 2-5 days (Hurley & Boos 2015);
// - weak lows ("weak_low"): warm-core tropical disturbances in the cyclone band that never
//   reach 17.5 m s-1, living 1.5-5 days;
// - short-lived tropical cyclones: peak 19-28 m s-1 within a life of 24-42 h;
// - fast-moving tropical cyclones: 18-32N, 12-18 m s-1 towards the north-east, peak 22-35 m s-1.
// The last two are tropical cyclones ("tropical_cyclone") when their recorded peak reaches
// 17.5 m s-1 (the generator checks it; otherwise they are weak lows). Births are Poisson per
// 6-hourly step at fixed rates (the season's cyclones follow the StormSimulator's SST rule).
// One Random stream drives everything, so a seed gives the same systems on every machine.
class ExtraSystemsSimulator {
public:
    // firstNumber: the storm number of the first system (after the cyclones' numbers).
    ExtraSystemsSimulator(const BackgroundClimate& climate, std::uint64_t seed, CfCalendar calendar,
                          int firstNumber);

    // Moves, evolves and retires the living systems by stepHours up to `time`, then lets new
    // ones form. Call with consecutive 6-hourly times.
    void advance(const CfDateTime& time, double stepHours);

    // The living systems as storms (track.kind holds the intended kind).
    const std::vector<Storm>& systems() const { return m_storms; }

private:
    struct Life {
        double lifetimeHours = 48.0;
        double startWindMs = 12.0;
        double peakWindMs = 20.0;
        double meanU = 0.0; // fixed part of the motion, m s-1
        double meanV = 0.0;
        double wobble = 1.0;  // scales the red-noise part of the motion
        bool steered = false; // adds the background steering flow and beta drift
        double rmaxKm = 100.0;
        double windCapMs = 200.0; // weak systems stay below the tropical-storm threshold
    };

    void spawn(const CfDateTime& time, double dayOfYear);
    bool place(const std::string& kind, double& latitude, double& longitude);
    void born(const CfDateTime& time, double dayOfYear, const std::string& kind, double latitude,
              double longitude, const Life& life, double warmCoreScale, double frontalContrastK);
    void evolve(Storm& storm, const Life& life, double dayOfYear, double stepHours);

    const BackgroundClimate& m_climate;
    CfCalendar m_calendar;
    twins::sdk::Random m_random;
    int m_nextNumber;
    std::vector<Storm> m_storms;
    std::vector<Life> m_lives; // parallel to m_storms
};

} // namespace cyclone
