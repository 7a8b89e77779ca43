#pragma once

// pulsar_nets.json beside the weights (pulsar_nets.pt) of a train run: the architecture, the
// normalisation of the inputs, the band and phase grid the networks were trained on and the
// decision thresholds, so classify and validate rebuild exactly what was trained.

#include "PulsarNets.h"

#include <QString>

#include <array>

namespace pulsar {

inline constexpr char netWeightsFile[] = "pulsar_nets.pt";
inline constexpr char netConfigFile[] = "pulsar_nets.json";

struct NetConfig {
    NetArchitecture architecture;
    NormalisationSettings normalisation;
    double topGHz = 0.0; // of the training frames
    double bottomGHz = 0.0;
    int trainedChannels = 0;
    int trainedPhaseBins = 0;
    std::array<double, labelCount> thresholds{0.5, 0.5, 0.5}; // P >= threshold: present
};

void writeNetConfig(const QString& path, const NetConfig& config);
// Throws SdkError naming the file and the missing or bad key.
NetConfig readNetConfig(const QString& path, const QString& source);

// A train run's outputs/ (or a file in it) holding pulsar_nets.pt and pulsar_nets.json: that
// directory. Throws SdkError from `source` naming the input and the missing file.
QString netModelDirectory(const QString& input, const QString& source);

} // namespace pulsar
