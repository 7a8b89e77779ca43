#pragma once

// The classifier two-sample test of issue 23 (item 3), as in the CaloChallenge (Krause et al.,
// "CaloChallenge 2022", 2024, section 4): a fixed, fully connected network learns to tell the
// reference's showers from a candidate's by their high-level features (classifierInput of
// ClassifierFeatures.h), stops early on a validation split, and is scored on held-out showers
// neither the training nor the early stopping saw. AUC 0.5: the classifier cannot tell them
// apart; 1: it always can. Torch-free interface; the network is in ShowerClassifier.cpp.

#include "Validation.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace calo {

struct ClassifierSettings {
    int hiddenUnits = 128; // two hidden layers of this width, ReLU
    int maxEpochs = 50;
    int patience = 5; // epochs without a better validation loss before stopping
    int batchSize = 128;
    double learningRate = 1e-3; // Adam
    // Shares of each class's showers for the early stopping and for the score; the rest trains.
    double validationShare = 0.2, testShare = 0.3;
    std::uint64_t seed = 1;
    int threads = 0; // LibTorch intra-op threads; 0 = every core the process may use
};

struct ClassifierOutcome {
    // Showers per class in each split: both classes are cut to the smaller sample's size.
    std::size_t trainPerClass = 0, validationPerClass = 0, testPerClass = 0;
    int epochs = 0, bestEpoch = 0;
    double bestValidationLoss = 0.0;
    double auc = 0.0; // on the held-out (test) showers
    // The held-out showers: the network's score, label (1 = candidate) and primary energy.
    std::vector<double> testScores, testEnergiesGeV;
    std::vector<int> testLabels;
};

// The fewest showers per sample the test splits into three parts.
inline constexpr std::size_t classifierMinimumShowers = 20;

// Throws std::invalid_argument when either sample has fewer than classifierMinimumShowers.
// throwIfCancelled is called between epochs.
ClassifierOutcome twoSampleClassifierTest(const ClassifierSample& reference,
                                          const ClassifierSample& candidate,
                                          const ClassifierSettings& settings,
                                          const std::function<void()>& throwIfCancelled);

// The AUC of the held-out showers with primary energies in [low, high] (NaN when a class has
// none there).
double binAuc(const ClassifierOutcome& outcome, double lowGeV, double highGeV);

} // namespace calo
