// The pulsar twin's simulator (plugins/pulsar/core) against the physics it claims: the pulse's
// delay across the band follows the cold-plasma dispersion law within one phase bin, narrowband
// RFI is constant in frequency and broadband RFI constant in phase, masks match the noise-free
// signals, the S/N measured on a noisy frame is the one requested, a seed gives the same
// frames, and bad settings are refused with messages that name them.
#include "Dispersion.h"
#include "FrameSimulator.h"
#include "PulseProfile.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace {

using pulsar::Frame;
using pulsar::FrameSimulator;
using pulsar::SimulationConfig;

// Small frames: 128 channels over the full band keep the tests fast.
SimulationConfig smallConfig() {
    SimulationConfig config;
    config.channels = 128;
    config.seed = 5;
    return config;
}

SimulationConfig pulsarOnly() {
    SimulationConfig config = smallConfig();
    config.pulsarFraction = 1.0;
    config.nbrfiFraction = 0.0;
    config.bbrfiFraction = 0.0;
    return config;
}

// Centroid (in bins, circular over `period` bins) of the row around its peak, +-3 bins.
double peakCentroid(const double* row, std::size_t bins, std::size_t period) {
    const auto peak = std::size_t(std::max_element(row, row + bins) - row);
    double weight = 0.0, moment = 0.0;
    for (int d = -3; d <= 3; ++d) {
        const auto k = std::size_t((long(peak) + d + long(bins)) % long(bins));
        weight += row[k];
        moment += row[k] * double(d);
    }
    return std::fmod(double(peak) + moment / weight, double(period));
}

double circularDistance(double a, double b, double period) {
    const double d = std::fmod(std::abs(a - b), period);
    return std::min(d, period - d);
}

template <typename F> QString errorOf(F&& work) {
    try {
        work();
    } catch (const std::invalid_argument& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

} // namespace

class PulsarSimulatorTest : public QObject {
    Q_OBJECT

private slots:
    void gridIsMlPpasByDefault() {
        const FrameSimulator simulator(SimulationConfig{});
        const auto& grid = simulator.grid();
        QCOMPARE(grid.channels(), std::size_t(600));
        QCOMPARE(grid.bins(), std::size_t(144));
        QCOMPARE(grid.frequenciesGHz.front(), 0.849);
        QVERIFY(std::abs(grid.frequenciesGHz.back() - 0.25) < 1e-12);
        QVERIFY(std::abs(grid.channelWidthGHz - 0.001) < 1e-12);
        QCOMPARE(grid.phasesDeg.back(), 715.0);
    }

    // A single spark (one sub-pulse per rotation, no drift, no scattering): the noise-free
    // pulse's centre in every channel sits where the DM law puts it, modulo a rotation.
    void pulseDelayFollowsTheDispersionLaw() {
        for (const double dm : {8.0, 35.0, 90.0}) {
            SimulationConfig config = pulsarOnly();
            config.dm = dm;
            config.dmSpread = 0.0;
            config.driftMaxDeg = 0.0;
            config.scatteringMaxMs = 0.0;
            config.scintillationIndex = 0.0;
            config.scintillationIndexSpread = 0.0;
            config.sparksMin = config.sparksMax = 1;
            config.conalLatitudesDeg = {3.0};
            config.seed = std::uint64_t(dm);
            const FrameSimulator simulator(config);
            const auto& grid = simulator.grid();
            const std::size_t bins = grid.bins();
            const auto perRotation = std::size_t(360.0 / grid.phaseStepDeg);
            for (std::size_t index = 0; index < 3; ++index) {
                const Frame frame = simulator.simulate(index);
                const double periodMs = 1000.0 * frame.parameters.periodS;
                const double binMs = periodMs * grid.phaseStepDeg / 360.0;
                const double top = peakCentroid(frame.pulsarFlux.data(), bins, perRotation);
                double worst = 0.0;
                for (std::size_t c = 0; c < grid.channels(); ++c) {
                    const double delayBins =
                        pulsar::dispersionDelayMs(dm, grid.frequenciesGHz[c],
                                                  grid.frequenciesGHz.front()) /
                        binMs;
                    const double expected = std::fmod(top + delayBins, double(perRotation));
                    const double seen =
                        peakCentroid(frame.pulsarFlux.data() + c * bins, bins, perRotation);
                    worst = std::max(worst, circularDistance(seen, expected, double(perRotation)));
                }
                qInfo("DM %g, period %.3f s: largest offset from the DM law %.3f bins", dm,
                      frame.parameters.periodS, worst);
                QVERIFY2(worst <= 1.0, qPrintable(QString::number(worst)));
            }
        }
    }

    void narrowbandRfiIsConstantInFrequency() {
        SimulationConfig config = smallConfig();
        config.pulsarFraction = 0.0;
        config.nbrfiFraction = 1.0;
        config.bbrfiFraction = 0.0;
        config.rfi.variantFraction = 0.0;
        const FrameSimulator simulator(config);
        const std::size_t bins = simulator.grid().bins();
        for (std::size_t index = 0; index < 10; ++index) {
            const Frame frame = simulator.simulate(index);
            QVERIFY(frame.parameters.nbrfi && !frame.parameters.rfi.empty());
            std::size_t lit = 0;
            for (std::size_t c = 0; c < simulator.grid().channels(); ++c) {
                const double* row = frame.rfiFlux.data() + c * bins;
                // Every phase of a channel carries the same RFI: a line at fixed frequency.
                QVERIFY(std::all_of(row, row + bins, [&](double v) { return v == row[0]; }));
                lit += row[0] > 0.0 ? 1 : 0;
            }
            QVERIFY(lit >= 1);
            QVERIFY(lit <= frame.parameters.rfi.size() * config.rfi.narrowbandMaxWidth);
        }
    }

    void broadbandRfiIsConstantInPhase() {
        SimulationConfig config = smallConfig();
        config.pulsarFraction = 0.0;
        config.nbrfiFraction = 0.0;
        config.bbrfiFraction = 1.0;
        config.rfi.variantFraction = 0.0;
        const FrameSimulator simulator(config);
        const std::size_t bins = simulator.grid().bins();
        const std::size_t channels = simulator.grid().channels();
        for (std::size_t index = 0; index < 10; ++index) {
            const Frame frame = simulator.simulate(index);
            QVERIFY(frame.parameters.bbrfi && !frame.parameters.rfi.empty());
            // In units of each channel's noise the impulse is the same in every channel, at
            // the same phase bins: a vertical line.
            for (std::size_t k = 0; k < bins; ++k) {
                const double first = frame.rfiFlux[k] / frame.noiseSigma[0];
                for (std::size_t c = 1; c < channels; ++c) {
                    const double value = frame.rfiFlux[c * bins + k] / frame.noiseSigma[c];
                    QVERIFY2(std::abs(value - first) <= 1e-9 * std::max(1.0, first),
                             qPrintable(QStringLiteral("frame %1 bin %2 channel %3: %4 vs %5")
                                            .arg(index)
                                            .arg(k)
                                            .arg(c)
                                            .arg(value)
                                            .arg(first)));
                }
            }
        }
    }

    // The mask is 1 exactly where a noise-free signal is: the pulsar at or above
    // mask_fraction of its channel's peak (channels not scintillated away), any RFI pixel.
    void masksMatchSignals() {
        SimulationConfig config = smallConfig();
        config.rfi.variantFraction = 0.5;
        const FrameSimulator simulator(config);
        const std::size_t bins = simulator.grid().bins();
        const std::size_t channels = simulator.grid().channels();
        int withPulsar = 0, withRfi = 0, empty = 0;
        for (std::size_t index = 0; index < 40; ++index) {
            const Frame frame = simulator.simulate(index);
            const auto& p = frame.parameters;
            const double globalPeak =
                *std::max_element(frame.pulsarFlux.begin(), frame.pulsarFlux.end());
            QCOMPARE(globalPeak > 0.0, p.pulsar);
            const bool anyNarrow = std::any_of(p.rfi.begin(), p.rfi.end(), [](const auto& e) {
                return pulsar::isNarrowband(e.kind);
            });
            QCOMPARE(anyNarrow, p.nbrfi);
            const bool anyBroad = std::any_of(p.rfi.begin(), p.rfi.end(), [](const auto& e) {
                return !pulsar::isNarrowband(e.kind);
            });
            QCOMPARE(anyBroad, p.bbrfi);
            for (std::size_t c = 0; c < channels; ++c) {
                const double* row = frame.pulsarFlux.data() + c * bins;
                const double channelPeak = *std::max_element(row, row + bins);
                for (std::size_t k = 0; k < bins; ++k) {
                    const std::size_t i = c * bins + k;
                    const bool pulse = p.pulsar && channelPeak >= 1e-3 * globalPeak &&
                                       row[k] >= config.maskFraction * channelPeak;
                    const bool rfi = frame.rfiFlux[i] > 0.0;
                    QCOMPARE(frame.mask[i] == 1, pulse || rfi);
                }
            }
            withPulsar += p.pulsar ? 1 : 0;
            withRfi += p.rfi.empty() ? 0 : 1;
            const bool nothing = !p.pulsar && p.rfi.empty();
            if (nothing) {
                QVERIFY(std::all_of(frame.mask.begin(), frame.mask.end(),
                                    [](auto m) { return m == 0; }));
                ++empty;
            }
        }
        qInfo("40 frames: %d with a pulsar, %d with RFI, %d with neither", withPulsar, withRfi,
              empty);
        QVERIFY(withPulsar > 5 && withRfi > 5 && empty > 0);
    }

    // S/N definition: the peak of the dedispersed band-summed profile above the off-pulse
    // mean, over the off-pulse standard deviation, measured on the noisy frames (their
    // Tsys baseline included), averages to the requested S/N.
    void measuredSnrIsTheRequested() {
        SimulationConfig config = pulsarOnly();
        config.snrMin = config.snrMax = 20.0;
        const FrameSimulator simulator(config);
        const auto& grid = simulator.grid();
        const std::size_t bins = grid.bins();
        double sumRatio = 0.0;
        const int frames = 40;
        for (int index = 0; index < frames; ++index) {
            const Frame frame = simulator.simulate(std::size_t(index));
            QVERIFY(std::abs(pulsar::frameSnr(simulator, frame) - 20.0) < 1e-9);
            const auto shifts = pulsar::dedispersionShifts(
                grid.frequenciesGHz, frame.parameters.dm,
                pulsar::frameBinMs(frame.parameters.periodS, grid), bins);
            const auto clean = pulsar::dedispersedProfile(frame.pulsarFlux, bins, shifts);
            const auto noisy = pulsar::dedispersedProfile(frame.data, bins, shifts);
            const auto on = pulsar::onPulseBins(clean);
            double sum = 0.0, squares = 0.0;
            int off = 0;
            for (std::size_t k = 0; k < bins; ++k) {
                if (!on[k]) {
                    sum += noisy[k];
                    squares += noisy[k] * noisy[k];
                    ++off;
                }
            }
            QVERIFY(off > 40);
            const double mean = sum / off;
            const double sigma = std::sqrt((squares - off * mean * mean) / (off - 1));
            const auto peak =
                std::size_t(std::max_element(clean.begin(), clean.end()) - clean.begin());
            sumRatio += (noisy[peak] - mean) / sigma / 20.0;
        }
        const double ratio = sumRatio / frames;
        qInfo("measured / requested S/N over %d frames: %.3f", frames, ratio);
        QVERIFY2(std::abs(ratio - 1.0) < 0.06, qPrintable(QString::number(ratio)));
    }

    void logUniformSnrSpansTheRange() {
        SimulationConfig config = pulsarOnly();
        config.snrMin = 3.0;
        config.snrMax = 30.0;
        const FrameSimulator simulator(config);
        int belowGeometricMean = 0;
        for (std::size_t index = 0; index < 200; ++index) {
            const double snr = simulator.simulate(index).parameters.snr;
            QVERIFY(snr >= 3.0 && snr <= 30.0);
            belowGeometricMean += snr < std::sqrt(90.0) ? 1 : 0;
        }
        // Log-uniform: half below the geometric mean (binomial sd 7).
        QVERIFY2(belowGeometricMean > 70 && belowGeometricMean < 130,
                 qPrintable(QString::number(belowGeometricMean)));
    }

    void seedGivesTheSameFrames() {
        const FrameSimulator a(smallConfig());
        const FrameSimulator b(smallConfig());
        const Frame late = a.simulate(7); // frame 7 alone, before any other
        for (std::size_t index = 0; index < 8; ++index) {
            const Frame x = a.simulate(index);
            const Frame y = b.simulate(index);
            QVERIFY(x.data == y.data);
            QVERIFY(x.mask == y.mask);
            QCOMPARE(x.parameters.dm, y.parameters.dm);
        }
        QVERIFY(late.data == b.simulate(7).data);
        SimulationConfig other = smallConfig();
        other.seed = 6;
        QVERIFY(FrameSimulator(other).simulate(0).data != a.simulate(0).data);
    }

    void badSettingsAreRefusedByName() {
        auto refused = [](auto change) {
            SimulationConfig config = smallConfig();
            change(config);
            return errorOf([&] { FrameSimulator simulator(config); });
        };
        QString message = refused([](SimulationConfig& c) { c.channels = 0; });
        QVERIFY2(message.contains("channels is 0"), qPrintable(message));
        message = refused([](SimulationConfig& c) { c.dm = -3.0; });
        QVERIFY2(message.contains("dm is -3") && message.contains("negative"), qPrintable(message));
        message = refused([](SimulationConfig& c) {
            c.snrMin = 10.0;
            c.snrMax = 5.0;
        });
        QVERIFY2(message.contains("snr_min"), qPrintable(message));
        message = refused([](SimulationConfig& c) { c.conalLatitudesDeg = {45.0}; });
        QVERIFY2(message.contains("conal latitude 45"), qPrintable(message));
        message = refused([](SimulationConfig& c) { c.bottomGHz = 0.9; });
        QVERIFY2(message.contains("bottom < top"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(PulsarSimulatorTest)
#include "PulsarSimulatorTest.moc"
