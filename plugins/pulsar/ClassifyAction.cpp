// classify: a trained model on frames from any NetCDF/HDF5 file (FrameStackFile.h) ->
// outputs/classification.csv (frame, p_pulsar, p_nbrfi, p_bbrfi, pulsar, nbrfi, bbrfi; frames
// numbered across the files in input order) and outputs/masks.nc (MaskFile.h).
#include "ActionSupport.h"
#include "BandpassSelection.h"
#include "FrameStackFile.h"
#include "MaskFile.h"
#include "NetConfig.h"
#include "ParallelFor.h"
#include "PulsarNets.h"
#include "PulsarTwin.h"
#include "twinbench/ml/TorchErrors.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TrainingDomain.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdint>

namespace pulsar {

namespace {

using twins::sdk::SdkError;

const QString source = QStringLiteral("pulsar classify");

QString framesPath(const QString& input) {
    if (QFileInfo(input).isDir()) {
        const QString frames = QDir(input).filePath(QStringLiteral("frames.nc"));
        if (QFileInfo::exists(frames)) {
            return frames;
        }
        throw SdkError(source, QStringLiteral("input %1 is a directory without frames.nc "
                                              "(expected NetCDF/HDF5 files or simulate runs)")
                                   .arg(input));
    }
    if (!QFileInfo::exists(input)) {
        throw SdkError(source, QStringLiteral("input %1 does not exist").arg(input));
    }
    return input;
}

// The band (GHz, rounded to 1 kHz as the model card states it), channel and bin counts of the
// files, each as the range over the files.
QJsonObject requestedDomain(const std::vector<std::unique_ptr<FrameStackFile>>& files) {
    double bottom = HUGE_VAL, top = -HUGE_VAL;
    std::size_t channelsLow = SIZE_MAX, channelsHigh = 0, binsLow = SIZE_MAX, binsHigh = 0;
    for (const auto& file : files) {
        top = std::max(top, file->frequenciesGHz().front());
        bottom = std::min(bottom, file->frequenciesGHz().back());
        channelsLow = std::min(channelsLow, file->channels());
        channelsHigh = std::max(channelsHigh, file->channels());
        binsLow = std::min(binsLow, file->bins());
        binsHigh = std::max(binsHigh, file->bins());
    }
    return QJsonObject{{"frequency_ghz", QJsonArray{roundedGHz(bottom), roundedGHz(top)}},
                       {"channels", QJsonArray{qint64(channelsLow), qint64(channelsHigh)}},
                       {"phase_bins", QJsonArray{qint64(binsLow), qint64(binsHigh)}}};
}

} // namespace

void classifyAction(twins::sdk::ActionContext& context) {
    const QStringList inputs = context.inputs();
    if (inputs.size() < 2) {
        throw SdkError(source, QStringLiteral("got %1 input(s); expected a pulsar train run (id, "
                                              "directory or model:latest) followed by one or "
                                              "more NetCDF/HDF5 files of frames")
                                   .arg(inputs.size()));
    }
    const QDir model(netModelDirectory(inputs.first(), source));
    const NetConfig config = readNetConfig(model.filePath(QLatin1String(netConfigFile)), source);
    const NetworkGrid grid = config.architecture.grid;
    const int threads = computeThreads(context);
    const std::string variable = context.parameters().value("variable").toString().toStdString();

    std::vector<std::unique_ptr<FrameStackFile>> files;
    std::size_t total = 0;
    for (int n = 1; n < inputs.size(); ++n) {
        const QString path = framesPath(inputs[n]);
        try {
            files.push_back(std::make_unique<FrameStackFile>(path.toStdString(), variable));
        } catch (const std::exception& error) {
            throw SdkError(source, QString::fromUtf8(error.what()));
        }
        const FrameStackFile& f = *files.back();
        total += f.frames();
        const double top = f.frequenciesGHz().front();
        const double bottom = f.frequenciesGHz().back();
        context.log(QStringLiteral("%1: '%2', %3 frame(s) of %4 channels (%5..%6 GHz) x %7 %8 "
                                   "bins, resampled to %9 x %10")
                        .arg(path, QString::fromStdString(f.variable()))
                        .arg(f.frames())
                        .arg(f.channels())
                        .arg(bottom)
                        .arg(top)
                        .arg(f.bins())
                        .arg(QString::fromStdString(f.axisDimension()))
                        .arg(grid.phaseBins)
                        .arg(grid.channels));
    }
    // What the files ask of the model against its card's training domain (the band, the
    // channel and bin counts it was trained on): flagged in outputs/domain.json and the log,
    // not refused (resampling makes any layout classifiable; whether to trust it is the
    // scientist's call).
    // Per file, the bandpass its NBRFI band profile is measured against (BandpassSelection.h):
    // a file of another receiver gets its own, and the domain check states which was used.
    std::vector<DelayGraphPlan> plans;
    QJsonArray bandpasses;
    for (const auto& file : files) {
        withSettingsChecked(source, [&] {
            PlannedFrames planned = planFrames(
                config, [&](std::size_t i) { return file->frame(i); }, file->frames(),
                file->frequenciesGHz(), file->bins(), threads);
            plans.push_back(std::move(planned.plan));
            const BandpassSelection& selection = planned.bandpass;
            context.log(QStringLiteral("%1: %2").arg(QString::fromStdString(file->path()),
                                                     selection.statement));
            if (!selection.domainCategory().isEmpty() &&
                !bandpasses.contains(selection.domainCategory())) {
                bandpasses.append(selection.domainCategory());
            }
        });
    }
    QJsonObject requested = requestedDomain(files);
    if (!bandpasses.isEmpty()) {
        requested.insert(QStringLiteral("bandpass"), bandpasses);
    }
    twins::sdk::recordTrainingDomain(context, model.absolutePath(), requested);
    const bool writeMasks = context.flag("write_masks");
    std::unique_ptr<MaskFileWriter> masks;
    if (writeMasks) {
        const FrameStackFile& first = *files.front();
        masks = std::make_unique<MaskFileWriter>(
            outputPath(context, QStringLiteral("masks.nc")), grid, total,
            resampledCentres(first.frequenciesGHz().front(), first.frequenciesGHz().back(),
                             first.channels(), std::size_t(grid.channels)),
            resampledCentres(first.axis().front(), first.axis().back(), first.bins(),
                             std::size_t(grid.phaseBins)),
            first.axisDimension(), first.axisUnits(), runId(context),
            "Frames classified by a pulsar model, with its predicted masks");
    }
    std::unique_ptr<PulsarNetsPredictor> predictor;
    twins::ml::guardTorch(source, [&] {
        try {
            predictor = std::make_unique<PulsarNetsPredictor>(
                model.filePath(QLatin1String(netWeightsFile)).toStdString(), config.architecture,
                threads);
        } catch (const std::runtime_error& error) {
            throw SdkError(source, QString::fromUtf8(error.what()));
        }
    });

    twins::sdk::CsvWriter csv(
        {"frame", "p_pulsar", "p_nbrfi", "p_bbrfi", "pulsar", "nbrfi", "bbrfi"});
    std::size_t index = 0;
    std::array<std::size_t, labelCount> present{};
    // The networks' own time (tests/bench/PulsarBench compares it with python3-torch running
    // the same networks), apart from reading and the input's normalisation and side inputs.
    double networkSeconds = 0.0;
    constexpr std::size_t block = 64;
    for (std::size_t f = 0; f < files.size(); ++f) {
        const FrameStackFile* file = files[f].get();
        const DelayGraphPlan& plan = plans[f];
        for (std::size_t start = 0; start < file->frames(); start += block) {
            context.throwIfCancelled();
            const std::size_t n = std::min(block, file->frames() - start);
            std::vector<std::vector<double>> raw(n);
            for (std::size_t i = 0; i < n; ++i) {
                raw[i] = file->frame(start + i);
            }
            const std::size_t inputSize = networkInputLength(grid);
            std::vector<float> batch(n * inputSize);
            parallelFor(n, threads, [&](std::size_t i) {
                const std::vector<float> x = networkFeatures(
                    raw[i].data(), file->channels(), file->bins(), plan, config.normalisation);
                std::copy(x.begin(), x.end(), batch.begin() + std::ptrdiff_t(i * inputSize));
            });
            const auto began = std::chrono::steady_clock::now();
            const PulsarNetsPredictor::Output out = twins::ml::guardTorch(
                source, [&] { return predictor->predict(batch.data(), n, writeMasks); });
            networkSeconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
            for (std::size_t i = 0; i < n; ++i) {
                const float* p = &out.probabilities[i * labelCount];
                csv.add(index + i).add(double(p[0])).add(double(p[1])).add(double(p[2]));
                for (int l = 0; l < labelCount; ++l) {
                    const bool yes = p[l] >= config.thresholds[std::size_t(l)];
                    present[std::size_t(l)] += yes ? 1 : 0;
                    csv.add(yes ? 1 : 0);
                }
                csv.endRow();
                if (masks) {
                    masks->write(index + i, &batch[i * inputSize], &out.masks[i * grid.pixels()],
                                 p);
                }
            }
            index += n;
            context.reportProgress(double(index) / double(total),
                                   QStringLiteral("%1 of %2 frames").arg(index).arg(total));
        }
    }
    csv.writeTo(outputPath(context, QStringLiteral("classification.csv")));
    if (masks) {
        masks->commit();
    }
    context.reportMetric(0, QStringLiteral("frames"), double(total));
    if (networkSeconds > 0.0) {
        context.reportMetric(0, QStringLiteral("network_frames_per_second"),
                             double(total) / networkSeconds);
    }
    context.reportMetric(0, QStringLiteral("pulsar_frames"), double(present[0]));
    context.reportMetric(0, QStringLiteral("nbrfi_frames"), double(present[1]));
    context.reportMetric(0, QStringLiteral("bbrfi_frames"), double(present[2]));
    context.log(QStringLiteral("%1 frame(s): pulsar in %2, NBRFI in %3, BBRFI in %4")
                    .arg(total)
                    .arg(present[0])
                    .arg(present[1])
                    .arg(present[2]));
}

} // namespace pulsar
