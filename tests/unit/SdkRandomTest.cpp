// The SDK's random-number policy (twins/sdk/support/Random.h): the generator and every
// distribution give pinned bytes for a seed (so a change of algorithm, compiler or standard
// library cannot silently change generated data), the distributions have the right moments,
// and per-unit streams give the same numbers whatever the number of threads.
#include "twinbench/sdk/Random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <thread>

using twins::sdk::Random;
using twins::sdk::streamSeed;

namespace {

// FNV-1a over the bytes of the values.
struct Fingerprint {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    template <typename T> void add(T value) {
        unsigned char bytes[sizeof value];
        std::memcpy(bytes, &value, sizeof value);
        for (unsigned char b : bytes) {
            hash = (hash ^ b) * 0x100000001b3ULL;
        }
    }
};

// 1000 draws of every distribution, interleaved, from one seed.
std::uint64_t fingerprintOf(std::uint64_t seed) {
    Random random(seed);
    Fingerprint print;
    for (int i = 0; i < 1000; ++i) {
        print.add(random.next());
        print.add(random.uniform());
        print.add(random.normal());
        print.add(random.exponential(2.5));
        print.add(random.gamma(0.7, 1.5));
        print.add(random.gamma(4.2, 0.5));
        print.add(random.poisson(3.5));
        print.add(random.poisson(250.0));
        print.add(random.uniformIndex(1000003));
    }
    std::vector<int> order(100);
    std::iota(order.begin(), order.end(), 0);
    random.shuffle(order);
    for (int value : order) {
        print.add(value);
    }
    return print.hash;
}

template <typename Draw> std::pair<double, double> moments(Draw draw, int n) {
    double sum = 0.0, squares = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = draw();
        sum += x;
        squares += x * x;
    }
    const double mean = sum / n;
    return {mean, squares / n - mean * mean};
}

// One "event" per index, each from its own stream, computed by `threads` threads taking
// interleaved indices (the policy of Random.h for parallel code).
std::vector<double> eventsWithThreads(int threads, std::size_t events) {
    std::vector<double> values(events * 4);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (std::size_t e = std::size_t(t); e < events; e += std::size_t(threads)) {
                Random random(streamSeed(99, e));
                values[4 * e] = random.normal();
                values[4 * e + 1] = random.gamma(2.0, 1.0);
                values[4 * e + 2] = double(random.poisson(40.0));
                values[4 * e + 3] = random.uniform();
            }
        });
    }
    for (std::thread& thread : pool) {
        thread.join();
    }
    return values;
}

} // namespace

class SdkRandomTest : public QObject {
    Q_OBJECT

private slots:
    void pinnedBytes() {
        // xoshiro256** reference: the first outputs for the state splitmix64(0) fills.
        Random random(0);
        QCOMPARE(random.next(), std::uint64_t(0x99ec5f36cb75f2b4ULL));
        QCOMPARE(random.next(), std::uint64_t(0xbf6e1f784956452aULL));
        // Every distribution: changing any algorithm changes generated data sets, which must
        // be a deliberate, reported decision (issue 16), so these are pinned.
        QCOMPARE(fingerprintOf(1), std::uint64_t(0x7bed563ab0e5eefbULL));
        QCOMPARE(fingerprintOf(2026), std::uint64_t(0x7ecea2f3cbddf5bbULL));
        QVERIFY(fingerprintOf(1) != fingerprintOf(2));
    }

    void streamsAreIndependentOfThreadCount() {
        const std::vector<double> one = eventsWithThreads(1, 2000);
        const std::vector<double> two = eventsWithThreads(2, 2000);
        QCOMPARE(one.size(), two.size());
        QVERIFY(std::memcmp(one.data(), two.data(), one.size() * sizeof(double)) == 0);
        QVERIFY(streamSeed(5, 0) != streamSeed(5, 1));
        QVERIFY(streamSeed(5, 0) != streamSeed(6, 0));
    }

    void distributionMoments() {
        Random random(12345);
        const int n = 200000;
        auto [mean, variance] = moments([&] { return random.normal(); }, n);
        QVERIFY2(std::abs(mean) < 0.01 && std::abs(variance - 1.0) < 0.02,
                 qPrintable(QStringLiteral("%1 %2").arg(mean).arg(variance)));
        std::tie(mean, variance) = moments([&] { return random.exponential(2.0); }, n);
        QVERIFY(std::abs(mean - 2.0) < 0.03 && std::abs(variance - 4.0) < 0.15);
        for (const double shape : {0.4, 1.0, 3.0, 25.0}) {
            std::tie(mean, variance) = moments([&] { return random.gamma(shape, 2.0); }, n);
            QVERIFY2(
                std::abs(mean - 2.0 * shape) < 0.02 * 2.0 * shape + 0.01 &&
                    std::abs(variance - 4.0 * shape) < 0.05 * 4.0 * shape,
                qPrintable(QStringLiteral("shape %1: %2 %3").arg(shape).arg(mean).arg(variance)));
        }
        for (const double lambda : {0.5, 3.0, 9.9, 10.0, 55.0, 3000.0}) {
            std::tie(mean, variance) = moments([&] { return double(random.poisson(lambda)); }, n);
            QVERIFY2(
                std::abs(mean - lambda) < 0.01 * lambda + 0.01 &&
                    std::abs(variance - lambda) < 0.03 * lambda + 0.01,
                qPrintable(QStringLiteral("lambda %1: %2 %3").arg(lambda).arg(mean).arg(variance)));
        }
        QCOMPARE(random.poisson(0.0), std::int64_t(0));
        // uniformIndex: every value of a small range about equally often, never out of range.
        std::vector<int> counts(7, 0);
        for (int i = 0; i < 70000; ++i) {
            const auto k = random.uniformIndex(7);
            QVERIFY(k < 7);
            ++counts[k];
        }
        for (int count : counts) {
            QVERIFY2(std::abs(count - 10000) < 500, qPrintable(QString::number(count)));
        }
        std::vector<int> order(50);
        std::iota(order.begin(), order.end(), 0);
        std::vector<int> shuffled = order;
        random.shuffle(shuffled);
        QVERIFY(shuffled != order);
        std::sort(shuffled.begin(), shuffled.end());
        QCOMPARE(shuffled, order);
    }

    void logFactorialMatchesLgamma() {
        for (std::int64_t k : {0, 1, 2, 10, 29, 30, 31, 100, 1000, 123456}) {
            const double expected = std::lgamma(double(k) + 1.0);
            QVERIFY2(std::abs(twins::sdk::logFactorial(k) - expected) <=
                         1e-14 * std::max(1.0, expected),
                     qPrintable(QString::number(k)));
        }
    }
};

QTEST_GUILESS_MAIN(SdkRandomTest)
#include "SdkRandomTest.moc"
