#include "ShowerClassifier.h"

#include "ClassifierFeatures.h"
#include "twinbench/ml/TorchSetup.h"
#include "twinbench/sdk/Random.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace calo {

namespace {

struct Split {
    std::vector<std::size_t> train, validation, test;
};

// A seeded shuffle of the first n showers of one class, cut into the three parts.
Split split(std::size_t n, const ClassifierSettings& settings, std::uint64_t stream) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    twins::sdk::Random random(twins::sdk::streamSeed(settings.seed, stream));
    random.shuffle(order);
    const auto test = std::size_t(std::round(settings.testShare * double(n)));
    const auto validation = std::size_t(std::round(settings.validationShare * double(n)));
    Split parts;
    parts.test.assign(order.begin(), order.begin() + std::ptrdiff_t(test));
    parts.validation.assign(order.begin() + std::ptrdiff_t(test),
                            order.begin() + std::ptrdiff_t(test + validation));
    parts.train.assign(order.begin() + std::ptrdiff_t(test + validation), order.end());
    return parts;
}

// Rows of both classes for one part: (features, labels, energies).
struct Table {
    torch::Tensor x, y;
    std::vector<double> energies;
};

Table table(const ClassifierSample& reference, const std::vector<std::size_t>& fromReference,
            const ClassifierSample& candidate, const std::vector<std::size_t>& fromCandidate) {
    const std::int64_t d = classifierInputCount;
    const auto n = static_cast<std::int64_t>(fromReference.size() + fromCandidate.size());
    Table t{torch::empty({n, d}), torch::empty({n}), {}};
    auto x = t.x.accessor<float, 2>();
    auto y = t.y.accessor<float, 1>();
    std::int64_t row = 0;
    for (const auto& [sample, rows, label] : {std::tuple{&reference, &fromReference, 0.0f},
                                              std::tuple{&candidate, &fromCandidate, 1.0f}}) {
        for (std::size_t i : *rows) {
            for (std::int64_t j = 0; j < d; ++j) {
                x[row][j] = sample->rows[i * std::size_t(d) + std::size_t(j)];
            }
            y[row] = label;
            t.energies.push_back(sample->energiesGeV[i]);
            ++row;
        }
    }
    return t;
}

} // namespace

ClassifierOutcome twoSampleClassifierTest(const ClassifierSample& reference,
                                          const ClassifierSample& candidate,
                                          const ClassifierSettings& settings,
                                          const std::function<void()>& throwIfCancelled) {
    const std::size_t n = std::min(reference.size(), candidate.size());
    if (n < classifierMinimumShowers) {
        throw std::invalid_argument(
            "the classifier test needs at least " + std::to_string(classifierMinimumShowers) +
            " showers of each sample; got " + std::to_string(reference.size()) + " reference and " +
            std::to_string(candidate.size()) + " candidate showers");
    }
    twins::ml::useComputeThreads(settings.threads);
    twins::ml::seedTorch(settings.seed);
    const Split r = split(n, settings, 0), c = split(n, settings, 1);
    Table train = table(reference, r.train, candidate, c.train);
    const Table validation = table(reference, r.validation, candidate, c.validation);
    const Table test = table(reference, r.test, candidate, c.test);
    // Standardised with the training rows' means and spreads.
    const torch::Tensor mean = train.x.mean(0);
    const torch::Tensor scale = train.x.std(0).clamp_min(1e-6);
    const auto standardise = [&](const torch::Tensor& x) { return (x - mean) / scale; };
    train.x = standardise(train.x);
    const torch::Tensor validationX = standardise(validation.x);
    const torch::Tensor testX = standardise(test.x);

    const std::int64_t h = settings.hiddenUnits;
    torch::nn::Sequential network(torch::nn::Linear(classifierInputCount, h), torch::nn::ReLU(),
                                  torch::nn::Linear(h, h), torch::nn::ReLU(),
                                  torch::nn::Linear(h, 1));
    torch::optim::Adam optimiser(network->parameters(),
                                 torch::optim::AdamOptions(settings.learningRate));
    const auto loss = [&](const torch::Tensor& x, const torch::Tensor& y) {
        return torch::binary_cross_entropy_with_logits(network->forward(x).squeeze(1), y);
    };

    ClassifierOutcome outcome;
    outcome.trainPerClass = r.train.size();
    outcome.validationPerClass = r.validation.size();
    outcome.testPerClass = r.test.size();
    outcome.bestValidationLoss = std::numeric_limits<double>::infinity();
    std::vector<torch::Tensor> best;
    const std::int64_t rows = train.x.size(0);
    const std::int64_t batch = std::max(1, settings.batchSize);
    int sinceBest = 0;
    for (int epoch = 1; epoch <= settings.maxEpochs && sinceBest < settings.patience; ++epoch) {
        if (throwIfCancelled) {
            throwIfCancelled();
        }
        network->train();
        const torch::Tensor order = torch::randperm(rows, torch::kLong);
        for (std::int64_t first = 0; first < rows; first += batch) {
            const torch::Tensor index = order.slice(0, first, std::min(rows, first + batch));
            optimiser.zero_grad();
            const torch::Tensor value =
                loss(train.x.index_select(0, index), train.y.index_select(0, index));
            value.backward();
            optimiser.step();
        }
        network->eval();
        torch::NoGradGuard noGradients;
        const double validationLoss = loss(validationX, validation.y).item<double>();
        outcome.epochs = epoch;
        if (validationLoss < outcome.bestValidationLoss) {
            outcome.bestValidationLoss = validationLoss;
            outcome.bestEpoch = epoch;
            best.clear();
            for (const torch::Tensor& p : network->parameters()) {
                best.push_back(p.detach().clone());
            }
            sinceBest = 0;
        } else {
            ++sinceBest;
        }
    }
    {
        torch::NoGradGuard noGradients;
        auto parameters = network->parameters();
        for (std::size_t i = 0; i < best.size(); ++i) {
            parameters[i].copy_(best[i]);
        }
        network->eval();
        const torch::Tensor scores = network->forward(testX).squeeze(1).to(torch::kFloat64);
        outcome.testScores.assign(scores.data_ptr<double>(),
                                  scores.data_ptr<double>() + scores.numel());
    }
    for (std::int64_t i = 0; i < test.y.size(0); ++i) {
        outcome.testLabels.push_back(test.y[i].item<float>() > 0.5f ? 1 : 0);
    }
    outcome.testEnergiesGeV = test.energies;
    outcome.auc = rocAuc(outcome.testScores, outcome.testLabels);
    return outcome;
}

double binAuc(const ClassifierOutcome& outcome, double lowGeV, double highGeV) {
    std::vector<double> scores;
    std::vector<int> labels;
    for (std::size_t i = 0; i < outcome.testScores.size(); ++i) {
        const double e = outcome.testEnergiesGeV[i];
        if (e >= lowGeV && e <= highGeV) {
            scores.push_back(outcome.testScores[i]);
            labels.push_back(outcome.testLabels[i]);
        }
    }
    return rocAuc(scores, labels);
}

} // namespace calo
