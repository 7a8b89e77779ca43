// infer: a trained CNN over every 6-h step of a drivers file -> detections.csv as `detect`
// writes it, so `track` and `validate` chain unchanged.
#include "ActionSupport.h"
#include "CnnPredictor.h"
#include "CycloneTwin.h"
#include "PatchDataset.h"
#include "PatchDetections.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>

#include <chrono>
#include <cmath>

namespace cyclone {

namespace {

using twins::sdk::SdkError;

struct InferInputs {
    QString model; // a train run's outputs/
    std::string drivers;
};

// A directory holding cnn.pt is the model; the other input is a generate run or a NetCDF file.
InferInputs classifyInputs(const QStringList& inputs) {
    const QString source = QStringLiteral("cyclone infer");
    const QString expected = QStringLiteral(
        "two inputs: a model (a train run id or model:latest) and the drivers (a generate run "
        "or a NetCDF with fg10, i10fg, msl, t_500, t_300, vo_850 or their CMIP6 names)");
    if (inputs.size() != 2) {
        throw SdkError(
            source, QStringLiteral("got %1 inputs; expected %2").arg(inputs.size()).arg(expected));
    }
    InferInputs found;
    for (const QString& input : inputs) {
        const QDir directory(input);
        const bool isDirectory = QFileInfo(input).isDir();
        if (isDirectory && directory.exists(QStringLiteral("cnn.pt"))) {
            found.model = input;
        } else if (isDirectory && directory.exists(QStringLiteral("drivers.nc"))) {
            found.drivers = directory.filePath(QStringLiteral("drivers.nc")).toStdString();
        } else if (!isDirectory && QFileInfo::exists(input)) {
            found.drivers = input.toStdString();
        } else {
            throw SdkError(source, QStringLiteral("input %1 is neither a model (cnn.pt) nor "
                                                  "drivers (drivers.nc or a NetCDF file); "
                                                  "expected %2")
                                       .arg(input, expected));
        }
    }
    if (found.model.isEmpty() || found.drivers.empty()) {
        throw SdkError(
            source,
            QStringLiteral("needs one model and one drivers input; expected %1").arg(expected));
    }
    return found;
}

} // namespace

void inferAction(twins::sdk::ActionContext& context) {
    const InferInputs inputs = classifyInputs(context.inputs());
    const double threshold = numberParameter(context, "detection_threshold");
    const QDir modelDirectory(inputs.model);
    const CnnConfig config =
        readCnnConfig(modelDirectory.filePath(QStringLiteral("normalisation.json")).toStdString());
    const CnnPredictor predictor(modelDirectory.filePath(QStringLiteral("cnn.pt")).toStdString(),
                                 config.architecture, integerParameter(context, "threads"));
    const DriverChannels file(inputs.drivers);
    const PatchGrid grid(file.axes().latitudes(), file.axes().longitudes(),
                         static_cast<std::size_t>(config.architecture.patchSize));
    for (const std::string& missing : file.missingChannels()) {
        context.log(
            QStringLiteral("warning: %1 has no %2; the CNN sees its training mean there")
                .arg(QString::fromStdString(inputs.drivers), QString::fromStdString(missing)));
    }
    if (std::abs(grid.spacingDegrees() - config.trainedResolutionDegrees) >
        1e-3 * config.trainedResolutionDegrees) {
        context.log(QStringLiteral("warning: the model was trained at %1 deg, the drivers are at "
                                   "%2 deg; a patch covers a different area than in training")
                        .arg(config.trainedResolutionDegrees)
                        .arg(grid.spacingDegrees()));
    }
    context.log(QStringLiteral("CNN (%1 blocks, width %2) on %3 steps of %4: %5 patches of "
                               "%6x%6 per step, threshold %7")
                    .arg(config.architecture.blocks)
                    .arg(config.architecture.width)
                    .arg(file.axes().steps())
                    .arg(QString::fromStdString(inputs.drivers))
                    .arg(grid.tiles().size())
                    .arg(config.architecture.patchSize)
                    .arg(threshold));

    const std::size_t patchValues = cnnChannelCount *
                                    static_cast<std::size_t>(config.architecture.patchSize) *
                                    static_cast<std::size_t>(config.architecture.patchSize);
    std::vector<float> patches(grid.tiles().size() * patchValues);
    std::vector<Detection> detections;
    double cnnSeconds = 0.0;
    const std::size_t steps = file.axes().steps();
    for (std::size_t step = 0; step < steps; ++step) {
        context.throwIfCancelled();
        const std::vector<float> values = file.read(step);
        for (std::size_t t = 0; t < grid.tiles().size(); ++t) {
            grid.extract(values.data(), cnnChannelCount, grid.tiles()[t],
                         patches.data() + t * patchValues);
        }
        normalisePatches(patches.data(), grid.tiles().size(), config.architecture.patchSize,
                         config.normalisation);
        const auto started = std::chrono::steady_clock::now();
        const auto outputs = predictor.predict(patches.data(), grid.tiles().size());
        // The first step also pays oneDNN's one-off kernel selection; the throughput metric
        // describes the steady state (as peers measure after a warm-up call), so it skips it.
        if (step > 0 || steps == 1) {
            cnnSeconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        }
        const auto found =
            patchDetections(grid, outputs, file.axes().times()[step], threshold, &values);
        detections.insert(detections.end(), found.begin(), found.end());
        context.reportMetric(static_cast<qint64>(step), QStringLiteral("detections"),
                             static_cast<double>(found.size()));
        context.reportProgress(
            double(step + 1) / double(steps),
            QStringLiteral("step %1 of %2: %3 centres").arg(step + 1).arg(steps).arg(found.size()));
    }
    writeDetectionsCsv(outputPath(context, QStringLiteral("detections.csv")), detections, false);
    const double timedSteps = steps > 1 ? double(steps - 1) : double(steps);
    const double stepsPerSecond = cnnSeconds > 0 ? timedSteps / cnnSeconds : NAN;
    if (std::isfinite(stepsPerSecond)) {
        context.reportMetric(0, QStringLiteral("cnn_steps_per_second"), stepsPerSecond);
    }
    context.log(QStringLiteral("%1 detections in %2 steps (CNN alone: %3 steps/s)")
                    .arg(detections.size())
                    .arg(steps)
                    .arg(stepsPerSecond, 0, 'f', 2));
}

} // namespace cyclone
