// validate: a candidate showers file against a reference, per energy bin -> outputs/metrics.json
// (summary and per-bin observables, the classifier two-sample test), profiles.csv,
// sampling_fraction.csv, bins.csv (per bin and candidate), spread_ratio.csv and
// classifier_roc.csv for the charts. An
// optional third input, the same model's network alone (generate calibration=false
// energy_response=false), is judged the same way and reported beside it (issue 23, item 3).
#include "CaloTwin.h"
#include "ClassifierFeatures.h"
#include "ShowerClassifier.h"
#include "SimulationRun.h"
#include "Validation.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace calo {

namespace {

using twins::sdk::SdkError;

const QString source = QStringLiteral("calogan validate");

// An input is a showers file or a directory (a simulate run's outputs/) holding showers.h5.
std::string showersPath(const QString& input) {
    const QString path =
        QFileInfo(input).isDir() ? QDir(input).filePath(QStringLiteral("showers.h5")) : input;
    if (!QFileInfo::exists(path)) {
        throw SdkError(source, QStringLiteral("input %1 does not exist (expected showers.h5 of a "
                                              "simulate run, its run id or directory)")
                                   .arg(path));
    }
    return path.toStdString();
}

QJsonValue number(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

QJsonArray array(const std::vector<double>& values) {
    QJsonArray result;
    for (double value : values) {
        result.append(number(value));
    }
    return result;
}

QJsonArray moments(const std::array<std::array<double, 3>, 3>& values) {
    QJsonArray result;
    for (const auto& axis : values) {
        result.append(array({axis[0], axis[1], axis[2]}));
    }
    return result;
}

QJsonObject summaryJson(const BinSummary& s) {
    return {{"showers", double(s.showers)},
            {"mean_energy_gev", number(s.meanEnergy)},
            {"sampling_fraction", number(s.samplingFraction)},
            {"sampling_fraction_spread", number(s.samplingFractionSpread)},
            {"longitudinal_profile_gev", array(s.longitudinal)},
            {"transverse_profile_x_gev", array(s.transverseX)},
            {"transverse_profile_y_gev", array(s.transverseY)},
            {"moments_x_y_layer", moments(s.moments)},
            {"moment_spread_x_y_layer", moments(s.momentSpread)},
            {"hits_above_3e-4_gev", number(s.hits)},
            {"max_layer", number(s.maxLayer)},
            {"theta_fit_rad", number(s.thetaFit)},
            {"theta_true_rad", number(s.thetaTrue)},
            {"cell_spectrum_log10_gev", QJsonObject{{"min", spectrumMinLog10},
                                                    {"max", spectrumMaxLog10},
                                                    {"cells_per_shower", array(s.spectrum)}}}};
}

QJsonObject binJson(const BinResult& bin, const ClassifierOutcome* classifier) {
    const BinComparison& c = bin.comparison;
    return {{"energy_low_gev", bin.bin.low},
            {"energy_high_gev", bin.bin.high},
            {"relative_moment_error", number(c.momentError)},
            {"relative_moment_errors_x_y_layer", moments(c.momentErrors)},
            {"longitudinal_profile_error", number(c.longitudinalError)},
            {"longitudinal_profile_max_error", number(c.longitudinalMaxError)},
            {"core_layers", QJsonArray{c.coreFirstLayer, c.coreLastLayer}},
            {"transverse_profile_error", number(c.transverseError)},
            {"sampling_fraction_error", number(c.samplingFractionError)},
            {"hits_error", number(c.hitsError)},
            {"spread_ratio", array(c.spreadRatio)},
            {"spread_ratio_min", number(c.spreadRatioMin)},
            {"spread_ratio_max", number(c.spreadRatioMax)},
            {"layer_correlation_max_difference", number(c.correlationMaxDifference)},
            {"layer_correlation_mean_difference", number(c.correlationMeanDifference)},
            {"classifier_auc",
             classifier ? number(binAuc(*classifier, bin.bin.low, bin.bin.high)) : QJsonValue()},
            {"max_layer_difference", number(c.maxLayerDifference)},
            {"angle_error_rad", number(c.angleError)},
            {"reference", summaryJson(bin.reference)},
            {"candidate", summaryJson(bin.candidate)}};
}

// The worst-bin metrics of one candidate (the names fit_for_purpose and the acceptance use),
// each name prefixed by `prefix`.
QJsonObject metricsJson(const ValidationResult& result, const ClassifierOutcome* classifier,
                        const QString& prefix) {
    const QJsonObject plain{
        {"relative_moment_error", number(result.momentError)},
        {"longitudinal_profile_error", number(result.longitudinalError)},
        {"longitudinal_profile_max_error", number(result.longitudinalMaxError)},
        {"sampling_fraction_max_error", number(result.samplingFractionMaxError)},
        {"transverse_profile_error", number(result.transverseError)},
        {"transverse_profile_max_error", number(result.transverseMaxError)},
        {"sampling_fraction_error", number(result.samplingFractionError)},
        {"hits_max_error", number(result.hitsMaxError)},
        {"spread_ratio_min", number(result.spreadRatioMin)},
        {"spread_ratio_max", number(result.spreadRatioMax)},
        {"layer_correlation_max_difference", number(result.correlationMaxDifference)},
        {"classifier_auc", classifier ? number(classifier->auc) : QJsonValue()},
        {"angle_error_rad", number(result.angleError)},
        {"score", number(result.score)}};
    QJsonObject named;
    for (auto it = plain.begin(); it != plain.end(); ++it) {
        if (!it.value().isNull() || it.key() != QLatin1String("classifier_auc")) {
            named.insert(prefix + it.key(), it.value());
        }
    }
    return named;
}

QJsonObject classifierJson(const ClassifierOutcome& c) {
    return {{"auc", number(c.auc)},
            {"features", classifierInputCount},
            {"showers_per_class", QJsonObject{{"train", double(c.trainPerClass)},
                                              {"validation", double(c.validationPerClass)},
                                              {"test", double(c.testPerClass)}}},
            {"epochs", c.epochs},
            {"best_epoch", c.bestEpoch},
            {"best_validation_loss", number(c.bestValidationLoss)}};
}

// The name of candidate k in the side-by-side files.
const char* sampleName(std::size_t k) {
    return k == 0 ? "candidate" : "network alone";
}

// bins.csv: one row per energy bin and candidate with the bin's comparison, for the per-bin
// chart (and anyone comparing the shipped model with the network alone in a spreadsheet).
twins::sdk::CsvWriter binsCsv(const std::vector<ValidationResult>& results,
                              const std::vector<std::optional<ClassifierOutcome>>& classifiers) {
    twins::sdk::CsvWriter csv({"energy_gev", "energy_low_gev", "energy_high_gev", "sample",
                               "showers", "sampling_fraction_error",
                               "longitudinal_profile_max_error", "transverse_profile_error",
                               "spread_ratio_min", "spread_ratio_max",
                               "layer_correlation_max_difference", "hits_error", "classifier_auc"});
    for (std::size_t k = 0; k < results.size(); ++k) {
        for (const BinResult& bin : results[k].bins) {
            const BinComparison& c = bin.comparison;
            const double auc = classifiers[k] ? binAuc(*classifiers[k], bin.bin.low, bin.bin.high)
                                              : std::numeric_limits<double>::quiet_NaN();
            csv.add(0.5 * (bin.bin.low + bin.bin.high))
                .add(bin.bin.low)
                .add(bin.bin.high)
                .add(sampleName(k))
                .add(bin.candidate.showers)
                .add(c.samplingFractionError)
                .add(c.longitudinalMaxError)
                .add(c.transverseError)
                .add(c.spreadRatioMin)
                .add(c.spreadRatioMax)
                .add(c.correlationMaxDifference)
                .add(c.hitsError)
                .add(auc);
            csv.endRow();
        }
    }
    return csv;
}

// spread_ratio.csv: per layer, the candidate's spread of the layer energy over the
// reference's, one curve per energy bin (the first maxSpreadCurves bins: the chart draws at most
// that many). A ratio of 0 (the candidate never fluctuates in that layer) is left empty, as
// where the reference does not fluctuate: a log axis has no place for it; metrics.json keeps
// the 0.
constexpr std::size_t maxSpreadCurves = 8;

twins::sdk::CsvWriter spreadCsv(const ValidationResult& result) {
    twins::sdk::CsvWriter csv({"layer", "bin", "spread_ratio"});
    for (std::size_t b = 0; b < std::min(result.bins.size(), maxSpreadCurves); ++b) {
        const BinResult& bin = result.bins[b];
        const std::string name = QStringLiteral("%1-%2 GeV")
                                     .arg(bin.bin.low, 0, 'g', 4)
                                     .arg(bin.bin.high, 0, 'g', 4)
                                     .toStdString();
        for (int layer = 0; layer < layers; ++layer) {
            const double ratio = bin.comparison.spreadRatio[std::size_t(layer)];
            csv.add(layer).add(name).add(ratio > 0.0 ? ratio
                                                     : std::numeric_limits<double>::quiet_NaN());
            csv.endRow();
        }
    }
    return csv;
}

// classifier_roc.csv: the held-out showers' ROC curve of each classifier test made.
twins::sdk::CsvWriter rocCsv(const std::vector<std::optional<ClassifierOutcome>>& classifiers) {
    twins::sdk::CsvWriter csv({"sample", "false_positive_rate", "true_positive_rate"});
    for (std::size_t k = 0; k < classifiers.size(); ++k) {
        if (!classifiers[k]) {
            continue;
        }
        for (const RocPoint& point :
             rocCurve(classifiers[k]->testScores, classifiers[k]->testLabels)) {
            csv.add(sampleName(k)).add(point.falsePositiveRate).add(point.truePositiveRate);
            csv.endRow();
        }
    }
    return csv;
}

QString binName(const BinResult& bin) {
    return QStringLiteral("%1-%2GeV").arg(bin.bin.low, 0, 'g', 4).arg(bin.bin.high, 0, 'g', 4);
}

} // namespace

void validateAction(twins::sdk::ActionContext& context) {
    const QStringList inputs = context.inputs();
    if (inputs.size() != 2 && inputs.size() != 3) {
        throw SdkError(source, QStringLiteral("got %1 inputs; expected two or three: the "
                                              "reference, the candidate, optionally the same "
                                              "model's network alone (simulate or generate "
                                              "runs or showers files)")
                                   .arg(inputs.size()));
    }
    const std::string reference = showersPath(inputs[0]);
    std::vector<std::string> candidates;
    for (qsizetype i = 1; i < inputs.size(); ++i) {
        candidates.push_back(showersPath(inputs[i]));
    }
    const QJsonObject p = context.parameters();
    std::vector<double> centres;
    try {
        centres = parseNumberList(p.value("energy_bins").toString().toStdString());
    } catch (const std::invalid_argument& error) {
        throw SdkError(source, QStringLiteral("parameter energy_bins: %1").arg(error.what()));
    }
    const auto classifierShowers = std::size_t(context.integer("classifier_showers"));
    // Reading the files is most of the work without the classifier, half with it.
    const double readShare = classifierShowers > 0 ? 0.5 : 1.0;
    std::vector<ValidationResult> results;
    try {
        results = validateFiles(
            reference, candidates, centres, p.value("bin_half_width").toDouble(), classifierShowers,
            [&](double fraction) {
                context.reportProgress(readShare * fraction, QStringLiteral("observables"));
                return !context.isCancelled();
            });
    } catch (const SimulationCancelled&) {
        context.throwIfCancelled();
        throw;
    } catch (const std::invalid_argument& error) {
        throw SdkError(source, QString::fromStdString(error.what()));
    }

    // The classifier two-sample test of each candidate against the reference, when both
    // samples are large enough to split (a test of a few showers says why it has none).
    std::vector<std::optional<ClassifierOutcome>> classifiers(results.size());
    QString classifierMissing;
    if (classifierShowers == 0) {
        classifierMissing = QStringLiteral("not asked for (classifier_showers 0)");
    }
    for (std::size_t k = 0; k < results.size() && classifierShowers > 0; ++k) {
        const std::size_t available =
            std::min(results[k].referenceSample.size(), results[k].candidateSample.size());
        if (available < classifierMinimumShowers) {
            classifierMissing = QStringLiteral("%1 showers with conditions of their own in the "
                                               "smaller sample; the test needs %2")
                                    .arg(available)
                                    .arg(classifierMinimumShowers);
            context.log(QStringLiteral("no classifier test: ") + classifierMissing);
            continue;
        }
        context.reportProgress(
            readShare + (1.0 - readShare) * double(k) / double(results.size()),
            QStringLiteral("classifier test %1 of %2").arg(k + 1).arg(results.size()));
        ClassifierSettings settings;
        settings.maxEpochs = context.integer("classifier_epochs");
        settings.seed = std::uint64_t(context.integer("seed"));
        settings.threads = context.integer("threads");
        classifiers[k] =
            twoSampleClassifierTest(results[k].referenceSample, results[k].candidateSample,
                                    settings, [&] { context.throwIfCancelled(); });
        const ClassifierOutcome& c = *classifiers[k];
        context.log(QStringLiteral("classifier test of %1: AUC %2 on %3 + %3 held-out showers "
                                   "(trained on %4 per class, best epoch %5 of %6)")
                        .arg(QString::fromStdString(candidates[k]))
                        .arg(c.auc, 0, 'f', 4)
                        .arg(c.testPerClass)
                        .arg(c.trainPerClass)
                        .arg(c.bestEpoch)
                        .arg(c.epochs));
    }
    const auto classifierOf = [&](std::size_t k) {
        return classifiers[k] ? &*classifiers[k] : nullptr;
    };

    const ValidationResult& result = results.front();
    QJsonArray bins;
    std::vector<std::string> profileColumns{"layer"};
    twins::sdk::CsvWriter fractions({"bin", "sample", "sampling_fraction"});
    for (const BinResult& bin : result.bins) {
        bins.append(binJson(bin, classifierOf(0)));
        const std::string name = binName(bin).toStdString();
        profileColumns.push_back("reference_" + name);
        profileColumns.push_back("candidate_" + name);
        for (const auto& [sample, summary] :
             {std::pair{"reference", &bin.reference}, std::pair{"candidate", &bin.candidate}}) {
            for (double fraction : summary->samplingFractions) {
                fractions.add(name).add(sample).add(fraction);
                fractions.endRow();
            }
        }
    }
    twins::sdk::CsvWriter profiles(profileColumns);
    for (int layer = 0; layer < layers; ++layer) {
        profiles.add(layer);
        for (const BinResult& bin : result.bins) {
            profiles.add(bin.reference.longitudinal[layer]).add(bin.candidate.longitudinal[layer]);
        }
        profiles.endRow();
    }
    QJsonObject metrics = metricsJson(result, classifierOf(0), QString());
    QJsonObject document{{"reference", QString::fromStdString(reference)},
                         {"candidate", QString::fromStdString(candidates[0])},
                         {"hit_threshold_gev", hitThresholdGeV},
                         {"bins", bins}};
    document.insert("classifier", classifiers[0] ? classifierJson(*classifiers[0])
                                                 : QJsonObject{{"not_made", classifierMissing}});
    if (results.size() == 2) {
        // The network alone, beside the shipped model: the same metrics, prefixed.
        const QJsonObject alone = metricsJson(results[1], classifierOf(1), "network_alone_");
        for (auto it = alone.begin(); it != alone.end(); ++it) {
            metrics.insert(it.key(), it.value());
        }
        QJsonArray aloneBins;
        for (const BinResult& bin : results[1].bins) {
            aloneBins.append(binJson(bin, classifierOf(1)));
        }
        QJsonObject networkAlone{{"candidate", QString::fromStdString(candidates[1])},
                                 {"bins", aloneBins}};
        networkAlone.insert("classifier", classifiers[1]
                                              ? classifierJson(*classifiers[1])
                                              : QJsonObject{{"not_made", classifierMissing}});
        document.insert("network_alone", networkAlone);
    }
    document.insert("metrics", metrics);
    const QDir outputs(context.outputDirectory());
    twins::sdk::writeJsonFile(outputs.filePath("metrics.json"), document);
    profiles.writeTo(outputs.filePath("profiles.csv").toStdString());
    fractions.writeTo(outputs.filePath("sampling_fraction.csv").toStdString());
    binsCsv(results, classifiers).writeTo(outputs.filePath("bins.csv").toStdString());
    spreadCsv(result).writeTo(outputs.filePath("spread_ratio.csv").toStdString());
    // The ROC curves only when a classifier test was made: the reason it was not is in
    // metrics.json, and an empty curve would draw nothing.
    if (std::any_of(classifiers.begin(), classifiers.end(),
                    [](const auto& c) { return bool(c); })) {
        rocCsv(classifiers).writeTo(outputs.filePath("classifier_roc.csv").toStdString());
    }
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        context.reportMetric(0, it.key(), it.value().toDouble(NAN));
    }
    context.log(QStringLiteral("relative moment error %1, longitudinal profile error %2, "
                               "transverse profile error %3, score %4")
                    .arg(result.momentError, 0, 'g', 4)
                    .arg(result.longitudinalError, 0, 'g', 4)
                    .arg(result.transverseError, 0, 'g', 4)
                    .arg(result.score, 0, 'g', 4));
}

} // namespace calo
