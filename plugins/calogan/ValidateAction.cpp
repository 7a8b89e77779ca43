// validate: a candidate showers file against a reference, per energy bin -> outputs/metrics.json
// (summary and per-bin observables), profiles.csv and sampling_fraction.csv for the charts.
#include "CaloTwin.h"
#include "SimulationRun.h"
#include "Validation.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <cmath>
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

QString binName(const BinResult& bin) {
    return QStringLiteral("%1-%2GeV").arg(bin.bin.low, 0, 'g', 4).arg(bin.bin.high, 0, 'g', 4);
}

} // namespace

void validateAction(twins::sdk::ActionContext& context) {
    const QStringList inputs = context.inputs();
    if (inputs.size() != 2) {
        throw SdkError(source, QStringLiteral("got %1 inputs; expected two: the reference then "
                                              "the candidate (simulate runs or showers files)")
                                   .arg(inputs.size()));
    }
    const std::string reference = showersPath(inputs[0]);
    const std::string candidate = showersPath(inputs[1]);
    const QJsonObject p = context.parameters();
    std::vector<double> centres;
    try {
        centres = parseNumberList(p.value("energy_bins").toString().toStdString());
    } catch (const std::invalid_argument& error) {
        throw SdkError(source, QStringLiteral("parameter energy_bins: %1").arg(error.what()));
    }
    ValidationResult result;
    try {
        result = validateFiles(reference, candidate, centres, p.value("bin_half_width").toDouble(),
                               [&](double fraction) {
                                   context.reportProgress(fraction, QStringLiteral("observables"));
                                   return !context.isCancelled();
                               });
    } catch (const SimulationCancelled&) {
        context.throwIfCancelled();
        throw;
    } catch (const std::invalid_argument& error) {
        throw SdkError(source, QString::fromStdString(error.what()));
    }

    QJsonArray bins;
    std::vector<std::string> profileColumns{"layer"};
    twins::sdk::CsvWriter fractions({"bin", "sample", "sampling_fraction"});
    for (const BinResult& bin : result.bins) {
        const BinComparison& c = bin.comparison;
        bins.append(QJsonObject{{"energy_low_gev", bin.bin.low},
                                {"energy_high_gev", bin.bin.high},
                                {"relative_moment_error", number(c.momentError)},
                                {"relative_moment_errors_x_y_layer", moments(c.momentErrors)},
                                {"longitudinal_profile_error", number(c.longitudinalError)},
                                {"longitudinal_profile_max_error", number(c.longitudinalMaxError)},
                                {"core_layers", QJsonArray{c.coreFirstLayer, c.coreLastLayer}},
                                {"transverse_profile_error", number(c.transverseError)},
                                {"sampling_fraction_error", number(c.samplingFractionError)},
                                {"hits_error", number(c.hitsError)},
                                {"max_layer_difference", number(c.maxLayerDifference)},
                                {"angle_error_rad", number(c.angleError)},
                                {"reference", summaryJson(bin.reference)},
                                {"candidate", summaryJson(bin.candidate)}});
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
    const QJsonObject metrics{
        {"relative_moment_error", number(result.momentError)},
        {"longitudinal_profile_error", number(result.longitudinalError)},
        {"longitudinal_profile_max_error", number(result.longitudinalMaxError)},
        {"sampling_fraction_max_error", number(result.samplingFractionMaxError)},
        {"transverse_profile_error", number(result.transverseError)},
        {"sampling_fraction_error", number(result.samplingFractionError)},
        {"angle_error_rad", number(result.angleError)},
        {"score", number(result.score)}};
    const QDir outputs(context.outputDirectory());
    twins::sdk::writeJsonFile(outputs.filePath("metrics.json"),
                              QJsonObject{{"reference", QString::fromStdString(reference)},
                                          {"candidate", QString::fromStdString(candidate)},
                                          {"hit_threshold_gev", hitThresholdGeV},
                                          {"metrics", metrics},
                                          {"bins", bins}});
    profiles.writeTo(outputs.filePath("profiles.csv").toStdString());
    fractions.writeTo(outputs.filePath("sampling_fraction.csv").toStdString());
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
