#pragma once

// pulsar_nets.json beside the weights (pulsar_nets.pt) of a train run: the architecture, the
// normalisation of the inputs, the band and phase grid the networks were trained on and the
// decision thresholds, so classify and validate rebuild exactly what was trained.

#include "DelayGraph.h"
#include "PulsarNets.h"

#include <QString>

#include <array>
#include <vector>

namespace pulsar {

inline constexpr char netWeightsFile[] = "pulsar_nets.pt";
inline constexpr char netConfigFile[] = "pulsar_nets.json";
inline constexpr char netConfigFormat[] = "twinbench-pulsar-nets/3";

struct NetConfig {
    NetArchitecture architecture;
    NormalisationSettings normalisation;
    double topGHz = 0.0; // of the training frames
    double bottomGHz = 0.0;
    int trainedChannels = 0;
    int trainedPhaseBins = 0;
    // The delay graph's largest trial sweep (grid bins; DelayGraph.h): the largest sweep of the
    // training frames' pulsars plus 10%.
    double maxSweepBins = 0.0;
    // DelayGraphPlan's band-profile edge share: 0.04 for new models; a pulsar_nets.json
    // without `band_edge_fraction` (trained before session 14) used 0.08.
    double bandEdgeFraction = 0.04;
    // The receiver's level per grid column for the training band, the median over training
    // frames (BandProfile.h): the band profile is computed against it for frames of that band.
    // Empty for models trained before session 15 (the per-frame band profile).
    std::vector<double> referenceBandpass;
    std::array<double, labelCount> thresholds{0.5, 0.5, 0.5}; // P >= threshold: present
};

void writeNetConfig(const QString& path, const NetConfig& config);
// Throws SdkError naming the file and the missing or bad key.
NetConfig readNetConfig(const QString& path, const QString& source);

// A band edge as the model card and a classify run's domain check state it: GHz rounded to
// 1 kHz, far below a channel, so the same band read from a file in MHz or Hz compares equal.
double roundedGHz(double ghz);

// The delay graph's trials for frames of `channels` channels from topGHz down to bottomGHz
// (centres of the outer channels) resampled to the model's grid; with the model's reference
// bandpass when the band is the one trained on (roundedGHz), else without (a receiver's
// bandpass says nothing about another band's).
DelayGraphPlan delayGraphPlan(const NetConfig& config, double topGHz, double bottomGHz,
                              std::size_t channels);

// A train run's outputs/ (or a file in it) holding pulsar_nets.pt and pulsar_nets.json: that
// directory. Throws SdkError from `source` naming the input and the missing file.
QString netModelDirectory(const QString& input, const QString& source);

} // namespace pulsar
