#pragma once

// What is needed besides the weights to rebuild and feed the conditional 3DGAN: its shape, the
// preprocessing of the showers and the data-derived output scale. Torch-free, so the actions,
// the query and the tests carry it without <torch/torch.h>; written by train as
// outputs/gan.json and read back by generate, the `shower` query and the python peer bench.

#include <string>

namespace calo {

// The preprocessing of the original 3DGAN (issue 7): cells below 1e-4 GeV are set to 0, the
// rest raised to the power 0.85; the energy condition is E / 100 GeV.
struct Preprocessing {
    double cellThresholdGeV = 1e-4;
    double power = 0.85;
    double energyScaleGeV = 100.0;
};

// Generator: Linear(256 -> c0 x 7x7x4), trilinear upsampling to 13x13x7 with `depth` 3x3x3
// Conv3d + BatchNorm + ReLU blocks of c0 channels, trilinear upsampling to 26x26x13 with blocks
// of c1 and c2 channels, then a transposed Conv3d (stride 2) to 1 channel on 51x51x25 and a
// ReLU. c0, c1, c2 = 64, 32, 16 times `width` (c2 at least 8, the others at least 2).
// Discriminator: a strided Conv3d to 25x25x12, then Conv3d blocks with BatchNorm, LeakyReLU
// 0.2, dropout 0.2 and 2x2x2 average pooling (16, 32, 64 times `width` channels), then linear
// heads. Width 0.25 trains on a CPU within the hour; 0.125 trains in seconds for tests.
// architecture=two_stage (issue 23 item 4, as CaloFlow): stage 1, a conditional masked
// autoregressive flow (LayerFlow.h, `flowBlocks` MADE blocks of two hidden layers of
// `flowHidden` units), learns the 25 layer energies given (E, theta) by maximum likelihood;
// stage 2, the generator above, gets them in its latent and its output is normalised per layer
// to them (GanNet.cpp). false: the 3DGAN alone, whose deposited energy is its own (or the
// energy response's).
// stage2=shapes (two-stage only): stage 2 is not the generator but the learned lateral
// sampler of LateralModel.h (outputs/lateral.bin), fitted on the training showers; the
// generator's weights then carry the trained flow and untrained convolutions that are never run.
struct GanArchitecture {
    double width = 1.0;
    int depth = 1;
    bool twoStage = false;
    bool lateralStage = false; // stage2=shapes
    int flowBlocks = 6;
    int flowHidden = 128;
};

inline constexpr int ganLatentSize = 256; // [E/100, theta (rad), 254 standard normals]
inline constexpr int ganNoiseSize = ganLatentSize - 2;
// The two-stage generator's latent: [E/100, theta, ln(E_l / GeV) of the 25 layers, 229 normals].
inline constexpr int ganLayerCodeOffset = 2;

struct GanConfig {
    GanArchitecture architecture;
    Preprocessing preprocessing;
    // Mean of the training showers' hottest preprocessed cell, scaled to E = 100 GeV: the
    // generator's output is (E/100)^power * cellScale * ReLU(last convolution) (see
    // GanNet.cpp), so its last layer works with values of order one at the shower core, and
    // the discriminator sees showers divided by it, cells from 0 to about 1.
    double cellScale = 1.0;
    // What the weights were trained on (for the record; the run's prov.json has the hashes).
    std::string trainingData;
    double trainingEnergyMinGeV = 0.0, trainingEnergyMaxGeV = 0.0;
    double trainingThetaMinRad = 0.0, trainingThetaMaxRad = 0.0;
};

int scaledChannels(int base, double width); // max(2, round(base * width))

// Throws std::runtime_error naming the file for unreadable or inconsistent content.
void writeGanConfig(const std::string& path, const GanConfig& config);
GanConfig readGanConfig(const std::string& path);

} // namespace calo
