#pragma once

// Synthetic data with known values for the volume, spectrogram and comparison-chart tests.
// Deterministic (no random numbers), so rendered images can be compared with baselines.
#include "twinbench/viz/ComparisonChart.h"
#include "twinbench/viz/SpectrogramScene.h"
#include "twinbench/viz/VolumeGrid.h"

#include <cmath>
#include <vector>

namespace twins::testing {

// A calorimeter-like shower, 51 x 51 cells x 25 layers (the 3DGAN geometry): a longitudinal
// gamma profile peaking near layer 8 times a transverse exponential around the centre cell
// (25, 25), in MeV; cells under the 1 keV readout threshold are 0, as in real showers.
inline viz::VolumeGrid syntheticShower() {
    viz::VolumeGrid grid;
    grid.dims = {51, 51, 25};
    grid.spacing = {1.0, 1.0, 1.0};
    grid.name = QStringLiteral("Energy");
    grid.units = QStringLiteral("MeV");
    grid.title = QStringLiteral("Synthetic shower, 50 GeV");
    grid.values.resize(51 * 51 * 25);
    for (int k = 0; k < 25; ++k) {
        const double t = k + 0.5;
        const double longitudinal = std::pow(t, 2.0) * std::exp(-t / 4.0);
        for (int j = 0; j < 51; ++j) {
            for (int i = 0; i < 51; ++i) {
                const double r = std::hypot(i - 25.0, j - 25.0);
                const double width = 1.0 + 0.12 * k;
                const double energy = 40.0 * longitudinal / 32.0 * std::exp(-r / width);
                grid.values[(static_cast<std::size_t>(k) * 51 + j) * 51 + i] =
                    energy < 1e-3 ? 0.0f : static_cast<float>(energy);
            }
        }
    }
    return grid;
}

// A small grid with one hot cell, for exact sums and colours: 4 x 3 x 2 cells of value
// 1 + i + 10 j + 100 k.
inline viz::VolumeGrid countingGrid() {
    viz::VolumeGrid grid;
    grid.dims = {4, 3, 2};
    grid.name = QStringLiteral("Count");
    grid.units = QString();
    grid.title = QStringLiteral("Counting grid");
    for (int k = 0; k < 2; ++k) {
        for (int j = 0; j < 3; ++j) {
            for (int i = 0; i < 4; ++i) {
                grid.values.push_back(static_cast<float>(1 + i + 10 * j + 100 * k));
            }
        }
    }
    return grid;
}

// A folded pulsar observation: 128 phase bins x 64 channels from 1600 MHz down to 1200 MHz
// (descending, as telescopes record them), a dispersed pulse (arriving later at lower
// frequencies), a steep spectrum, a deterministic ripple as noise, and channel 40 flagged for
// RFI (NaN).
inline viz::SpectrogramData syntheticPulsar() {
    viz::SpectrogramData data;
    data.bins = 128;
    data.channels = 64;
    data.binStart = 0.0;
    data.binStep = 1.0 / 128.0;
    data.frequencyStart = 1600.0;
    data.frequencyStep = -6.25;
    data.binName = QStringLiteral("Phase");
    data.binUnits = QString();
    data.valueName = QStringLiteral("Flux density");
    data.valueUnits = QStringLiteral("mJy");
    data.title = QStringLiteral("PSR synthetic, folded");
    data.values.resize(128 * 64);
    for (int channel = 0; channel < 64; ++channel) {
        const double frequency = 1600.0 - (channel + 0.5) * 6.25;
        // Cold-plasma delay ~ f^-2, in turns, relative to the top of the band.
        const double delay =
            0.25 * (std::pow(1400.0 / frequency, 2.0) - std::pow(1400.0 / 1600.0, 2.0));
        const double amplitude = 10.0 * std::pow(frequency / 1400.0, -1.6);
        for (int bin = 0; bin < 128; ++bin) {
            const double phase = (bin + 0.5) / 128.0;
            const double offset = phase - 0.3 - delay;
            const double noise = 0.3 * std::sin(bin * 12.9898 + channel * 78.233);
            data.values[static_cast<std::size_t>(channel) * 128 + bin] = static_cast<float>(
                1.0 + amplitude * std::exp(-offset * offset / (2.0 * 0.015 * 0.015)) + noise);
        }
    }
    for (int bin = 0; bin < 128; ++bin) {
        data.values[40 * 128 + bin] = std::nanf("");
    }
    return data;
}

// A constant spectrogram with known values for colour checks: value = channel index
// (0..3) in 4 channels x 8 bins, time 0..8 s, 100..140 MHz ascending.
inline viz::SpectrogramData channelRamp() {
    viz::SpectrogramData data;
    data.bins = 8;
    data.channels = 4;
    data.binStart = 0.0;
    data.binStep = 1.0;
    data.frequencyStart = 100.0;
    data.frequencyStep = 10.0;
    data.valueName = QStringLiteral("Power");
    data.valueUnits = QStringLiteral("dB");
    data.title = QStringLiteral("Channel ramp");
    for (int channel = 0; channel < 4; ++channel) {
        for (int bin = 0; bin < 8; ++bin) {
            data.values.push_back(static_cast<float>(channel));
        }
    }
    return data;
}

// Deterministic samples of a distribution through its quantile function at evenly spaced
// probabilities: an exponential of mean `scale` (like a shower's cell energies).
inline std::vector<double> exponentialSamples(int count, double scale) {
    std::vector<double> samples;
    for (int i = 0; i < count; ++i) {
        const double p = (i + 0.5) / count;
        samples.push_back(-scale * std::log(1.0 - p));
    }
    return samples;
}

// Reference (mean 10) against a generator that is 15% too wide (mean 11.5), 20 bins 0..50.
inline viz::ComparisonSpec energyHistogramComparison() {
    viz::ComparisonSpec spec;
    spec.kind = viz::ComparisonSpec::Kind::Histogram;
    spec.style = viz::ComparisonSpec::Style::Bars;
    spec.title = QStringLiteral("Cell energy: GFlash reference vs generated");
    spec.xName = QStringLiteral("Cell energy");
    spec.xUnits = QStringLiteral("MeV");
    spec.yName = QStringLiteral("Cells");
    spec.binEdges = viz::uniformBinEdges(0.0, 50.0, 20);
    spec.reference = viz::histogramSeries(QStringLiteral("Reference"),
                                          exponentialSamples(4000, 10.0), spec.binEdges);
    spec.generated = viz::histogramSeries(QStringLiteral("Generated"),
                                          exponentialSamples(4000, 11.5), spec.binEdges);
    return spec;
}

// Longitudinal profile: mean energy per layer with a band of one standard deviation.
inline viz::ComparisonSpec layerProfileComparison() {
    viz::ComparisonSpec spec;
    spec.kind = viz::ComparisonSpec::Kind::Profile;
    spec.title = QStringLiteral("Longitudinal profile");
    spec.xName = QStringLiteral("Layer");
    spec.yName = QStringLiteral("Mean energy");
    spec.yUnits = QStringLiteral("GeV");
    spec.binEdges = viz::uniformBinEdges(0.0, 25.0, 25);
    std::vector<double> x;
    std::vector<double> reference;
    std::vector<double> generated;
    for (int layer = 0; layer < 25; ++layer) {
        const double t = layer + 0.5;
        const double mean = t * t * std::exp(-t / 4.0) / 8.0;
        for (int shower = 0; shower < 20; ++shower) {
            const double spread = 0.25 * mean * std::sin(shower * 0.7 + layer);
            x.push_back(t);
            reference.push_back(mean + spread);
            generated.push_back(1.08 * mean + 1.4 * spread);
        }
    }
    spec.reference = viz::profileSeries(QStringLiteral("Reference"), x, reference, spec.binEdges);
    spec.generated = viz::profileSeries(QStringLiteral("Generated"), x, generated, spec.binEdges);
    return spec;
}

} // namespace twins::testing
