#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace twins::sdk {

// The random numbers of every twin: one fully specified generator and distributions written
// here, so a seed gives the same numbers with any compiler, standard library, machine and
// thread count (the algorithms of std::normal_distribution, std::gamma_distribution,
// std::uniform_int_distribution and std::shuffle are left to each standard library; a data set
// generated from a seed must be reproducible from the seed alone).
//
// Generator: xoshiro256** (Blackman & Vigna 2018), its state filled from the seed by
// splitmix64. Policy for parallel code: never share a generator between threads; give every
// independent unit of work (an event, a time step, a variable) its own generator seeded with
// streamSeed(runSeed, unitIndex), so the numbers of unit k do not depend on how many units
// there are, their order or the number of threads. The distributions use only +, -, *, /,
// sqrt (exact in IEEE 754) and exp, log, sin, cos, pow of the C library (glibc's are the same
// on every x86-64 and aarch64 machine; another libm may differ in the last bit).
class Random {
public:
    explicit Random(std::uint64_t seed);

    std::uint64_t next();
    // Uniform in [0, 1): the top 53 bits of next().
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Uniform integer in [0, n) without bias (Lemire 2019, "Fast random integer generation in
    // an interval"); n must be > 0.
    std::uint64_t uniformIndex(std::uint64_t n);
    bool bernoulli(double probability) { return uniform() < probability; }
    // Standard normal (mean 0, standard deviation 1): Box-Muller, the second value of each
    // pair kept for the next call.
    double normal();
    double normal(double mean, double sigma) { return mean + sigma * normal(); }
    // Exponential with the given mean (inversion: -mean ln(1 - u)).
    double exponential(double mean);
    // Gamma with the given shape and scale (mean shape * scale): Marsaglia & Tsang 2000; shape
    // < 1 through Gamma(shape + 1) * u^(1/shape). shape and scale must be > 0.
    double gamma(double shape, double scale);
    // Poisson count with the given mean: Knuth's product method below a mean of 10 (exact and
    // fast there), Hörmann's transformed rejection (PTRS, 1993) above. 0 for mean <= 0.
    std::int64_t poisson(double mean);

    // Fisher-Yates shuffle with uniformIndex.
    template <typename T> void shuffle(std::vector<T>& values) {
        for (std::size_t i = values.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(uniformIndex(i));
            std::swap(values[i - 1], values[j]);
        }
    }

private:
    std::int64_t poissonRejection(double mean);

    std::uint64_t m_state[4];
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

// An independent stream's seed from a run seed and a stream number (an event index, a variable):
// streams never share random numbers, so changing one (more noise variables, more events) does
// not move the others.
std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream);

// ln(k!) for k >= 0, exact to double rounding for k < 30 and by Stirling's series above;
// written here rather than std::lgamma, which writes the global `signgam` (a data race in
// threads) and whose last bit varies between libm versions.
double logFactorial(std::int64_t k);

} // namespace twins::sdk
