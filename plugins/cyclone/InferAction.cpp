// infer: one or more trained CNNs (an ensemble, optionally with Monte Carlo dropout) over every
// 6-h step of a drivers file -> detections (CSV in the detect action's format plus the
// ensemble's spread, and NetCDF), the raw per-member outputs (for the retrack query), a
// detection-probability map, and tracks.
#include "ActionSupport.h"
#include "CnnPredictor.h"
#include "CycloneTwin.h"
#include "DetectionsNetcdf.h"
#include "DriversDomain.h"
#include "MemberOutputsFile.h"
#include "PatchDataset.h"
#include "PatchDetections.h"
#include "ProbabilityMap.h"
#include "Tracker.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TrainingDomain.h"

#include <QDir>
#include <QFileInfo>

#include <chrono>
#include <cmath>
#include <set>

namespace cyclone {

namespace {

using twins::sdk::SdkError;

struct InferInputs {
    QStringList models; // train runs' outputs/
    std::string drivers;
};

// Directories holding cnn.pt are models; the one other input is a generate run or a NetCDF.
InferInputs classifyInputs(const QStringList& inputs) {
    const QString source = QStringLiteral("cyclone infer");
    const QString expected = QStringLiteral(
        "one or more models (train run ids or model:latest; several make an ensemble) and one "
        "drivers input (a generate run or a NetCDF with fg10, i10fg, msl, t_500, t_300, vo_850 "
        "or their CMIP6 names)");
    if (inputs.size() < 2) {
        throw SdkError(
            source, QStringLiteral("got %1 inputs; expected %2").arg(inputs.size()).arg(expected));
    }
    InferInputs found;
    for (const QString& input : inputs) {
        const QDir directory(input);
        const bool isDirectory = QFileInfo(input).isDir();
        std::string drivers;
        if (isDirectory && directory.exists(QStringLiteral("cnn.pt"))) {
            found.models.append(input);
            continue;
        }
        if (isDirectory && directory.exists(QStringLiteral("drivers.nc"))) {
            drivers = directory.filePath(QStringLiteral("drivers.nc")).toStdString();
        } else if (!isDirectory && QFileInfo::exists(input)) {
            drivers = input.toStdString();
        } else {
            throw SdkError(source, QStringLiteral("input %1 is neither a model (cnn.pt) nor "
                                                  "drivers (drivers.nc or a NetCDF file); "
                                                  "expected %2")
                                       .arg(input, expected));
        }
        if (!found.drivers.empty()) {
            throw SdkError(source, QStringLiteral("inputs %1 and %2 are both drivers; expected %3")
                                       .arg(QString::fromStdString(found.drivers),
                                            QString::fromStdString(drivers), expected));
        }
        found.drivers = drivers;
    }
    if (found.models.isEmpty() || found.drivers.empty()) {
        throw SdkError(source,
                       QStringLiteral("needs at least one model and one drivers input; expected %1")
                           .arg(expected));
    }
    return found;
}

struct EnsembleModel {
    CnnConfig config;
    std::unique_ptr<CnnPredictor> predictor;
};

// truth_tracks.csv beside the drivers (a generate run), for the retrack query's metrics.
std::string truthBeside(const std::string& drivers) {
    const QString truth = QFileInfo(QString::fromStdString(drivers))
                              .dir()
                              .filePath(QStringLiteral("truth_tracks.csv"));
    return QFileInfo::exists(truth) ? truth.toStdString() : std::string();
}

} // namespace

void inferAction(twins::sdk::ActionContext& context) {
    const InferInputs inputs = classifyInputs(context.inputs());
    ConsensusSettings consensus;
    consensus.threshold = context.number("detection_threshold");
    consensus.consensus = context.integer("consensus");
    const int passes = context.integer("mc_passes");
    const int threads = context.integer("threads");
    const auto seed = static_cast<std::uint64_t>(context.integer("seed"));

    std::vector<EnsembleModel> models;
    for (const QString& model : inputs.models) {
        const QDir directory(model);
        EnsembleModel member;
        member.config =
            readCnnConfig(directory.filePath(QStringLiteral("normalisation.json")).toStdString());
        member.predictor = std::make_unique<CnnPredictor>(
            directory.filePath(QStringLiteral("cnn.pt")).toStdString(), member.config.architecture,
            threads, seed + models.size());
        if (!models.empty() &&
            member.config.architecture.patchSize != models.front().config.architecture.patchSize) {
            throw SdkError(QStringLiteral("cyclone infer"),
                           QStringLiteral("model %1 has %2x%2 patches, the first model %3x%3; an "
                                          "ensemble needs one patch size")
                               .arg(model)
                               .arg(member.config.architecture.patchSize)
                               .arg(models.front().config.architecture.patchSize));
        }
        models.push_back(std::move(member));
    }
    const std::size_t passesPerModel = passes > 0 ? static_cast<std::size_t>(passes) : 1;
    const std::size_t members = models.size() * passesPerModel;
    if (consensus.consensus > static_cast<int>(members)) {
        throw SdkError(QStringLiteral("cyclone infer"),
                       QStringLiteral("parameter 'consensus' is %1 but the ensemble has only %2 "
                                      "member(s) (%3 model(s) x %4 pass(es))")
                           .arg(consensus.consensus)
                           .arg(members)
                           .arg(models.size())
                           .arg(passesPerModel));
    }
    const CnnConfig& first = models.front().config;
    const DriverChannels file(inputs.drivers);
    const PatchGrid grid(file.axes().latitudes(), file.axes().longitudes(),
                         static_cast<std::size_t>(first.architecture.patchSize));
    for (const std::string& missing : file.missingChannels()) {
        context.log(
            QStringLiteral("warning: %1 has no %2; the CNN sees its training mean there")
                .arg(QString::fromStdString(inputs.drivers), QString::fromStdString(missing)));
    }
    if (std::abs(grid.spacingDegrees() - first.trainedResolutionDegrees) >
        1e-3 * first.trainedResolutionDegrees) {
        context.log(QStringLiteral("warning: the model was trained at %1 deg, the drivers are at "
                                   "%2 deg; a patch covers a different area than in training")
                        .arg(first.trainedResolutionDegrees)
                        .arg(grid.spacingDegrees()));
    }
    // The first model's training domain against these drivers (every member of an ensemble
    // shares the patch size; their domains are those of one training set in practice).
    DriversConditions requested;
    addDriversConditions(requested, inputs.drivers, file.axes().times());
    twins::sdk::recordTrainingDomain(
        context, inputs.models.front(),
        driversDomainJson(grid.spacingDegrees(), first.architecture.patchSize, requested));
    const QString membersText =
        QStringLiteral("%1 model(s) x %2")
            .arg(models.size())
            .arg(passes > 0 ? QStringLiteral("%1 Monte Carlo dropout passes").arg(passes)
                            : QStringLiteral("1 deterministic pass"));
    context.log(QStringLiteral("CNN ensemble of %1 member(s) (%2) on %3 steps of %4: %5 patches "
                               "of %6x%6 per step, threshold %7, consensus %8")
                    .arg(members)
                    .arg(membersText)
                    .arg(file.axes().steps())
                    .arg(QString::fromStdString(inputs.drivers))
                    .arg(grid.tiles().size())
                    .arg(first.architecture.patchSize)
                    .arg(consensus.threshold)
                    .arg(consensus.consensus));

    const std::size_t steps = file.axes().steps();
    const std::size_t tiles = grid.tiles().size();
    MemberOutputsInfo info{inputs.drivers, truthBeside(inputs.drivers), runId(context),
                           membersText.toStdString()};
    MemberOutputsWriter memberFile(outputPath(context, QStringLiteral("member_outputs.nc")), grid,
                                   file.axes().times(), file.axes().calendar(), members, info);
    ProbabilityMapWriter probability(outputPath(context, QStringLiteral("probability.nc")), grid,
                                     file.axes().times(), file.axes().calendar(), runId(context));

    const std::size_t patchValues = cnnChannelCount *
                                    static_cast<std::size_t>(first.architecture.patchSize) *
                                    static_cast<std::size_t>(first.architecture.patchSize);
    std::vector<float> raw(tiles * patchValues);
    std::vector<float> patches(raw.size());
    std::vector<Detection> detections;
    StepPredictions predictions;
    predictions.members = members;
    double cnnSeconds = 0.0;
    // The fastest step too: on a shared machine the mean mixes in other processes' load, the
    // fastest step is the closest to the code's own speed (benches compare it with peers).
    double fastestStep = INFINITY;
    for (std::size_t step = 0; step < steps; ++step) {
        context.throwIfCancelled();
        const std::vector<float> values = file.read(step);
        for (std::size_t t = 0; t < tiles; ++t) {
            grid.extract(values.data(), cnnChannelCount, grid.tiles()[t],
                         raw.data() + t * patchValues);
        }
        predictions.outputs.clear();
        const auto started = std::chrono::steady_clock::now();
        for (EnsembleModel& model : models) {
            patches = raw;
            normalisePatches(patches.data(), tiles, model.config.architecture.patchSize,
                             model.config.normalisation);
            const std::vector<MemberOutput> outputs =
                passes > 0 ? model.predictor->predictWithDropout(patches.data(), tiles, passes)
                           : model.predictor->predict(patches.data(), tiles);
            predictions.outputs.insert(predictions.outputs.end(), outputs.begin(), outputs.end());
        }
        // The first step also pays oneDNN's one-off kernel selection; the throughput metric
        // describes the steady state (as peers measure after a warm-up call), so it skips it.
        if (step > 0 || steps == 1) {
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            cnnSeconds += seconds;
            fastestStep = std::min(fastestStep, seconds);
        }
        // The drivers around each member's centre, for members that see one at all
        // (confidence > 0); the "none" code can never vote, its attributes stay NaN.
        predictions.attributes.assign(members * tiles, CentreAttributes{});
        for (std::size_t i = 0; i < members * tiles; ++i) {
            double row = 0.0;
            double column = 0.0;
            const MemberOutput& output = predictions.outputs[i];
            if (centreConfidence(output) > 0.0 &&
                ownedPosition(grid, grid.tiles()[i % tiles], output[0], output[1], row, column)) {
                predictions.attributes[i] = centreAttributes(grid, values, row, column);
            }
        }
        memberFile.writeStep(step, predictions);
        probability.addStep(step, predictions, consensus.threshold);
        const auto found =
            consensusDetections(grid, predictions, file.axes().times()[step], consensus);
        detections.insert(detections.end(), found.begin(), found.end());
        context.reportMetric(static_cast<qint64>(step), QStringLiteral("detections"),
                             static_cast<double>(found.size()));
        context.reportProgress(
            double(step + 1) / double(steps),
            QStringLiteral("step %1 of %2: %3 centres").arg(step + 1).arg(steps).arg(found.size()));
    }
    memberFile.commit();
    probability.commit();
    writeDetectionsCsv(outputPath(context, QStringLiteral("detections.csv")), detections, false);
    writeDetectionsNetcdf(outputPath(context, QStringLiteral("detections.nc")), detections,
                          {file.axes().calendar(), inputs.drivers, runId(context),
                           "Tropical-cyclone centres (CNN ensemble)", "twinbench cyclone infer",
                           "share of the ensemble placing the centre here (sum of the agreeing "
                           "members' confidences / members)"});

    TrackerSettings tracker;
    tracker.maxDistanceKm = context.number("max_distance");
    tracker.minLength = context.integer("min_track_length");
    tracker.minWindMs = context.number("min_wind");
    tracker.calendar = file.axes().calendar();
    const std::vector<Detection> tracks = linkTracks(detections, tracker);
    writeDetectionsCsv(outputPath(context, QStringLiteral("tracks.csv")), tracks, true);
    std::set<long> ids;
    for (const Detection& point : tracks) {
        ids.insert(point.trackId);
    }
    context.reportMetric(0, QStringLiteral("tracks"), static_cast<double>(ids.size()));

    const double timedSteps = steps > 1 ? double(steps - 1) : double(steps);
    const double stepsPerSecond = cnnSeconds > 0 ? timedSteps / cnnSeconds : NAN;
    if (std::isfinite(stepsPerSecond)) {
        context.reportMetric(0, QStringLiteral("cnn_steps_per_second"), stepsPerSecond);
        context.reportMetric(0, QStringLiteral("cnn_fastest_steps_per_second"), 1.0 / fastestStep);
    }
    context.log(QStringLiteral("%1 detections in %2 steps, %3 tracks (CNN alone: %4 steps/s)")
                    .arg(detections.size())
                    .arg(steps)
                    .arg(ids.size())
                    .arg(stepsPerSecond, 0, 'f', 2));
}

} // namespace cyclone
