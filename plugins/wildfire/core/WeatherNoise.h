#pragma once

#include <cstdint>
#include <vector>

namespace wildfire {

// The weather of an 8-day step as anomalies from the seasonal climate: smooth random fields on
// a global 10 degree lattice, red in time (AR(1), lag-one correlation `persistence` from one
// step to the next, so a dry or hot spell lasts a few steps), bilinearly interpolated to any
// point. Each field is a unit-variance process at the lattice nodes; callers scale it.
// Deterministic: step k's draws come from their own stream (streamSeed(seed, k, field)), so they
// do not depend on the grid, the region or the thread count.
class WeatherNoise {
public:
    static constexpr int fields = 3; // temperature, precipitation, humidity

    WeatherNoise(std::uint64_t seed, double persistence);

    // Moves every field to step `stepIndex` (call once per step, in order).
    void advance(std::uint64_t stepIndex);
    // Field `field` (0..fields-1) at a point, interpolated between the lattice nodes.
    double at(int field, double latitude, double longitude) const;

private:
    static constexpr int latitudeNodes = 19;  // -90..90 every 10 degrees
    static constexpr int longitudeNodes = 36; // -180..170 every 10 degrees
    std::uint64_t m_seed;
    double m_persistence;
    bool m_started = false;
    std::vector<double> m_nodes; // fields x latitudeNodes x longitudeNodes
};

} // namespace wildfire
