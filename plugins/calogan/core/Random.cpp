#include "Random.h"

namespace calo {

namespace {

// SplitMix64 (Steele, Lea & Flood 2014): decorrelates consecutive seeds before they reach the
// Mersenne Twister, whose state from nearby small seeds is otherwise similar.
std::uint64_t splitMix(std::uint64_t value) {
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

} // namespace

Random::Random(std::uint64_t seed, std::uint64_t stream)
    : m_engine(splitMix(splitMix(seed) ^ (stream * 0xd1342543de82ef95ULL + 1))) {}

double Random::gamma(double shape, double scale) {
    return std::gamma_distribution<double>(shape, scale)(m_engine);
}

double Random::exponential(double mean) {
    return std::exponential_distribution<double>(1.0 / mean)(m_engine);
}

std::uint64_t Random::poisson(double mean) {
    return std::poisson_distribution<std::uint64_t>(mean)(m_engine);
}

} // namespace calo
