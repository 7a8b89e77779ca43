// The NBRFI band profile against a reference bandpass (BandProfile.h) on frames of the
// simulator: a weak carrier in the outermost channels, where the receiver's gain rolls off and
// the per-frame band profile is left at 0, stands out; the reference is the same whether or
// not the frames it comes from hold carriers (it uses no labels); the reference fits frames of
// its own receiver, one frame with a bright carrier included, and not another receiver's on the
// same band (BandpassMatch.h).
#include "BandProfile.h"
#include "BandpassMatch.h"
#include "DelayGraph.h"
#include "FrameSimulator.h"
#include "MaskFile.h"
#include "Rfi.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace pulsar;

namespace {

const NetworkGrid grid{32, 64};

SimulationConfig quietConfig(double nbrfiFraction) {
    SimulationConfig config;
    config.channels = 128;
    config.seed = 7;
    config.pulsarFraction = 0.0;
    config.nbrfiFraction = nbrfiFraction;
    config.bbrfiFraction = 0.0;
    return config;
}

std::vector<double> referenceOf(const FrameSimulator& simulator, std::size_t frames) {
    std::vector<std::vector<double>> medians;
    const FrameGrid& g = simulator.grid();
    for (std::size_t i = 0; i < frames; ++i) {
        const Frame frame = simulator.simulate(i);
        medians.push_back(
            columnMedians(resampleFrame(frame.data.data(), g.channels(), g.bins(), grid), grid));
    }
    return referenceBandpass(medians);
}

// Frame `index` of the simulator (no RFI drawn) with a steady carrier of `intensity` noise
// units in channel `channel`, as the simulator renders one.
std::vector<double> frameWithCarrier(const FrameSimulator& simulator, std::size_t index,
                                     std::size_t channel, double intensity) {
    const FrameGrid& g = simulator.grid();
    Frame frame = simulator.simulate(index);
    RfiEvent carrier;
    carrier.kind = RfiKind::NarrowbandSteady;
    carrier.centre = double(channel);
    carrier.width = 1;
    carrier.spanLength = g.bins();
    carrier.intensity = intensity;
    std::vector<double> flux;
    renderRfi(carrier, g.channels(), g.bins(), frame.noiseSigma, flux);
    for (std::size_t i = 0; i < flux.size(); ++i) {
        frame.data[i] += flux[i];
    }
    return frame.data;
}

} // namespace

class PulsarBandProfileTest : public QObject {
    Q_OBJECT

private slots:
    void aWeakCarrierAtTheBandEdgeStandsOut() {
        const FrameSimulator simulator(quietConfig(0.0));
        const FrameGrid& g = simulator.grid();
        DelayGraphPlan plan(grid,
                            resampledCentres(g.frequenciesGHz.front(), g.frequenciesGHz.back(),
                                             g.channels(), std::size_t(grid.channels)),
                            50.0, 0.04);
        plan.setReferenceBandpass(referenceOf(simulator, 24));
        const auto columns = std::size_t(grid.channels);
        // Channel 1 of 128 (grid column 0, in the receiver's roll-off) and channel 126 (column
        // 63), 3 noise units each; channel 60 (column 30), 2 units. Measured: 5.9, 6.1 and 3.1
        // in the carrier's column against at most 0.65 in the others.
        for (const auto& [channel, intensity] :
             std::vector<std::pair<std::size_t, double>>{{1, 3.0}, {126, 3.0}, {60, 2.0}}) {
            const std::vector<double> data =
                frameWithCarrier(simulator, 100 + channel, channel, intensity);
            const std::vector<float> calibrated =
                networkFeatures(data.data(), g.channels(), g.bins(), plan);
            const float* band =
                calibrated.data() + inputPlanes * grid.pixels() + 2 * std::size_t(delayGraphCells);
            const std::size_t column = channel / 2;
            const float others =
                std::max(column > 0 ? *std::max_element(band, band + column) : -1e9f,
                         column + 1 < columns ? *std::max_element(band + column + 1, band + columns)
                                              : -1e9f);
            QVERIFY2(band[column] > 2.0f && band[column] > others + 1.5f,
                     qPrintable(QString("carrier of %1 in channel %2: column %3 at %4, the "
                                        "largest other %5")
                                    .arg(intensity)
                                    .arg(channel)
                                    .arg(column)
                                    .arg(band[column])
                                    .arg(others)));
            // Without the reference, the per-frame band profile leaves the outer 4% at 0.
            DelayGraphPlan perFrame = plan;
            perFrame.setReferenceBandpass({});
            const std::vector<float> own =
                networkFeatures(data.data(), g.channels(), g.bins(), perFrame);
            const float ownBand =
                own[inputPlanes * grid.pixels() + 2 * std::size_t(delayGraphCells) + column];
            QVERIFY(column == 30 || ownBand == 0.0f);
        }
    }

    void theReferenceIgnoresTheCarriersOfSomeFrames() {
        // Every frame with 1-2 carriers (random channels, 2-20 noise units): the median over
        // 24 frames is the quiet receiver's level within a quarter of a pixel's radiometer
        // noise (measured: 0.12 of it).
        const FrameSimulator quiet(quietConfig(0.0));
        const FrameSimulator busy(quietConfig(1.0));
        const std::vector<double> a = referenceOf(quiet, 24);
        const std::vector<double> b = referenceOf(busy, 24);
        const Frame frame = quiet.simulate(0);
        const double eta = frame.parameters.radiometerFactor;
        double worst = 0.0;
        for (std::size_t c = 0; c < a.size(); ++c) {
            worst = std::max(worst, std::abs(b[c] / a[c] - 1.0));
        }
        QVERIFY2(worst < 0.25 * eta,
                 qPrintable(QString("largest relative difference %1, radiometer "
                                    "factor %2")
                                .arg(worst)
                                .arg(eta)));
    }

    void theReferenceFitsItsReceiverOnly() {
        const FrameSimulator training(quietConfig(0.3));
        const FrameGrid& g = training.grid();
        auto measured = [&](const FrameSimulator& simulator, std::size_t frames) {
            return measureBandpass([&](std::size_t i) { return simulator.simulate(i).data; },
                                   frames, g.channels(), g.bins(), grid, 512, 1);
        };
        const MeasuredBandpass reference = measured(training, 24);
        QCOMPARE(reference.frames, std::size_t(24));
        QCOMPARE(reference.levels, referenceOf(training, 24));
        // The noise is the radiometer's on the grid: a grid cell averages 2 channels x 4.5 bins,
        // so eta / 3 for one frame.
        const Frame first = training.simulate(0);
        const double eta = first.parameters.radiometerFactor;
        const double noise = measureBandpass([&](std::size_t) { return first.data; }, 1,
                                             g.channels(), g.bins(), grid, 512, 1)
                                 .noise;
        QVERIFY2(std::abs(noise / (eta / 3.0) - 1.0) < 0.15,
                 qPrintable(QString("noise %1, eta %2").arg(noise).arg(eta)));

        // Other frames of the same receiver fit, 16 of them or one with a 20-unit carrier.
        SimulationConfig later = quietConfig(0.3);
        later.seed = 8;
        const BandpassFit same =
            fitOfReference(reference.levels, measured(FrameSimulator(later), 16));
        QVERIFY2(same.fits() && same.deviating == 0,
                 qPrintable(QString("%1 of %2 deviate").arg(same.deviating).arg(same.columns)));
        const std::vector<double> carrier = frameWithCarrier(training, 50, 70, 20.0);
        const BandpassFit bright = fitOfReference(
            reference.levels, measureBandpass([&](std::size_t) { return carrier; }, 1, g.channels(),
                                              g.bins(), grid, 512, 1));
        QVERIFY2(bright.fits(), qPrintable(QString("%1 of %2 deviate, largest %3")
                                               .arg(bright.deviating)
                                               .arg(bright.columns)
                                               .arg(bright.largestDeviation)));

        // Another receiver on the band: no ripple, a ripple of 0.25, a 15 K receiver. Nearly
        // every column is off by more than a noise unit (measured 63 of 64, up to 40-130).
        for (int variant = 0; variant < 3; ++variant) {
            SimulationConfig other = quietConfig(0.3);
            other.seed = 9;
            if (variant == 0) {
                other.receiver.bandpassRipple = 0.0;
            } else if (variant == 1) {
                other.receiver.bandpassRipple = 0.25;
            } else {
                other.receiver.receiverTemperatureK = 15.0;
            }
            const BandpassFit fit =
                fitOfReference(reference.levels, measured(FrameSimulator(other), 16));
            QVERIFY2(!fit.fits() && fit.deviating > fit.columns / 2 && fit.largestDeviation > 10.0,
                     qPrintable(QString("variant %1: %2 of %3 deviate, largest %4")
                                    .arg(variant)
                                    .arg(fit.deviating)
                                    .arg(fit.columns)
                                    .arg(fit.largestDeviation)));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 fitOfReference(std::vector<double>(10, 1.0), reference));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 measureBandpass([](std::size_t) { return std::vector<double>{}; },
                                                 0, 128, 144, grid, 512, 1));
    }

    void badInputs() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, referenceBandpass({}));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            referenceBandpass({std::vector<double>(4, 1.0), std::vector<double>(3, 1.0)}));
        std::vector<double> ghz(64);
        for (std::size_t c = 0; c < ghz.size(); ++c) {
            ghz[c] = 0.849 - 0.599 * double(c) / 63.0;
        }
        DelayGraphPlan plan(grid, ghz, 10.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 plan.setReferenceBandpass(std::vector<double>(63, 1.0)));
        float median[64], upper[64];
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 calibratedBandProfile(std::vector<double>(grid.pixels(), 1.0),
                                                       grid, std::vector<double>(10, 1.0), 20.0,
                                                       median, upper));
    }
};

QTEST_GUILESS_MAIN(PulsarBandProfileTest)
#include "PulsarBandProfileTest.moc"
