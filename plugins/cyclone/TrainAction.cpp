// train: the VGG-like CNN detector on the patches of one or more generate runs.
#include "ActionSupport.h"
#include "CnnTrainer.h"
#include "CycloneTwin.h"
#include "DriversDomain.h"
#include "PatchDetections.h"
#include "Validation.h"
#include "twinbench/sdk/ModelCard.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

#include <cmath>
#include <map>

namespace cyclone {

namespace {

using twins::sdk::SdkError;

std::vector<LabelledSource> trainingSources(const QStringList& inputs) {
    const QString source = QStringLiteral("cyclone train");
    if (inputs.isEmpty()) {
        throw SdkError(source, QStringLiteral("needs at least one input: a generate run (its "
                                              "drivers.nc and truth_tracks.csv)"));
    }
    std::vector<LabelledSource> sources;
    for (const QString& input : inputs) {
        const QDir directory(input);
        if (!QFileInfo(input).isDir() || !directory.exists(QStringLiteral("drivers.nc")) ||
            !directory.exists(QStringLiteral("truth_tracks.csv"))) {
            throw SdkError(source, QStringLiteral("input %1 is not a generate run (expected a "
                                                  "directory with drivers.nc and "
                                                  "truth_tracks.csv)")
                                       .arg(input));
        }
        sources.push_back({directory.filePath(QStringLiteral("drivers.nc")).toStdString(),
                           directory.filePath(QStringLiteral("truth_tracks.csv")).toStdString()});
    }
    return sources;
}

struct ValidationScores {
    std::size_t hits = 0;
    std::size_t misses = 0;
    std::size_t falseAlarms = 0;
    double errorSumKm = 0.0;
    std::vector<Detection> detections;

    double pod() const { return hits + misses ? double(hits) / double(hits + misses) : NAN; }
    double far() const {
        return hits + falseAlarms ? double(falseAlarms) / double(hits + falseAlarms) : NAN;
    }
    double meanErrorKm() const { return hits ? errorSumKm / double(hits) : NAN; }
};

// The final model's validation-split detections scored with the validate action's own code,
// per source (two generate runs may share time stamps) and summed.
ValidationScores scoreValidation(const PatchDataset& dataset, const TrainOutcome& outcome,
                                 double threshold, const ValidationSettings& settings) {
    std::map<std::size_t, std::size_t> predictionOf; // patch index -> validation prediction
    for (std::size_t i = 0; i < dataset.validationPatches.size(); ++i) {
        predictionOf[dataset.validationPatches[i]] = i;
    }
    ValidationScores scores;
    for (std::size_t source = 0; source < dataset.grids.size(); ++source) {
        const PatchGrid& grid = *dataset.grids[source];
        std::vector<Detection> detections;
        std::map<std::string, bool> validationTimes;
        for (const PatchDataset::Step& step : dataset.steps) {
            if (step.source != source || !step.validation) {
                continue;
            }
            validationTimes[isoTime(step.time)] = true;
            // Validation steps keep every tile (PatchSampling), so this is whole-domain
            // inference on the step.
            StepPredictions predictions;
            predictions.members = 1;
            predictions.outputs.assign(grid.tiles().size(), {noCentreLabel, noCentreLabel});
            for (std::size_t k = 0; k < step.patches.size(); ++k) {
                predictions.outputs[step.tiles[k]] =
                    outcome.validationPredictions[predictionOf.at(step.patches[k])];
            }
            const auto found = consensusDetections(grid, predictions, step.time, {threshold, 1});
            detections.insert(detections.end(), found.begin(), found.end());
        }
        std::vector<BestTrackPoint> truth;
        for (const BestTrackPoint& point : dataset.truthBySource[source]) {
            if (validationTimes.count(isoTime(point.time))) {
                truth.push_back(point);
            }
        }
        const ValidationResult result = validateDetections(detections, truth, settings);
        scores.hits += result.hits;
        scores.misses += result.misses;
        scores.falseAlarms += result.falseAlarms;
        for (const MatchedPair& pair : result.pairs) {
            if (pair.strong) {
                scores.errorSumKm += pair.distanceKm;
            }
        }
        scores.detections.insert(scores.detections.end(), detections.begin(), detections.end());
    }
    return scores;
}

void putFinite(QJsonObject& object, const QString& key, double value) {
    if (std::isfinite(value)) {
        object.insert(key, value);
    }
}

} // namespace

void trainAction(twins::sdk::ActionContext& context) {
    const std::vector<LabelledSource> sources = trainingSources(context.inputs());
    TrainSettings settings;
    settings.architecture.patchSize = context.integer("patch_size");
    settings.architecture.blocks = context.integer("blocks");
    settings.architecture.width = context.number("width");
    settings.epochs = context.integer("epochs");
    settings.batchSize = context.integer("batch_size");
    settings.learningRate = context.number("learning_rate");
    settings.seed = static_cast<std::uint64_t>(context.integer("seed"));
    settings.threads = context.integer("threads");
    settings.architecture.dropout = context.number("dropout");
    settings.timeBudgetSeconds = 60.0 * context.number("time_budget_minutes");
    PatchSampling sampling;
    sampling.validationFraction = context.number("validation_fraction");
    sampling.validationSources = static_cast<std::size_t>(context.integer("validation_inputs"));
    sampling.maxValidationSteps = static_cast<std::size_t>(context.integer("validation_steps"));
    sampling.backgroundRatio = context.number("background_ratio");
    sampling.seed = settings.seed;
    const double threshold = context.number("detection_threshold");
    ValidationSettings scoring;
    scoring.matchDistanceKm = context.number("match_distance");
    scoring.truthMinWindMs = context.number("truth_min_wind");
    const double minPod = context.number("min_pod");
    const double maxFar = context.number("max_far");

    // Reading the patches is ~10% of a short training; give it that share of the bar.
    const double readShare = 0.1;
    PatchDataset dataset = buildPatchDataset(
        sources, settings.architecture.patchSize, sampling,
        [&](std::size_t done, std::size_t total) {
            context.throwIfCancelled();
            context.reportProgress(readShare * double(done) / double(total),
                                   QStringLiteral("reading step %1 of %2").arg(done).arg(total));
        });
    std::size_t centres = 0;
    for (std::size_t i = 0; i < dataset.patchCount(); ++i) {
        centres += dataset.labels[2 * i] >= 0 ? 1 : 0;
    }
    context.log(QStringLiteral("%1 patches of %2x%2 at %3 deg from %4 input(s): %5 training, %6 "
                               "validation, %7 with a cyclone centre")
                    .arg(dataset.patchCount())
                    .arg(dataset.patchSize)
                    .arg(dataset.resolutionDegrees())
                    .arg(sources.size())
                    .arg(dataset.trainPatches.size())
                    .arg(dataset.validationPatches.size())
                    .arg(centres));

    CnnConfig config;
    config.architecture = settings.architecture;
    config.normalisation = dataset.trainingStatistics();
    config.trainedResolutionDegrees = dataset.resolutionDegrees();
    normalisePatches(dataset.inputs.data(), dataset.patchCount(), dataset.patchSize,
                     config.normalisation);
    writeCnnConfig(outputPath(context, QStringLiteral("normalisation.json")), config);
    const std::size_t copies = oversampleCentres(dataset, context.number("centre_share"));
    if (copies > 0) {
        context.log(QStringLiteral("patches with a centre repeated %1 more time(s) per epoch "
                                   "(centre_share %2)")
                        .arg(copies)
                        .arg(context.number("centre_share")));
    }

    TrainCallbacks callbacks;
    double reported = -1.0;
    callbacks.batchDone = [&](std::size_t batch, std::size_t batches) {
        context.throwIfCancelled();
        const double fraction = readShare + (1.0 - readShare) * double(batch) / double(batches);
        if (fraction - reported >= 0.01 || batch == batches) {
            reported = fraction;
            context.reportProgress(fraction,
                                   QStringLiteral("batch %1 of %2").arg(batch).arg(batches));
        }
    };
    callbacks.epochDone = [&](const EpochReport& epoch) {
        context.reportMetric(epoch.epoch, QStringLiteral("loss"), epoch.loss);
        if (std::isfinite(epoch.valLoss)) {
            context.reportMetric(epoch.epoch, QStringLiteral("val_loss"), epoch.valLoss);
        }
        context.reportMetric(epoch.epoch, QStringLiteral("learning_rate"), epoch.learningRate);
        context.reportMetric(epoch.epoch, QStringLiteral("epoch_seconds"), epoch.seconds);
        context.log(QStringLiteral("epoch %1/%2: loss %3 val_loss %4 (%5 s, %6 patches, lr %7)")
                        .arg(epoch.epoch)
                        .arg(settings.epochs)
                        .arg(epoch.loss, 0, 'f', 5)
                        .arg(epoch.valLoss, 0, 'f', 5)
                        .arg(epoch.seconds, 0, 'f', 2)
                        .arg(epoch.patches)
                        .arg(epoch.learningRate, 0, 'g', 3));
    };
    const TrainOutcome outcome = trainCycloneNet(
        dataset, settings, outputPath(context, QStringLiteral("cnn.pt")), callbacks);

    const ValidationScores scores = scoreValidation(dataset, outcome, threshold, scoring);
    writeDetectionsCsv(outputPath(context, QStringLiteral("validation_detections.csv")),
                       scores.detections, false);
    QJsonObject metrics;
    putFinite(metrics, QStringLiteral("loss"), outcome.epochs.back().loss);
    putFinite(metrics, QStringLiteral("val_loss"), outcome.epochs.back().valLoss);
    putFinite(metrics, QStringLiteral("pod"), scores.pod());
    putFinite(metrics, QStringLiteral("far"), scores.far());
    putFinite(metrics, QStringLiteral("mean_error_km"), scores.meanErrorKm());
    metrics.insert(QStringLiteral("validation_hits"), double(scores.hits));
    metrics.insert(QStringLiteral("validation_misses"), double(scores.misses));
    metrics.insert(QStringLiteral("validation_false_alarms"), double(scores.falseAlarms));
    const bool validated =
        scores.hits + scores.misses > 0 && scores.pod() >= minPod && !(scores.far() > maxFar);
    const QString description =
        QStringLiteral("VGG %1 blocks x width %2 on %3x%3 patches at %4 deg, %5 epochs")
            .arg(settings.architecture.blocks)
            .arg(settings.architecture.width)
            .arg(settings.architecture.patchSize)
            .arg(dataset.resolutionDegrees())
            .arg(outcome.epochs.size());
    metrics.insert(QStringLiteral("epochs"), static_cast<double>(outcome.epochs.size()));
    double trainingSeconds = 0.0;
    for (const EpochReport& epoch : outcome.epochs) {
        trainingSeconds += epoch.seconds;
    }
    metrics.insert(QStringLiteral("training_seconds"), trainingSeconds);
    twins::sdk::ModelCard card;
    card.weights = QStringList{QStringLiteral("cnn.pt"), QStringLiteral("normalisation.json")};
    card.metrics = metrics;
    card.validated = validated;
    card.description = description;
    card.trainingData = QJsonObject{
        {QStringLiteral("training_patches"), double(dataset.trainPatches.size())},
        {QStringLiteral("validation_patches"), double(dataset.validationPatches.size())},
        {QStringLiteral("patches_with_centre"), double(centres)}};
    // The CNN sees patches at the resolution it was trained on (infer refuses another), the
    // months of its training steps, and the worlds and warming of its inputs.
    std::vector<std::vector<CfDateTime>> trainingTimes(sources.size());
    for (const PatchDataset::Step& step : dataset.steps) {
        if (!step.validation) {
            trainingTimes[step.source].push_back(step.time);
        }
    }
    DriversConditions trained;
    for (std::size_t source = 0; source < sources.size(); ++source) {
        addDriversConditions(trained, sources[source].drivers, trainingTimes[source]);
    }
    card.trainingDomain =
        driversDomainJson(dataset.resolutionDegrees(), settings.architecture.patchSize, trained);
    card.wallSeconds = outcome.wallSeconds;
    card.cpuSeconds = outcome.cpuSeconds;
    card.threads = outcome.threads;
    card.steps = static_cast<qint64>(outcome.steps);
    twins::sdk::writeModelCard(context.outputDirectory(), card, context.inputs());
    for (const QString& key :
         {QStringLiteral("pod"), QStringLiteral("far"), QStringLiteral("mean_error_km")}) {
        if (metrics.contains(key)) {
            context.reportMetric(settings.epochs, key, metrics.value(key).toDouble());
        }
    }
    context.log(QStringLiteral("validation split: POD %1 FAR %2 mean error %3 km (%4 hits, %5 "
                               "misses, %6 false alarms); validated: %7 (needs POD >= %8, FAR <= "
                               "%9)")
                    .arg(scores.pod(), 0, 'f', 3)
                    .arg(scores.far(), 0, 'f', 3)
                    .arg(scores.meanErrorKm(), 0, 'f', 1)
                    .arg(scores.hits)
                    .arg(scores.misses)
                    .arg(scores.falseAlarms)
                    .arg(validated ? QStringLiteral("yes") : QStringLiteral("no"))
                    .arg(minPod)
                    .arg(maxFar));
}

} // namespace cyclone
