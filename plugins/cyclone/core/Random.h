#pragma once

#include <cmath>
#include <cstdint>

namespace cyclone {

// A small, fully specified random generator (xoshiro256**, Blackman & Vigna 2018, seeded through
// splitmix64) with Box-Muller normals. Why not <random>: std::normal_distribution's algorithm is
// left to the standard library, so the same seed would give other cyclones with another libc++;
// a generated scenario must be reproducible from its seed alone.
class Random {
public:
    explicit Random(std::uint64_t seed);

    std::uint64_t next();
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Standard normal (mean 0, standard deviation 1).
    double normal();
    // Poisson-distributed count with the given mean (Knuth's product method; means here are
    // well below 10, where it is exact and fast).
    int poisson(double mean);

private:
    std::uint64_t m_state[4];
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

// Derives an independent stream seed from a scenario seed and a stream number, so the storms,
// the noise of each variable and the SST anomaly never share random numbers (changing the noise
// does not move the cyclones).
std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream);

} // namespace cyclone
