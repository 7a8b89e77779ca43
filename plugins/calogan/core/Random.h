#pragma once

#include <cstdint>
#include <random>

namespace calo {

// The simulator's random numbers. Every shower gets its own generator seeded from (run seed,
// event index) through SplitMix64, so event k is the same whatever the number of events,
// their order or a later parallel loop. The distributions are libstdc++'s: a seed gives the
// same showers bit for bit with one standard library build.
class Random {
public:
    Random(std::uint64_t seed, std::uint64_t stream);

    double uniform() { return m_uniform(m_engine); } // [0, 1)
    double normal() { return m_normal(m_engine); }   // N(0, 1)
    double gamma(double shape, double scale);        // mean shape * scale
    double exponential(double mean);                 // mean
    std::uint64_t poisson(double mean);

private:
    std::mt19937_64 m_engine;
    std::uniform_real_distribution<double> m_uniform{0.0, 1.0};
    std::normal_distribution<double> m_normal{0.0, 1.0};
};

} // namespace calo
