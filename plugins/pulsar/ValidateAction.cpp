// validate: a trained model and the dedispersion peer on the same simulated frames, seeded
// independently of the model's training data -> outputs/validation.json (the metrics table),
// roc.csv, reliability.csv, snr_bins.csv, recall_by_snr.csv, confusion.csv, predictions.csv and
// examples.nc.
#include "ActionSupport.h"
#include "BandpassSelection.h"
#include "ClassificationMetrics.h"
#include "Dedisperser.h"
#include "FrameFile.h"
#include "MaskFile.h"
#include "NetConfig.h"
#include "ParallelFor.h"
#include "PulsarNets.h"
#include "PulsarTwin.h"
#include "twinbench/jobs/CpuState.h"
#include "twinbench/ml/TorchErrors.h"
#include "twinbench/sdk/Calibration.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <chrono>
#include <cmath>
#include <optional>

namespace pulsar {

namespace {

using twins::sdk::SdkError;

const QString source = QStringLiteral("pulsar validate");
const char* const labelKeys[labelCount] = {"pulsar", "nbrfi", "bbrfi"};
const char* const labelNames[labelCount] = {"Pulsar", "NBRFI", "BBRFI"};

// Refuses a test set that is, or shares the seed of, the model's training data or the
// calibration frames its pulsar threshold was set on (model.json's training_data.files and
// calibration_files): the test would score frames the model was fitted or tuned on.
void checkIndependent(const QDir& model, const QString& testPath) {
    QFile card(model.filePath(QStringLiteral("model.json")));
    if (!card.open(QIODevice::ReadOnly)) {
        return;
    }
    const QJsonObject data =
        QJsonDocument::fromJson(card.readAll()).object().value("training_data").toObject();
    const QString testSeed = simulationSeedOf(testPath);
    for (const char* list : {"files", "calibration_files"}) {
        const QString role = QLatin1String(list) == QLatin1String("files")
                                 ? QStringLiteral("training data")
                                 : QStringLiteral("calibration data (its pulsar threshold was "
                                                  "set on them)");
        for (const QJsonValue& entry : data.value(QLatin1String(list)).toArray()) {
            const QString trained = entry.toObject().value("file").toString();
            if (QFileInfo(trained).canonicalFilePath() == QFileInfo(testPath).canonicalFilePath()) {
                throw SdkError(source, QStringLiteral("%1 is the model's %2: validate on frames "
                                                      "simulated with another seed")
                                           .arg(testPath, role));
            }
            if (!testSeed.isEmpty() && QFileInfo::exists(trained) &&
                simulationSeedOf(trained) == testSeed) {
                throw SdkError(source, QStringLiteral("%1 was simulated with seed %2, as the "
                                                      "model's %3 %4: validate on frames "
                                                      "simulated with another seed")
                                           .arg(testPath, testSeed, role, trained));
            }
        }
    }
}

std::vector<double> binEdges(const QString& text) {
    std::vector<double> edges;
    for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double edge = item.trimmed().toDouble(&ok);
        if (!ok || (!edges.empty() && edge <= edges.back())) {
            throw SdkError(source, QStringLiteral("parameter snr_bins: '%1' must be ascending "
                                                  "numbers separated by commas (e.g. 5,10,20,50)")
                                       .arg(text));
        }
        edges.push_back(edge);
    }
    if (edges.size() < 2) {
        throw SdkError(
            source, QStringLiteral("parameter snr_bins: '%1' needs at least two edges").arg(text));
    }
    return edges;
}

void putRate(QJsonObject& metrics, const QString& key, double value) {
    if (std::isfinite(value)) {
        metrics.insert(key, value);
    }
}

void putInterval(QJsonObject& metrics, const QString& key, const Interval& interval) {
    putRate(metrics, key + "_low", interval.low);
    putRate(metrics, key + "_high", interval.high);
}

void addRoc(twins::sdk::CsvWriter& csv, const QString& curve, const std::vector<double>& scores,
            const std::vector<bool>& truth) {
    for (const RocPoint& point : rocCurve(scores, truth)) {
        csv.add(curve.toStdString())
            .add(point.threshold)
            .add(point.falsePositiveRate)
            .add(point.truePositiveRate);
        csv.endRow();
    }
}

} // namespace

void validateAction(twins::sdk::ActionContext& context) {
    const QStringList inputs = context.inputs();
    if (inputs.size() != 2) {
        throw SdkError(source, QStringLiteral("got %1 input(s); expected a pulsar train run (id, "
                                              "directory or model:latest) followed by a pulsar "
                                              "simulate run (its frames.nc)")
                                   .arg(inputs.size()));
    }
    const QDir model(netModelDirectory(inputs[0], source));
    const NetConfig config = readNetConfig(model.filePath(QLatin1String(netConfigFile)), source);
    const NetworkGrid grid = config.architecture.grid;
    const QString testPath = QFileInfo(inputs[1]).isDir()
                                 ? QDir(inputs[1]).filePath(QStringLiteral("frames.nc"))
                                 : inputs[1];
    if (!QFileInfo::exists(testPath)) {
        throw SdkError(source, QStringLiteral("input %1 does not exist (expected a pulsar "
                                              "simulate run or its frames.nc)")
                                   .arg(testPath));
    }
    checkIndependent(model, testPath);
    std::unique_ptr<FrameFileReader> file;
    try {
        file = std::make_unique<FrameFileReader>(testPath.toStdString());
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }
    const std::vector<double> edges = binEdges(context.parameters().value("snr_bins").toString());
    const double prevalence = context.number("prevalence");
    const bool withPeer = context.flag("peer");
    const auto examples = std::min(file->frames(), std::size_t(context.integer("example_frames")));
    const int threads = computeThreads(context);
    DedispersionSettings peerSettings;
    peerSettings.dmMin = context.number("dm_min_search");
    peerSettings.dmMax = context.number("dm_max_search");
    peerSettings.zeroDmFilter = context.flag("zero_dm_filter");
    peerSettings.clipSigma = context.number("clip_sigma");

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
    std::unique_ptr<MaskFileWriter> exampleFile;
    if (examples > 0) {
        const std::vector<double>& f = file->frequenciesGHz();
        std::vector<double> phases(file->bins());
        for (std::size_t k = 0; k < phases.size(); ++k) {
            phases[k] = double(k) * file->phaseStepDeg();
        }
        exampleFile = std::make_unique<MaskFileWriter>(
            outputPath(context, QStringLiteral("examples.nc")), grid, examples,
            resampledCentres(f.front(), f.back(), f.size(), std::size_t(grid.channels)),
            resampledCentres(phases.front(), phases.back(), phases.size(),
                             std::size_t(grid.phaseBins)),
            "phase", "degree", runId(context),
            "Test frames with the masks a pulsar model predicts");
    }

    // The networks and the peer on every frame.
    const std::size_t count = file->frames();
    std::vector<float> probabilities(count * labelCount);
    std::vector<DedispersionResult> peer(count);
    const std::size_t channels = file->frequenciesGHz().size();
    std::optional<DelayGraphPlan> plan;
    withSettingsChecked(source, [&] {
        PlannedFrames planned = planFrames(
            config, [&](std::size_t i) { return file->frame(i); }, file->frames(),
            file->frequenciesGHz(), file->bins(), threads);
        plan.emplace(std::move(planned.plan));
        context.log(QStringLiteral("test frames: %1").arg(planned.bandpass.statement));
    });
    double networkSeconds = 0.0, peerSeconds = 0.0;
    constexpr std::size_t block = 64;
    for (std::size_t start = 0; start < count; start += block) {
        context.throwIfCancelled();
        const std::size_t n = std::min(block, count - start);
        std::vector<std::vector<double>> raw(n);
        for (std::size_t i = 0; i < n; ++i) {
            raw[i] = file->frame(start + i);
        }
        auto began = std::chrono::steady_clock::now();
        const std::size_t inputSize = networkInputLength(grid);
        std::vector<float> batch(n * inputSize);
        parallelFor(n, threads, [&](std::size_t i) {
            const std::vector<float> x =
                networkFeatures(raw[i].data(), channels, file->bins(), *plan, config.normalisation);
            std::copy(x.begin(), x.end(), batch.begin() + std::ptrdiff_t(i * inputSize));
        });
        const bool withMasks = start < examples;
        const PulsarNetsPredictor::Output out = twins::ml::guardTorch(
            source, [&] { return predictor->predict(batch.data(), n, withMasks); });
        std::copy(out.probabilities.begin(), out.probabilities.end(),
                  probabilities.begin() + std::ptrdiff_t(start * labelCount));
        for (std::size_t i = 0; withMasks && i < n && start + i < examples; ++i) {
            exampleFile->write(start + i, &batch[i * inputSize], &out.masks[i * grid.pixels()],
                               &out.probabilities[i * labelCount]);
        }
        auto now = std::chrono::steady_clock::now();
        networkSeconds += std::chrono::duration<double>(now - began).count();
        if (withPeer) {
            twins::jobs::clearAvxUpperState();
            parallelFor(n, threads, [&](std::size_t i) {
                const double binMs =
                    1000.0 * file->periodsS()[start + i] * file->phaseStepDeg() / 360.0;
                const Dedisperser dedisperser(file->frequenciesGHz(), file->bins(), binMs,
                                              peerSettings);
                peer[start + i] = dedisperser.search(raw[i]);
            });
            peerSeconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - now).count();
        }
        context.reportProgress(double(start + n) / double(count),
                               QStringLiteral("%1 of %2 frames").arg(start + n).arg(count));
    }
    if (exampleFile) {
        exampleFile->commit();
    }

    // Per label: confusion counts, precision/recall/F1, AUC, ROC.
    QJsonObject metrics{{"frames", qint64(count)}};
    twins::sdk::CsvWriter confusion(
        {"label", "true_positives", "false_positives", "false_negatives", "true_negatives"});
    twins::sdk::CsvWriter roc({"curve", "threshold", "false_positive_rate", "true_positive_rate"});
    std::array<std::vector<bool>, labelCount> truth, predicted;
    std::array<std::vector<double>, labelCount> scores;
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t l = 0; l < labelCount; ++l) {
            const double p = probabilities[i * labelCount + l];
            truth[l].push_back(file->labels()[i * 3 + l] > 0.5);
            scores[l].push_back(p);
            predicted[l].push_back(p >= config.thresholds[l]);
        }
    }
    std::array<BinaryCounts, labelCount> counts;
    for (std::size_t l = 0; l < labelCount; ++l) {
        counts[l] = countBinary(truth[l], predicted[l]);
        const QString key = QLatin1String(labelKeys[l]);
        putRate(metrics, "accuracy_" + key, counts[l].accuracy());
        putRate(metrics, "precision_" + key, counts[l].precision());
        putRate(metrics, "recall_" + key, counts[l].recall());
        putRate(metrics, "f1_" + key, counts[l].f1());
        putRate(metrics, "false_positive_rate_" + key, counts[l].falsePositiveRate());
        putRate(metrics, "auc_" + key, rocAuc(scores[l], truth[l]));
        confusion.add(labelNames[l])
            .add(counts[l].truePositives)
            .add(counts[l].falsePositives)
            .add(counts[l].falseNegatives)
            .add(counts[l].trueNegatives);
        confusion.endRow();
        addRoc(roc, QStringLiteral("%1 (classifier)").arg(QLatin1String(labelNames[l])), scores[l],
               truth[l]);
    }
    // Each label's probability against how often the label is true (the VVUQ card's
    // calibration check; columns as the wildfire twin's reliability.csv). On a balanced test set
    // this is the calibration at that balance, the one the classifier was trained for.
    twins::sdk::CsvWriter reliability({"curve", "mean_predicted", "observed_frequency", "samples"});
    for (std::size_t l = 0; l < labelCount; ++l) {
        const twins::sdk::CalibrationCheck check =
            twins::sdk::equalMassCalibration(scores[l], truth[l]);
        putRate(metrics, "ece_" + QLatin1String(labelKeys[l]), check.expectedCalibrationError);
        for (const twins::sdk::ReliabilityBin& bin : check.bins) {
            reliability.add(std::string(labelNames[l]) + " (classifier)")
                .add(bin.meanPredicted)
                .add(bin.observedFrequency)
                .add(bin.count);
            reliability.endRow();
        }
    }
    reliability.writeTo(outputPath(context, QStringLiteral("reliability.csv")));
    const BinaryCounts& pulsar = counts[0];
    metrics.insert("pulsar_frames", qint64(pulsar.positives()));
    metrics.insert("pulsar_free_frames", qint64(pulsar.negatives()));
    const PrevalenceFigures at =
        atPrevalence(pulsar.truePositives, pulsar.positives(), pulsar.falsePositives,
                     pulsar.negatives(), prevalence);
    metrics.insert("prevalence", prevalence);
    putRate(metrics, "recall_at_prevalence", at.recall);
    putInterval(metrics, "recall_at_prevalence", at.recallInterval);
    putRate(metrics, "false_alarms_per_1000", at.falseAlarmsPerThousand);
    putInterval(metrics, "false_alarms_per_1000", at.falseAlarmsPerThousandInterval);
    putRate(metrics, "precision_at_prevalence", at.precision);
    metrics.insert("network_frames_per_second", double(count) / std::max(networkSeconds, 1e-9));

    // The peer at the classifier's false-alarm count on the same pulsar-free frames.
    std::vector<bool> peerDetected(count, false);
    if (withPeer) {
        std::vector<double> nulls, peerScores;
        for (std::size_t i = 0; i < count; ++i) {
            peerScores.push_back(peer[i].snr);
            if (!truth[0][i]) {
                nulls.push_back(peer[i].snr);
            }
        }
        if (nulls.empty()) {
            throw SdkError(source, QStringLiteral("%1 holds no pulsar-free frame to set the "
                                                  "peer's threshold on (simulate the test set "
                                                  "with pulsar_fraction < 1, e.g. 0.5)")
                                       .arg(testPath));
        }
        const double threshold = thresholdForFalseAlarms(nulls, pulsar.falsePositives);
        for (std::size_t i = 0; i < count; ++i) {
            peerDetected[i] = peer[i].snr > threshold;
        }
        const BinaryCounts p = countBinary(truth[0], peerDetected);
        const PrevalenceFigures peerAt = atPrevalence(p.truePositives, p.positives(),
                                                      p.falsePositives, p.negatives(), prevalence);
        metrics.insert("peer_threshold_snr", std::isfinite(threshold) ? threshold : 0.0);
        metrics.insert("peer_false_alarms", qint64(p.falsePositives));
        putRate(metrics, "peer_accuracy", p.accuracy());
        putRate(metrics, "peer_recall", p.recall());
        putInterval(metrics, "peer_recall", peerAt.recallInterval);
        putRate(metrics, "peer_f1", p.f1());
        putRate(metrics, "peer_auc", rocAuc(peerScores, truth[0]));
        putRate(metrics, "peer_false_alarms_per_1000", peerAt.falseAlarmsPerThousand);
        putInterval(metrics, "peer_false_alarms_per_1000", peerAt.falseAlarmsPerThousandInterval);
        metrics.insert("peer_frames_per_second", double(count) / std::max(peerSeconds, 1e-9));
        confusion.add("Pulsar (dedispersion peer)")
            .add(p.truePositives)
            .add(p.falsePositives)
            .add(p.falseNegatives)
            .add(p.trueNegatives);
        confusion.endRow();
        addRoc(roc, QStringLiteral("Pulsar (dedispersion peer)"), peerScores, truth[0]);
    }

    // Recall by S/N bin, both detectors.
    twins::sdk::CsvWriter bins({"snr_low", "snr_high", "snr", "pulsars", "classifier_detected",
                                "classifier_recall", "classifier_recall_low",
                                "classifier_recall_high", "peer_detected", "peer_recall",
                                "peer_recall_low", "peer_recall_high"});
    // The same, one row per detector and bin, for the recall-against-S/N chart (xy_curves with
    // a group column): the peer's curve is there only when it ran, so the chart's legend lists
    // only what was measured.
    twins::sdk::CsvWriter curves({"detector", "snr", "recall", "recall_low", "recall_high"});
    std::vector<std::array<double, 4>> peerRows;
    QStringList binLines;
    for (std::size_t b = 0; b + 1 < edges.size(); ++b) {
        std::size_t pulsars = 0, found = 0, peerFound = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const double snr = file->snrs()[i];
            if (truth[0][i] && snr >= edges[b] && snr < edges[b + 1]) {
                ++pulsars;
                found += predicted[0][i] ? 1 : 0;
                peerFound += peerDetected[i] ? 1 : 0;
            }
        }
        const double nan = std::nan("");
        const Interval ci = wilsonInterval(found, pulsars);
        const Interval peerCi = wilsonInterval(peerFound, pulsars);
        const double recall = pulsars ? double(found) / double(pulsars) : nan;
        const double peerRecall = withPeer && pulsars ? double(peerFound) / double(pulsars) : nan;
        bins.add(edges[b]).add(edges[b + 1]).add(std::sqrt(edges[b] * edges[b + 1])).add(pulsars);
        bins.add(found).add(recall).add(ci.low).add(ci.high);
        const double centre = std::sqrt(edges[b] * edges[b + 1]);
        curves.add(std::string("classifier")).add(centre).add(recall).add(ci.low).add(ci.high);
        curves.endRow();
        if (withPeer) {
            bins.add(peerFound).add(peerRecall).add(peerCi.low).add(peerCi.high);
            peerRows.push_back({centre, peerRecall, peerCi.low, peerCi.high});
        } else {
            bins.add(nan).add(nan).add(nan).add(nan);
        }
        bins.endRow();
        binLines << QStringLiteral("S/N %1-%2: %3 pulsars, recall %4 (peer %5)")
                        .arg(edges[b])
                        .arg(edges[b + 1])
                        .arg(pulsars)
                        .arg(recall, 0, 'f', 3)
                        .arg(peerRecall, 0, 'f', 3);
    }

    twins::sdk::CsvWriter predictions({"frame", "snr", "pulsar", "nbrfi", "bbrfi", "p_pulsar",
                                       "p_nbrfi", "p_bbrfi", "peer_snr", "peer_best_dm",
                                       "peer_detected"});
    for (std::size_t i = 0; i < count; ++i) {
        predictions.add(i).add(file->snrs()[i]);
        for (std::size_t l = 0; l < labelCount; ++l) {
            predictions.add(truth[l][i] ? 1 : 0);
        }
        for (std::size_t l = 0; l < labelCount; ++l) {
            predictions.add(scores[l][i]);
        }
        if (withPeer) {
            predictions.add(peer[i].snr).add(peer[i].bestDm).add(peerDetected[i] ? 1 : 0);
        } else {
            predictions.add(std::nan("")).add(std::nan("")).add(std::nan(""));
        }
        predictions.endRow();
    }
    confusion.writeTo(outputPath(context, QStringLiteral("confusion.csv")));
    roc.writeTo(outputPath(context, QStringLiteral("roc.csv")));
    bins.writeTo(outputPath(context, QStringLiteral("snr_bins.csv")));
    for (const auto& row : peerRows) {
        curves.add(std::string("dedispersion peer"))
            .add(row[0])
            .add(row[1])
            .add(row[2])
            .add(row[3]);
        curves.endRow();
    }
    curves.writeTo(outputPath(context, QStringLiteral("recall_by_snr.csv")));
    predictions.writeTo(outputPath(context, QStringLiteral("predictions.csv")));
    twins::sdk::writeJsonFile(
        QString::fromStdString(outputPath(context, QStringLiteral("validation.json"))), metrics);
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        context.reportMetric(0, it.key(), it.value().toDouble());
    }
    context.log(QStringLiteral("%1 frames (%2 with a pulsar): pulsar accuracy %3, F1 NBRFI %4, "
                               "BBRFI %5; at prevalence %6: recall %7 [%8, %9], %10 false alarms "
                               "per 1000 frames [%11, %12] (95% Wilson intervals)")
                    .arg(count)
                    .arg(pulsar.positives())
                    .arg(pulsar.accuracy(), 0, 'f', 4)
                    .arg(counts[1].f1(), 0, 'f', 4)
                    .arg(counts[2].f1(), 0, 'f', 4)
                    .arg(prevalence)
                    .arg(at.recall, 0, 'f', 4)
                    .arg(at.recallInterval.low, 0, 'f', 4)
                    .arg(at.recallInterval.high, 0, 'f', 4)
                    .arg(at.falseAlarmsPerThousand, 0, 'f', 3)
                    .arg(at.falseAlarmsPerThousandInterval.low, 0, 'f', 3)
                    .arg(at.falseAlarmsPerThousandInterval.high, 0, 'f', 3));
    for (const QString& line : binLines) {
        context.log(line);
    }
}

} // namespace pulsar
