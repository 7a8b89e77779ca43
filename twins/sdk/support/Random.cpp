#include "twinbench/sdk/Random.h"

#include <cmath>
#include <numbers>

namespace twins::sdk {

namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotateLeft(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

} // namespace

Random::Random(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (std::uint64_t& word : m_state) {
        word = splitmix64(state);
    }
}

std::uint64_t Random::next() {
    const std::uint64_t result = rotateLeft(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotateLeft(m_state[3], 45);
    return result;
}

std::uint64_t Random::uniformIndex(std::uint64_t n) {
    unsigned __int128 product = static_cast<unsigned __int128>(next()) * n;
    auto low = static_cast<std::uint64_t>(product);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n; // 2^64 mod n
        while (low < threshold) {
            product = static_cast<unsigned __int128>(next()) * n;
            low = static_cast<std::uint64_t>(product);
        }
    }
    return static_cast<std::uint64_t>(product >> 64);
}

double Random::normal() {
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    double u1 = uniform();
    while (u1 <= 0.0) {
        u1 = uniform();
    }
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    m_spare = radius * std::sin(angle);
    m_hasSpare = true;
    return radius * std::cos(angle);
}

double Random::exponential(double mean) {
    return -mean * std::log(1.0 - uniform()); // 1 - u is in (0, 1]
}

double Random::gamma(double shape, double scale) {
    if (shape < 1.0) {
        double u = uniform();
        while (u <= 0.0) {
            u = uniform();
        }
        return gamma(shape + 1.0, scale) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    while (true) {
        const double x = normal();
        double v = 1.0 + c * x;
        if (v <= 0.0) {
            continue;
        }
        v = v * v * v;
        const double u = uniform();
        const double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2) {
            return d * v * scale;
        }
        if (u > 0.0 && std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) {
            return d * v * scale;
        }
    }
}

std::int64_t Random::poisson(double mean) {
    if (!(mean > 0.0)) {
        return 0;
    }
    if (mean >= 10.0) {
        return poissonRejection(mean);
    }
    const double limit = std::exp(-mean);
    std::int64_t count = 0;
    double product = uniform();
    while (product > limit) {
        ++count;
        product *= uniform();
    }
    return count;
}

// PTRS: W. Hörmann, "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12 (1993), with the paper's constants.
std::int64_t Random::poissonRejection(double mean) {
    const double root = std::sqrt(mean);
    const double logMean = std::log(mean);
    const double b = 0.931 + 2.53 * root;
    const double a = -0.059 + 0.02483 * b;
    const double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const double vr = 0.9277 - 3.6224 / (b - 2.0);
    while (true) {
        const double u = uniform() - 0.5;
        const double v = uniform();
        const double us = 0.5 - std::abs(u);
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= vr) {
            return static_cast<std::int64_t>(k);
        }
        if (k < 0.0 || (us < 0.013 && v > us)) {
            continue;
        }
        if (v > 0.0 && std::log(v) + std::log(inverseAlpha) - std::log(a / (us * us) + b) <=
                           -mean + k * logMean - logFactorial(static_cast<std::int64_t>(k))) {
            return static_cast<std::int64_t>(k);
        }
    }
}

std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t state = seed ^ (0xd1b54a32d192ed03ULL * (stream + 1));
    return splitmix64(state);
}

double logFactorial(std::int64_t k) {
    if (k < 30) {
        double product = 1.0; // 29! < 2^104: exact products up to 22!, then correctly rounded
        for (std::int64_t i = 2; i <= k; ++i) {
            product *= static_cast<double>(i);
        }
        return std::log(product);
    }
    // Stirling: ln k! = (k + 1/2) ln(k + 1) - (k + 1) + ln(2 pi)/2 + 1/(12(k+1)) - ..., written
    // for n = k + 1; the series' error at n >= 31 is below 1e-16 relative.
    const double n = static_cast<double>(k) + 1.0;
    const double inverse = 1.0 / n;
    const double inverse2 = inverse * inverse;
    const double series =
        inverse * (1.0 / 12.0 - inverse2 * (1.0 / 360.0 - inverse2 * (1.0 / 1260.0)));
    return (n - 0.5) * std::log(n) - n + 0.5 * std::log(2.0 * std::numbers::pi) + series;
}

} // namespace twins::sdk
