// train: the U-Net (frame -> mask) and the classifier (frame and mask -> P(pulsar), P(NBRFI),
// P(BBRFI)) on the frames of one or more simulate runs -> outputs/pulsar_nets.pt,
// pulsar_nets.json, validation_predictions.csv (the kept model on the held-out split) and
// model.json (the SDK's model card).
#include "ActionSupport.h"
#include "BandpassSelection.h"
#include "ClassificationMetrics.h"
#include "FrameFile.h"
#include "NetConfig.h"
#include "NetworkFrames.h"
#include "PulsarNets.h"
#include "PulsarTwin.h"
#include "TrainThresholds.h"
#include "twinbench/ml/TorchErrors.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/ModelCard.h"
#include "twinbench/sdk/Random.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

namespace pulsar {

namespace {

using twins::sdk::SdkError;

const QString source = QStringLiteral("pulsar train");
const char* const labelKeys[labelCount] = {"pulsar", "nbrfi", "bbrfi"};

// A simulate run's frames.nc (the run's id or outputs/) or the file itself.
QString framesInput(const QString& input) {
    const QString path =
        QFileInfo(input).isDir() ? QDir(input).filePath(QStringLiteral("frames.nc")) : input;
    if (!QFileInfo::exists(path)) {
        throw SdkError(source, QStringLiteral("input %1 does not exist (expected a pulsar "
                                              "simulate run, its id or its frames.nc)")
                                   .arg(path));
    }
    return path;
}

NetArchitecture architectureFrom(const twins::sdk::ActionContext& context) {
    NetArchitecture a;
    a.grid.phaseBins = context.integer("grid_phase_bins");
    a.grid.channels = context.integer("grid_channels");
    a.unetWidth = context.integer("unet_width");
    a.unetDepth = context.integer("unet_depth");
    a.classifierWidth = context.integer("classifier_width");
    withSettingsChecked(source, [&] { checkArchitecture(a); });
    return a;
}

DelayGraphPlan planFor(const NetConfig& config, const FrameFileReader& file) {
    try {
        return delayGraphPlan(config, file.frequenciesGHz().front(), file.frequenciesGHz().back(),
                              file.frequenciesGHz().size());
    } catch (const std::invalid_argument& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }
}

} // namespace

void trainAction(twins::sdk::ActionContext& context) {
    const QStringList allInputs = context.inputs();
    const auto calibrationCount = qsizetype(context.integer("calibration_inputs"));
    if (allInputs.size() <= calibrationCount) {
        throw SdkError(source, QStringLiteral("got %1 input(s) with calibration_inputs=%2; "
                                              "expected at least one pulsar simulate run (its "
                                              "frames.nc) to train on, then the %2 calibration "
                                              "run(s)")
                                   .arg(allInputs.size())
                                   .arg(calibrationCount));
    }
    // The last calibration_inputs inputs are not trained on: their pulsar-free frames only
    // join the held-out split's to set P(pulsar)'s threshold (TrainThresholds.h).
    const QStringList inputs = allInputs.first(allInputs.size() - calibrationCount);
    QStringList calibrationPaths;
    for (const QString& input : allInputs.last(calibrationCount)) {
        calibrationPaths << framesInput(input);
    }
    NetTrainSettings settings;
    settings.architecture = architectureFrom(context);
    settings.epochs = context.integer("epochs");
    settings.batchSize = context.integer("batch_size");
    settings.learningRate = context.number("learning_rate");
    settings.maskPositiveWeight = context.number("mask_positive_weight");
    settings.balanceLabels = context.flag("balance_labels");
    settings.pulsarNegativeWeight = context.number("pulsar_negative_weight");
    settings.seed = std::uint64_t(context.integer("seed"));
    settings.threads = computeThreads(context);
    settings.timeBudgetSeconds = 60.0 * context.number("time_budget_minutes");
    settings.validationInterval = std::size_t(context.integer("validation_interval"));
    const double validationFraction = context.number("validation_fraction");
    const double minAccuracy = context.number("min_accuracy");
    NetConfig config;
    config.architecture = settings.architecture;
    const NetworkGrid grid = settings.architecture.grid;

    // Every input's frames on the network grid; the first one's band is the model's. The delay
    // graph's trials reach the largest dispersion sweep of the training pulsars plus 10%.
    std::vector<std::unique_ptr<FrameFileReader>> files;
    QStringList paths;
    for (const QString& input : inputs) {
        const QString path = framesInput(input);
        paths << path;
        withSettingsChecked(source, [&] {
            try {
                files.push_back(std::make_unique<FrameFileReader>(path.toStdString()));
            } catch (const std::runtime_error& error) {
                throw SdkError(source, QString::fromUtf8(error.what()));
            }
        });
    }
    for (const QString& calibration : calibrationPaths) {
        const QString seed = simulationSeedOf(calibration);
        for (const QString& path : paths) {
            if (QFileInfo(path).canonicalFilePath() == QFileInfo(calibration).canonicalFilePath() ||
                (!seed.isEmpty() && simulationSeedOf(path) == seed)) {
                throw SdkError(source, QStringLiteral("calibration input %1 is, or shares seed "
                                                      "%2 with, the training input %3: simulate "
                                                      "the calibration frames with another seed")
                                           .arg(calibration, seed, path));
            }
        }
    }
    const FrameFileReader& first = *files.front();
    config.topGHz = first.frequenciesGHz().front();
    config.bottomGHz = first.frequenciesGHz().back();
    config.trainedChannels = int(first.frequenciesGHz().size());
    config.trainedPhaseBins = int(first.bins());
    double sweepMax = 0.0;
    for (const auto& file : files) {
        bool anyPulsar = false;
        for (std::size_t i = 0; i < file->frames(); ++i) {
            anyPulsar = anyPulsar || file->labels()[i * 3] > 0.5;
        }
        for (std::size_t i = 0; i < file->frames(); ++i) {
            if (anyPulsar && !(file->labels()[i * 3] > 0.5)) {
                continue;
            }
            sweepMax = std::max(sweepMax, sweepBins(file->dms()[i], file->periodsS()[i],
                                                    file->frequenciesGHz().front(),
                                                    file->frequenciesGHz().back(), file->bins(),
                                                    file->phaseStepDeg(), grid.phaseBins));
        }
    }
    config.maxSweepBins = 1.1 * sweepMax;
    context.log(QStringLiteral("delay graph: trial sweeps 0..%1 grid bins (the training "
                               "pulsars' largest plus 10%)")
                    .arg(config.maxSweepBins, 0, 'f', 1));

    // The receiver's bandpass from many frames (BandProfile.h): the NBRFI band profile then
    // reaches the band edges. From the frames alone, never their labels or parameters.
    const auto referenceFrames = std::size_t(context.integer("reference_bandpass_frames"));
    if (referenceFrames > 0) {
        withSettingsChecked(source, [&] {
            config.referenceBandpass =
                fileReferenceBandpass(first, grid, referenceFrames, settings.threads);
        });
        context.log(QStringLiteral("reference bandpass: the median of %1 frames' channel levels "
                                   "on the %2-column grid (the NBRFI band profile reaches the "
                                   "band edges)")
                        .arg(std::min(referenceFrames, first.frames()))
                        .arg(grid.channels));
    } else {
        context.log(QStringLiteral("reference bandpass: none (reference_bandpass_frames=0): the "
                                   "band profile from each frame, its outer %1% left out")
                        .arg(100.0 * config.bandEdgeFraction));
    }

    NetworkFrames frames;
    QJsonArray perInput;
    const double readShare = 0.1;
    for (std::size_t n = 0; n < files.size(); ++n) {
        const FrameFileReader& file = *files[n];
        const QString& path = paths[int(n)];
        DelayGraphPlan plan = planFor(config, file);
        if (n > 0) {
            // The reference came from the first input; another receiver's frames get their own
            // (BandpassSelection.h), as classify gives them.
            withSettingsChecked(source, [&] {
                PlannedFrames planned = planFrames(
                    config, [&](std::size_t i) { return file.frame(i); }, file.frames(),
                    file.frequenciesGHz(), file.bins(), settings.threads);
                plan = std::move(planned.plan);
                context.log(QStringLiteral("%1: %2").arg(path, planned.bandpass.statement));
            });
        }
        appendNetworkFrames(
            file, 0, file.frames(), plan, config.normalisation, true, settings.threads, frames,
            [&](std::size_t done, std::size_t total) {
                context.throwIfCancelled();
                context.reportProgress(
                    readShare * (double(n) + double(done) / double(total)) / double(files.size()),
                    QStringLiteral("reading %1: %2 of %3 frames").arg(path).arg(done).arg(total));
            });
        perInput.append(QJsonObject{{"file", path}, {"frames", qint64(file.frames())}});
    }

    // The held-out split: a seeded shuffle of all frames (twins::sdk::Random, stream 1 of the
    // seed; the training loop's shuffle is stream 0).
    std::vector<std::size_t> order(frames.count);
    std::iota(order.begin(), order.end(), std::size_t(0));
    twins::sdk::Random random(twins::sdk::streamSeed(settings.seed, 1));
    random.shuffle(order);
    const auto held = std::size_t(std::lround(validationFraction * double(frames.count)));
    NetTrainingSet set;
    set.validation.assign(order.begin(), order.begin() + std::ptrdiff_t(held));
    set.training.assign(order.begin() + std::ptrdiff_t(held), order.end());
    std::sort(set.validation.begin(), set.validation.end());
    std::array<std::size_t, labelCount> positives{};
    for (std::size_t i = 0; i < frames.count; ++i) {
        for (int l = 0; l < labelCount; ++l) {
            positives[std::size_t(l)] += frames.labels[i * 3 + std::size_t(l)] > 0.5f ? 1 : 0;
        }
    }
    context.log(QStringLiteral("%1 frames on a %2 x %3 grid (phase x frequency): %4 training, "
                               "%5 held out; with a pulsar %6, NBRFI %7, BBRFI %8; %9 threads")
                    .arg(frames.count)
                    .arg(grid.phaseBins)
                    .arg(grid.channels)
                    .arg(set.training.size())
                    .arg(set.validation.size())
                    .arg(positives[0])
                    .arg(positives[1])
                    .arg(positives[2])
                    .arg(settings.threads));
    set.inputs = std::move(frames.inputs);
    set.masks = std::move(frames.masks);
    set.labels = std::move(frames.labels);

    const QString weights = QDir(context.outputDirectory()).filePath(QLatin1String(netWeightsFile));
    NetTrainCallbacks callbacks;
    callbacks.throwIfCancelled = [&] { context.throwIfCancelled(); };
    callbacks.progress = [&](double fraction, const std::string& text) {
        context.reportProgress(readShare + (1.0 - readShare) * fraction,
                               QString::fromStdString(text));
    };
    callbacks.metric = [&](std::int64_t step, const std::string& name, double value) {
        context.reportMetric(step, QString::fromStdString(name), value);
    };
    callbacks.log = [&](const std::string& line) { context.log(QString::fromStdString(line)); };
    NetTrainOutcome outcome;
    twins::ml::guardTorch(source, [&] {
        try {
            outcome = trainPulsarNets(set, settings, weights.toStdString(), callbacks);
        } catch (const std::invalid_argument& error) {
            throw SdkError(source, QString::fromUtf8(error.what()));
        }
    });
    // The kept model on the held-out split, scored as validate scores.
    const std::size_t inputSize = networkInputLength(grid);
    std::vector<float> heldInputs(set.validation.size() * inputSize);
    for (std::size_t i = 0; i < set.validation.size(); ++i) {
        std::copy_n(set.inputs.begin() + std::ptrdiff_t(set.validation[i] * inputSize), inputSize,
                    heldInputs.begin() + std::ptrdiff_t(i * inputSize));
    }
    const PulsarNetsPredictor::Output heldOut = twins::ml::guardTorch(source, [&] {
        const PulsarNetsPredictor predictor(weights.toStdString(), settings.architecture,
                                            settings.threads);
        return predictor.predict(heldInputs.data(), set.validation.size(), false);
    });
    QJsonObject thresholdFacts;
    if (context.flag("tune_thresholds")) {
        std::vector<float> heldOutLabels;
        for (const std::size_t i : set.validation) {
            heldOutLabels.insert(heldOutLabels.end(),
                                 set.labels.begin() + std::ptrdiff_t(i * labelCount),
                                 set.labels.begin() + std::ptrdiff_t((i + 1) * labelCount));
        }
        const std::vector<double> calibrationScores = calibrationPulsarFreeScores(
            context, calibrationPaths, weights, config, settings.threads);
        thresholdFacts = chooseThresholds(context, heldOutLabels, heldOut.probabilities,
                                          calibrationScores, config);
    } else if (!calibrationPaths.isEmpty()) {
        context.log(QStringLiteral("tune_thresholds is off: the calibration inputs are not "
                                   "used"));
    }
    writeNetConfig(QDir(context.outputDirectory()).filePath(QLatin1String(netConfigFile)), config);
    twins::sdk::CsvWriter csv(
        {"frame", "pulsar", "nbrfi", "bbrfi", "p_pulsar", "p_nbrfi", "p_bbrfi"});
    std::array<std::vector<bool>, labelCount> truth, predicted;
    for (std::size_t i = 0; i < set.validation.size(); ++i) {
        csv.add(set.validation[i]);
        for (int l = 0; l < labelCount; ++l) {
            const bool present = set.labels[set.validation[i] * 3 + std::size_t(l)] > 0.5f;
            truth[std::size_t(l)].push_back(present);
            csv.add(present ? 1 : 0);
        }
        for (int l = 0; l < labelCount; ++l) {
            const double p = heldOut.probabilities[i * 3 + std::size_t(l)];
            predicted[std::size_t(l)].push_back(p >= config.thresholds[std::size_t(l)]);
            csv.add(p);
        }
        csv.endRow();
    }
    csv.writeTo(outputPath(context, QStringLiteral("validation_predictions.csv")));
    QJsonObject metrics{
        {"threshold_pulsar", config.thresholds[0]}, {"threshold_nbrfi", config.thresholds[1]},
        {"threshold_bbrfi", config.thresholds[2]},  {"val_label_bce", outcome.bestScore},
        {"best_step", qint64(outcome.bestStep)},    {"training_seconds", outcome.wallSeconds}};
    for (auto fact = thresholdFacts.begin(); fact != thresholdFacts.end(); ++fact) {
        metrics.insert(fact.key(), fact.value());
    }
    bool validated = true;
    QStringList summary;
    for (int l = 0; l < labelCount; ++l) {
        const BinaryCounts counts = countBinary(truth[std::size_t(l)], predicted[std::size_t(l)]);
        const QString key = QLatin1String(labelKeys[l]);
        metrics.insert("val_accuracy_" + key, counts.accuracy());
        metrics.insert("val_f1_" + key, counts.f1());
        validated = validated && counts.accuracy() >= minAccuracy;
        summary << QStringLiteral("%1 accuracy %2 F1 %3")
                       .arg(key)
                       .arg(counts.accuracy(), 0, 'f', 3)
                       .arg(counts.f1(), 0, 'f', 3);
        if (std::isfinite(counts.f1())) { // undefined without a positive frame or prediction
            context.reportMetric(qint64(outcome.steps), "val_f1_" + key, counts.f1());
        }
    }
    twins::sdk::ModelCard card;
    card.weights = QStringList{QLatin1String(netWeightsFile), QLatin1String(netConfigFile)};
    card.metrics = metrics;
    card.validated = validated;
    card.description =
        QStringLiteral("U-Net width %1 depth %2 + classifier width %3 on %4 x %5 frames, %6 "
                       "steps")
            .arg(settings.architecture.unetWidth)
            .arg(settings.architecture.unetDepth)
            .arg(settings.architecture.classifierWidth)
            .arg(grid.phaseBins)
            .arg(grid.channels)
            .arg(outcome.steps);
    QJsonArray calibrationFiles;
    for (const QString& path : calibrationPaths) {
        calibrationFiles.append(QJsonObject{{"file", path}});
    }
    card.trainingData =
        QJsonObject{{"files", perInput},
                    {"calibration_files", calibrationFiles},
                    {"training_frames", qint64(set.training.size())},
                    {"validation_frames", qint64(set.validation.size())},
                    {"pulsar_frames", qint64(positives[0])},
                    {"nbrfi_frames", qint64(positives[1])},
                    {"bbrfi_frames", qint64(positives[2])},
                    {"label_positive_weights",
                     QJsonArray{outcome.labelPositiveWeights[0], outcome.labelPositiveWeights[1],
                                outcome.labelPositiveWeights[2]}}};
    card.trainingDomain = QJsonObject{
        {"frequency_ghz", QJsonArray{roundedGHz(config.bottomGHz), roundedGHz(config.topGHz)}},
        {"channels", config.trainedChannels},
        {"phase_bins", config.trainedPhaseBins}};
    if (!config.referenceBandpass.empty()) {
        card.trainingDomain.insert(QStringLiteral("bandpass"), bandpassDomain());
    }
    card.wallSeconds = outcome.wallSeconds;
    card.cpuSeconds = outcome.cpuSeconds;
    card.threads = outcome.threads;
    card.steps = qint64(outcome.steps);
    twins::sdk::writeModelCard(context.outputDirectory(), card, allInputs);
    context.log(QStringLiteral("kept the model of step %1 (held-out label BCE %2)%3; held out: "
                               "%4; validated: %5 (every label's accuracy >= %6)")
                    .arg(outcome.bestStep)
                    .arg(outcome.bestScore, 0, 'g', 4)
                    .arg(outcome.stoppedByTimeBudget ? QStringLiteral(", stopped by the time "
                                                                      "budget")
                                                     : QString())
                    .arg(summary.join(QStringLiteral("; ")))
                    .arg(validated ? QStringLiteral("yes") : QStringLiteral("no"))
                    .arg(minAccuracy));
}

} // namespace pulsar
