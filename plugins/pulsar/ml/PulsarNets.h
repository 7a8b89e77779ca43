#pragma once

// Torch-free interface of the two networks (PulsarNets.cpp is the only file that includes
// LibTorch): after ML-PPA, a U-Net turns a frame into a mask of where the pulsar and the RFI are
// (trained with a binary cross-entropy whose positive pixels weigh `maskPositiveWeight`, 3 as in
// ML-PPA), and a classifier looks at the frame and the U-Net's mask together and gives the
// multi-label probabilities P(pulsar), P(NBRFI), P(BBRFI) (sigmoids), with the side inputs of
// DelayGraph.h (delay graph, band and phase profiles) through 1-D branches and one head per
// label. Frames are networkInputLength(grid) floats: NetworkInput.h's two planes of phase rows
// x frequency columns in noise units, then the side inputs.

#include "DelayGraph.h"
#include "NetworkInput.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pulsar {

inline constexpr int labelCount = 3; // Pulsar, NBRFI, BBRFI

struct NetArchitecture {
    NetworkGrid grid;
    int unetWidth = 8; // channels of the U-Net's first level; doubled at every level down
    int unetDepth = 3; // 2x2 poolings: the grid must divide by 2^depth
    int classifierWidth = 16;
};

// Throws std::invalid_argument naming the parameter (grid, unet_width, unet_depth,
// classifier_width) that does not fit.
void checkArchitecture(const NetArchitecture& architecture);

// Frames on the network grid, in memory: inputs frames x networkInputLength(grid), masks
// frames x pixels, labels frames x 3.
struct NetTrainingSet {
    std::vector<float> inputs; // frames x networkInputLength(grid)
    std::vector<float> masks;
    std::vector<float> labels;
    std::vector<std::size_t> training; // frame indices of each split
    std::vector<std::size_t> validation;
};

struct NetTrainSettings {
    NetArchitecture architecture;
    int epochs = 10;
    int batchSize = 32;
    double learningRate = 1e-3; // Adam, cosine decay to 5% over the training (or its budget)
    double maskPositiveWeight = 3.0;
    double maskLossWeight = 1.0; // of the mask loss against the classification loss
    // Class imbalance: each label's positive examples weigh negatives / positives of the
    // training split (clamped to 0.1..10), so a rare label is not learnt as "never".
    bool balanceLabels = true;
    // Weight of the pulsar-free frames in P(pulsar)'s loss (after the balance above): what
    // matters at a survey's 0.2% prevalence is the tail of the pulsar-free frames' P(pulsar),
    // so a weight above 1 pushes the negatives down harder than the positives up.
    double pulsarNegativeWeight = 1.0;
    std::uint64_t seed = 1;
    int threads = 0;
    double timeBudgetSeconds = 0.0;
    std::size_t validationInterval = 0; // steps; 0 = every epoch
};

struct NetTrainCallbacks {
    std::function<void()> throwIfCancelled;
    std::function<void(double fraction, const std::string& text)> progress;
    std::function<void(std::int64_t step, const std::string& name, double value)> metric;
    std::function<void(const std::string& line)> log;
};

struct NetTrainOutcome {
    std::size_t steps = 0;
    int epochs = 0;
    bool stoppedByTimeBudget = false;
    double bestScore = 0.0; // held-out classification BCE of the kept model
    std::size_t bestStep = 0;
    double wallSeconds = 0.0;
    double cpuSeconds = 0.0;
    int threads = 0;
    std::vector<double> labelPositiveWeights; // used in the classification loss
};

// Trains fresh networks in the SDK's training loop (seeded shuffle, batches, time budget,
// cancellation, streamed losses and held-out metrics, keep-best on the validation split) and
// saves the best ones atomically to weightsPath. Deterministic per seed on one machine and
// thread count. Throws std::invalid_argument for an empty split, std::runtime_error when the
// budget ends before the first batch or the training diverges.
NetTrainOutcome trainPulsarNets(const NetTrainingSet& set, const NetTrainSettings& settings,
                                const std::string& weightsPath, const NetTrainCallbacks& callbacks);

// The trained networks for classify and validate.
class PulsarNetsPredictor {
public:
    // Throws std::runtime_error naming the file when the weights do not load for this
    // architecture.
    PulsarNetsPredictor(const std::string& weightsPath, const NetArchitecture& architecture,
                        int threads);
    ~PulsarNetsPredictor();

    struct Output {
        std::vector<float> probabilities; // count x 3
        std::vector<float> masks;         // count x pixels (mask probabilities), when asked for
    };
    // `count` frames of networkInputLength(grid) floats each (DelayGraph.h's networkFeatures).
    Output predict(const float* inputs, std::size_t count, bool withMasks) const;

private:
    struct Model;
    std::unique_ptr<Model> m_model;
    NetArchitecture m_architecture;
};

} // namespace pulsar
