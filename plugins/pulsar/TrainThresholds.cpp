#include "TrainThresholds.h"

#include "ActionSupport.h"
#include "BandpassSelection.h"
#include "DecisionThresholds.h"
#include "FrameFile.h"
#include "NetworkFrames.h"
#include "twinbench/ml/TorchErrors.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <optional>

namespace pulsar {

namespace {

using twins::sdk::SdkError;

const QString source = QStringLiteral("pulsar train");

} // namespace

std::vector<double> calibrationPulsarFreeScores(twins::sdk::ActionContext& context,
                                                const QStringList& paths,
                                                const QString& weightsPath, const NetConfig& config,
                                                int threads) {
    std::vector<double> scores;
    if (paths.isEmpty()) {
        return scores;
    }
    std::unique_ptr<PulsarNetsPredictor> predictor;
    twins::ml::guardTorch(source, [&] {
        predictor = std::make_unique<PulsarNetsPredictor>(weightsPath.toStdString(),
                                                          config.architecture, threads);
    });
    twins::sdk::CsvWriter csv({"file", "frame", "p_pulsar"});
    // Blocks keep the memory small at 128 x 128 (131 kB of network input per frame).
    constexpr std::size_t block = 256;
    for (const QString& path : paths) {
        std::unique_ptr<FrameFileReader> file;
        try {
            file = std::make_unique<FrameFileReader>(path.toStdString());
        } catch (const std::runtime_error& error) {
            throw SdkError(source, QString::fromUtf8(error.what()));
        }
        std::optional<DelayGraphPlan> plan;
        withSettingsChecked(source, [&] {
            PlannedFrames planned = planFrames(
                config, [&](std::size_t i) { return file->frame(i); }, file->frames(),
                file->frequenciesGHz(), file->bins(), threads);
            plan.emplace(std::move(planned.plan));
            context.log(QStringLiteral("%1: %2").arg(path, planned.bandpass.statement));
        });
        const std::size_t before = scores.size();
        for (std::size_t start = 0; start < file->frames(); start += block) {
            context.throwIfCancelled();
            const std::size_t n = std::min(block, file->frames() - start);
            NetworkFrames frames;
            appendNetworkFrames(*file, start, n, *plan, config.normalisation, false, threads,
                                frames);
            const PulsarNetsPredictor::Output out = twins::ml::guardTorch(
                source, [&] { return predictor->predict(frames.inputs.data(), n, false); });
            for (std::size_t i = 0; i < n; ++i) {
                if (frames.labels[i * labelCount] > 0.5f) {
                    continue; // a pulsar frame says nothing about false alarms
                }
                scores.push_back(out.probabilities[i * labelCount]);
                csv.add(path.toStdString()).add(start + i).add(scores.back());
                csv.endRow();
            }
            context.reportProgress(1.0, QStringLiteral("calibration frames of %1: %2 of %3")
                                            .arg(path)
                                            .arg(start + n)
                                            .arg(file->frames()));
        }
        if (scores.size() == before) {
            throw SdkError(source, QStringLiteral("calibration input %1 holds no pulsar-free "
                                                  "frame (expected a simulate run with "
                                                  "pulsar_fraction=0)")
                                       .arg(path));
        }
        context.log(QStringLiteral("calibration: %1 pulsar-free frames of %2")
                        .arg(scores.size() - before)
                        .arg(path));
    }
    csv.writeTo(outputPath(context, QStringLiteral("calibration_predictions.csv")));
    return scores;
}

QJsonObject chooseThresholds(twins::sdk::ActionContext& context,
                             const std::vector<float>& heldOutLabels,
                             const std::vector<float>& heldOutProbabilities,
                             const std::vector<double>& calibrationScores, NetConfig& config) {
    std::array<std::vector<double>, labelCount> scores;
    std::array<std::vector<bool>, labelCount> truth;
    const std::size_t frames = heldOutLabels.size() / labelCount;
    for (std::size_t i = 0; i < frames; ++i) {
        for (std::size_t l = 0; l < std::size_t(labelCount); ++l) {
            scores[l].push_back(heldOutProbabilities[i * labelCount + l]);
            truth[l].push_back(heldOutLabels[i * labelCount + l] > 0.5f);
        }
    }
    std::vector<double> pulsarFree = calibrationScores;
    std::size_t heldOutPulsarFree = 0;
    for (std::size_t i = 0; i < frames; ++i) {
        if (!truth[0][i]) {
            pulsarFree.push_back(scores[0][i]);
            ++heldOutPulsarFree;
        }
    }
    const double rate = context.number("pulsar_false_alarm_rate");
    QJsonObject stated{{"threshold_pulsar_free_frames", qint64(pulsarFree.size())},
                       {"threshold_calibration_frames", qint64(calibrationScores.size())}};
    if (pulsarFree.empty()) {
        context.log(QStringLiteral("thresholds: no held-out pulsar-free frame; P(pulsar) keeps "
                                   "0.5"));
    } else {
        const FalseAlarmDecision pulsar = thresholdForExpectedFalseAlarmRate(pulsarFree, rate);
        config.thresholds[0] = pulsar.threshold;
        // Above the rate asked when it is not resolved (numbers only: the model card's metrics
        // table lists them).
        stated.insert("threshold_expected_false_alarm_rate", pulsar.expectedRate);
        context.log(
            QStringLiteral("thresholds: P(pulsar) >= %1, above %2 of the %3 pulsar-free frames "
                           "(%4 held out, %5 of calibration inputs): expected false-alarm rate "
                           "%6 %7 %8")
                .arg(pulsar.threshold, 0, 'g', 6)
                .arg(qsizetype(pulsarFree.size()) - qsizetype(pulsar.allowedFalseAlarms))
                .arg(pulsarFree.size())
                .arg(heldOutPulsarFree)
                .arg(calibrationScores.size())
                .arg(pulsar.expectedRate, 0, 'g', 3)
                .arg(pulsar.resolved ? QStringLiteral("<=") : QStringLiteral(">"))
                .arg(rate, 0, 'g', 3) +
            (pulsar.resolved
                 ? QString()
                 : QStringLiteral(" (too few pulsar-free frames to resolve the rate asked: %1 "
                                  "needed; add a calibration input)")
                       .arg(std::ceil(1.0 / rate) - 1.0, 0, 'f', 0)));
    }
    const char* names[labelCount] = {"pulsar", "NBRFI", "BBRFI"};
    for (std::size_t l = 1; l < std::size_t(labelCount); ++l) {
        if (std::find(truth[l].begin(), truth[l].end(), true) == truth[l].end()) {
            context.log(QStringLiteral("thresholds: no held-out %1 frame; P(%1) keeps 0.5")
                            .arg(QLatin1String(names[l])));
            continue;
        }
        config.thresholds[l] = f1BestThreshold(scores[l], truth[l]);
        context.log(QStringLiteral("thresholds: P(%1) >= %2 (the held-out F1's best)")
                        .arg(QLatin1String(names[l]))
                        .arg(config.thresholds[l], 0, 'g', 6));
    }
    return stated;
}

} // namespace pulsar
