// The two-stage calorimeter model (issue 23 item 4), its networks directly: stage 1, the
// conditional layer flow, learns layer energies it is shown (synthetic showers whose answer is
// known, tiny settings), and stage 2, the generator, hands out showers whose every layer holds
// exactly the energy stage 1 (or the latent) names; gan.json records the architecture.
// LibTorch before any Qt header: Qt's `slots` macro breaks LibTorch's ivalue_inl.h.
#include <torch/torch.h>
// clang-format off
#include "GanConfig.h"
#include "GanNet.h"
#include "Geometry.h"
#include "LayerFlow.h"
#include "LayerFlowTrainer.h"
// clang-format on

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace {

using namespace calo;

// Synthetic showers with a known law: deposited fraction 1.25% (3% spread), a longitudinal
// profile of Gamma shape whose maximum moves with ln E and fluctuates by half a layer, and 5%
// independent noise per layer.
struct SyntheticShowers {
    explicit SyntheticShowers(std::uint32_t seed) : random(seed) {}
    std::mt19937 random;
    std::normal_distribution<double> normal;

    std::vector<double> layerEnergies(double energyGeV) {
        const double deposited = 0.0125 * energyGeV * (1.0 + 0.03 * normal(random));
        const double maximum = 5.0 + 1.5 * std::log(energyGeV / 100.0) + 0.5 * normal(random);
        const double b = 2.2, a = maximum / b + 1.0;
        std::vector<double> shape(layers);
        double sum = 0.0;
        for (int l = 0; l < layers; ++l) {
            const double t = l + 0.5;
            shape[l] = std::pow(t, a - 1.0) * std::exp(-t / b);
            sum += shape[l];
        }
        for (int l = 0; l < layers; ++l) {
            shape[l] = deposited * shape[l] / sum * std::max(0.0, 1.0 + 0.05 * normal(random));
        }
        return shape;
    }

    LayerSamples draw(std::size_t count) {
        std::uniform_real_distribution<double> energy(100.0, 200.0), theta(1.2, 1.9);
        LayerSamples samples;
        for (std::size_t i = 0; i < count; ++i) {
            const double e = energy(random);
            samples.energyGeV.push_back(float(e));
            samples.thetaRad.push_back(float(theta(random)));
            for (double value : layerEnergies(e)) {
                samples.layerGeV.push_back(float(value));
            }
        }
        return samples;
    }
};

// Largest relative difference of the flow's mean layer energies from the law's at one energy,
// over the layers holding 95% of the law's energy, and of the mean deposited fraction.
struct MeanErrors {
    double worstLayer = 0.0, deposited = 0.0;
};

MeanErrors meanErrors(LayerFlow& flow, SyntheticShowers& law, double energyGeV) {
    constexpr int count = 3000;
    std::vector<double> expected(layers, 0.0);
    for (int i = 0; i < count; ++i) {
        const std::vector<double> layer = law.layerEnergies(energyGeV);
        for (int l = 0; l < layers; ++l) {
            expected[l] += layer[l] / count;
        }
    }
    const torch::Tensor sampled = sampleLayerEnergies(flow, torch::full({count}, float(energyGeV)),
                                                      torch::full({count}, 1.5f), 100.0)
                                      .mean(0);
    double total = 0.0, sampledTotal = 0.0;
    for (int l = 0; l < layers; ++l) {
        total += expected[l];
        sampledTotal += sampled[l].item<double>();
    }
    MeanErrors errors;
    errors.deposited = std::abs(sampledTotal / total - 1.0);
    // The 95% layers: drop the smallest layers while they hold less than 5% together.
    std::vector<int> order(layers);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int i, int j) { return expected[i] < expected[j]; });
    double dropped = 0.0;
    for (int l : order) {
        dropped += expected[l];
        if (dropped < 0.05 * total) {
            continue;
        }
        errors.worstLayer =
            std::max(errors.worstLayer, std::abs(sampled[l].item<double>() / expected[l] - 1.0));
    }
    return errors;
}

} // namespace

class CaloTwoStageTest : public QObject {
    Q_OBJECT

private slots:
    void layerFlowLearnsLayerEnergies() {
        torch::set_num_threads(1);
        SyntheticShowers law(7);
        const LayerSamples train = law.draw(4000);
        const LayerSamples heldOut = law.draw(500);
        LayerFlowSettings settings;
        settings.steps = 0; // only the standardisation: a Gaussian per layer, blind to E
        LayerFlow untrained(3, 64);
        fitLayerFlow(untrained, train, heldOut, settings);
        settings.steps = 500;
        settings.learningRate = 2e-3;
        settings.validationInterval = 100;
        LayerFlow flow(3, 64);
        QElapsedTimer clock;
        clock.start();
        const LayerFlowOutcome outcome = fitLayerFlow(flow, train, heldOut, settings);
        qInfo("500 steps in %.1f s: held-out negative log likelihood %.2f -> %.2f (kept step %d)",
              clock.elapsed() / 1000.0, outcome.initialHeldOutNll, outcome.heldOutNll,
              outcome.bestStep);
        QVERIFY(outcome.heldOutNll < outcome.initialHeldOutNll - 5.0);
        for (double energy : {115.0, 185.0}) {
            const MeanErrors before = meanErrors(untrained, law, energy);
            const MeanErrors after = meanErrors(flow, law, energy);
            qInfo("%.0f GeV: mean layer energy worst over the 95%% layers %.3f untrained, %.3f "
                  "trained; deposited %.3f, %.3f",
                  energy, before.worstLayer, after.worstLayer, before.deposited, after.deposited);
            // The targets of issue 23 for the network alone: 10% per layer, 5% deposited.
            QVERIFY(after.worstLayer < 0.10);
            QVERIFY(after.deposited < 0.05);
            // And the check can fail: the flow blind to the energy misses it.
            QVERIFY(before.worstLayer > 0.10);
        }
    }

    void generatorHoldsTheLayerEnergiesItIsGiven() {
        torch::manual_seed(3);
        GanArchitecture architecture;
        architecture.width = 0.125;
        architecture.depth = 0;
        architecture.twoStage = true;
        architecture.flowBlocks = 2;
        architecture.flowHidden = 16;
        const Preprocessing pre;
        Generator generator(architecture, 1.0, pre);
        const torch::Tensor energy = torch::tensor({110.0f, 170.0f, 150.0f});
        const torch::Tensor theta = torch::tensor({1.5708f, 1.2f, 1.9f});
        const torch::Tensor target = torch::rand({3, layers}) * 2.0 + 0.1; // GeV
        const auto layerSums = [&](const torch::Tensor& preprocessed) {
            // What postprocess writes: GeV, cells below the threshold dropped (training keeps
            // them: the discriminator's gradient needs them, and they are in the sums).
            torch::Tensor physical = toPhysical(preprocessed, pre);
            if (!generator->is_training()) {
                physical = physical * (physical >= pre.cellThresholdGeV).to(torch::kFloat32);
            }
            return layerProfile(physical);
        };
        // As training starts (GanTrainer.cpp): a fifth of the cells lit, and BatchNorm
        // statistics of these latents for inference.
        const torch::Tensor given = conditionedLatent(energy, theta, target, pre);
        generator->calibrateOccupancy(given, 0.2);
        generator->refreshNormStatistics({given});
        torch::NoGradGuard noGradients;
        for (bool training : {true, false}) {
            generator->train(training);
            const torch::Tensor sums =
                layerSums(generator->forward(given));
            const double worst = ((sums / target) - 1.0).abs().max().item<double>();
            qInfo("%s: worst layer %.2e off its target", training ? "training" : "inference",
                  worst);
            QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
        }
        // Generation: the layer energies come from stage 1 (in the latent) and are held.
        torch::manual_seed(11);
        const torch::Tensor latent = generator->latentFor(energy, theta);
        const torch::Tensor stageOne = decodeLayerEnergies(
            latent.slice(1, ganLayerCodeOffset, ganLayerCodeOffset + layers), energy);
        const torch::Tensor sums = layerSums(generator->forward(latent));
        const torch::Tensor held = stageOne > 1e-3; // layers with a cell's worth of energy
        QVERIFY(held.sum().item<int>() > 0);
        const double worst = ((sums / stageOne.clamp_min(1e-12)) - 1.0)
                                 .abs()
                                 .masked_select(held)
                                 .max()
                                 .item<double>();
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
    }

    void ganJsonRecordsTheArchitecture() {
        QTemporaryDir directory;
        GanConfig config;
        config.architecture.twoStage = true;
        config.architecture.flowBlocks = 4;
        config.architecture.flowHidden = 32;
        const std::string path = directory.filePath("gan.json").toStdString();
        writeGanConfig(path, config);
        const GanConfig read = readGanConfig(path);
        QVERIFY(read.architecture.twoStage);
        QCOMPARE(read.architecture.flowBlocks, 4);
        QCOMPARE(read.architecture.flowHidden, 32);
        config.architecture.twoStage = false;
        writeGanConfig(path, config);
        QVERIFY(!readGanConfig(path).architecture.twoStage);
    }
};

QTEST_GUILESS_MAIN(CaloTwoStageTest)
#include "CaloTwoStageTest.moc"
