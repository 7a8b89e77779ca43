// tune: the CNN's detection threshold and tracker settings chosen on held-out validation years,
// never on the years it is judged on. Inputs: infer runs over the validation years (their
// member_outputs.nc, with the truth beside the drivers they inferred). Every combination of the
// swept settings is retracked and scored, pooled over the inputs; the rule: the highest F2 among
// the combinations whose pooled FAR stays at or under tune_max_far, else the lowest FAR (and the
// run says the rule could not be met). Why: on the harder world the CNN's false alarms are
// confident (the detection threshold moves FAR by 0.01 between 0.3 and 0.99 on a validation
// year) but weak: a minimum peak wind on the CNN's own wind estimate removes most of them.
#include "ActionSupport.h"
#include "BestTrack.h"
#include "CycloneTwin.h"
#include "MemberOutputsFile.h"
#include "Retracking.h"
#include "Validation.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <cmath>

namespace cyclone {

namespace {

using twins::sdk::SdkError;

const QString source = QStringLiteral("cyclone tune");

// "0.5, 0.7,0.9" -> numbers, each inside [minimum, maximum].
std::vector<double> numberList(const twins::sdk::ActionContext& context, const char* key,
                               double minimum, double maximum) {
    const QString text = context.parameters().value(QLatin1String(key)).toString();
    std::vector<double> values;
    for (const QString& item : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double value = item.trimmed().toDouble(&ok);
        if (!ok || !(value >= minimum && value <= maximum)) {
            throw SdkError(source, QStringLiteral("parameter '%1': '%2' is not a number in "
                                                  "[%3, %4]; expected a comma-separated list")
                                       .arg(QLatin1String(key), item.trimmed())
                                       .arg(minimum)
                                       .arg(maximum));
        }
        values.push_back(value);
    }
    if (values.empty()) {
        throw SdkError(source, QStringLiteral("parameter '%1' is empty; expected a "
                                              "comma-separated list of numbers")
                                   .arg(QLatin1String(key)));
    }
    return values;
}

struct ValidationYear {
    MemberOutputs outputs;
    std::vector<BestTrackPoint> truth;
};

ValidationYear readValidationYear(const QString& input) {
    QString path = input;
    if (QFileInfo(QDir(path).filePath(QStringLiteral("outputs"))).isDir()) {
        path = QDir(path).filePath(QStringLiteral("outputs"));
    }
    if (QFileInfo(path).isDir()) {
        path = QDir(path).filePath(QStringLiteral("member_outputs.nc"));
    }
    if (!QFileInfo::exists(path)) {
        throw SdkError(source, QStringLiteral("input %1 holds no member_outputs.nc; expected "
                                              "infer runs over the validation years")
                                   .arg(input));
    }
    ValidationYear year;
    year.outputs = readMemberOutputs(path.toStdString());
    if (year.outputs.info.truth.empty() ||
        !QFileInfo::exists(QString::fromStdString(year.outputs.info.truth))) {
        throw SdkError(source, QStringLiteral("%1 inferred on %2, which has no "
                                              "truth_tracks.csv beside it; tuning needs "
                                              "generated years with their truth")
                                   .arg(path, QString::fromStdString(year.outputs.info.drivers)));
    }
    year.truth = truthInPeriod(year.outputs, readBestTrackCsv(year.outputs.info.truth));
    return year;
}

struct Scored {
    RetrackSettings settings;
    std::size_t hits = 0, misses = 0, falseAlarms = 0;
    double pod() const { return hits + misses ? double(hits) / double(hits + misses) : NAN; }
    double far() const {
        return hits + falseAlarms ? double(falseAlarms) / double(hits + falseAlarms) : NAN;
    }
    double f2() const { // (1 + 2^2) hits / ((1 + 2^2) hits + 2^2 misses + false alarms)
        const double denominator = 5.0 * double(hits) + 4.0 * double(misses) + double(falseAlarms);
        return denominator > 0 ? 5.0 * double(hits) / denominator : NAN;
    }
};

} // namespace

void tuneAction(twins::sdk::ActionContext& context) {
    const QStringList inputs = context.inputs();
    if (inputs.isEmpty()) {
        throw SdkError(source, QStringLiteral("no inputs; expected infer runs over the "
                                              "validation years"));
    }
    std::vector<ValidationYear> years;
    for (const QString& input : inputs) {
        context.reportProgress(0.0, QStringLiteral("reading %1").arg(input));
        years.push_back(readValidationYear(input));
        context.throwIfCancelled();
    }
    const std::vector<double> thresholds = numberList(context, "tune_thresholds", 0.0, 1.0);
    const std::vector<double> lengths = numberList(context, "tune_min_track_lengths", 1, 1000);
    const std::vector<double> winds = numberList(context, "tune_min_winds", 0.0, 150.0);
    const double maxFar = context.number("tune_max_far");
    for (std::size_t i = 0; i < years.size(); ++i) {
        if (context.integer("consensus") > static_cast<int>(years[i].outputs.members)) {
            throw SdkError(source, QStringLiteral("parameter 'consensus' is %1 but input %2 has "
                                                  "%3 member(s)")
                                       .arg(context.integer("consensus"))
                                       .arg(inputs[int(i)])
                                       .arg(years[i].outputs.members));
        }
    }
    ValidationSettings scoring;
    scoring.matchDistanceKm = context.number("match_distance");
    scoring.truthMinWindMs = context.number("truth_min_wind");

    std::vector<Scored> table;
    const std::size_t combinations = thresholds.size() * lengths.size() * winds.size();
    for (double threshold : thresholds) {
        for (double length : lengths) {
            for (double wind : winds) {
                Scored scored;
                scored.settings.consensus.threshold = threshold;
                scored.settings.consensus.consensus = context.integer("consensus");
                scored.settings.tracker.maxDistanceKm = context.number("max_distance");
                scored.settings.tracker.minLength = static_cast<int>(std::lround(length));
                scored.settings.tracker.minWindMs = wind;
                for (const ValidationYear& year : years) {
                    const Retracked retracked = retrackOutputs(year.outputs, scored.settings);
                    const ValidationResult result =
                        validateDetections(retracked.tracks, year.truth, scoring);
                    scored.hits += result.hits;
                    scored.misses += result.misses;
                    scored.falseAlarms += result.falseAlarms;
                }
                table.push_back(scored);
                context.throwIfCancelled();
                context.reportProgress(double(table.size()) / double(combinations),
                                       QStringLiteral("%1 of %2 combinations scored")
                                           .arg(table.size())
                                           .arg(combinations));
            }
        }
    }

    // The rule (file header): ties keep the first in sweep order (lower threshold, shorter
    // minimum length, lower minimum wind: the least filtering).
    const Scored* chosen = nullptr;
    for (const Scored& row : table) {
        if (row.far() <= maxFar && (chosen == nullptr || row.f2() > chosen->f2())) {
            chosen = &row;
        }
    }
    const bool ruleMet = chosen != nullptr;
    if (!ruleMet) {
        for (const Scored& row : table) {
            if (chosen == nullptr || row.far() < chosen->far()) {
                chosen = &row;
            }
        }
        context.log(QStringLiteral("no combination keeps the validation FAR at or under %1: "
                                   "the lowest FAR (%2) is chosen")
                        .arg(maxFar)
                        .arg(chosen->far()));
    }

    twins::sdk::CsvWriter csv({"curve", "detection_threshold", "min_track_length", "min_wind",
                               "pod", "far", "f2", "hits", "misses", "false_alarms", "chosen"});
    for (const Scored& row : table) {
        csv.add(QStringLiteral("threshold %1, min length %2")
                    .arg(row.settings.consensus.threshold)
                    .arg(row.settings.tracker.minLength)
                    .toStdString())
            .add(row.settings.consensus.threshold)
            .add(row.settings.tracker.minLength)
            .add(row.settings.tracker.minWindMs)
            .add(row.pod())
            .add(row.far())
            .add(row.f2())
            .add(row.hits)
            .add(row.misses)
            .add(row.falseAlarms)
            .add(&row == chosen ? 1 : 0);
        csv.endRow();
    }
    csv.writeTo(outputPath(context, QStringLiteral("tuning.csv")));

    QJsonArray validationRuns;
    for (const QString& input : inputs) {
        validationRuns.append(input);
    }
    const QJsonObject metrics{
        {QStringLiteral("chosen_detection_threshold"), chosen->settings.consensus.threshold},
        {QStringLiteral("chosen_min_track_length"), chosen->settings.tracker.minLength},
        {QStringLiteral("chosen_min_wind"), chosen->settings.tracker.minWindMs},
        {QStringLiteral("validation_pod"), chosen->pod()},
        {QStringLiteral("validation_far"), chosen->far()},
        {QStringLiteral("validation_f2"), chosen->f2()},
        {QStringLiteral("validation_hits"), static_cast<qint64>(chosen->hits)},
        {QStringLiteral("validation_misses"), static_cast<qint64>(chosen->misses)},
        {QStringLiteral("validation_false_alarms"), static_cast<qint64>(chosen->falseAlarms)},
        {QStringLiteral("combinations"), static_cast<qint64>(table.size())},
        {QStringLiteral("rule_met"), ruleMet ? 1 : 0}};
    const QJsonObject document{
        {QStringLiteral("metrics"), metrics},
        {QStringLiteral("rule"),
         QStringLiteral("highest pooled F2 among the combinations with pooled FAR <= %1 on the "
                        "validation years; if none, the lowest FAR")
             .arg(maxFar)},
        {QStringLiteral("chosen"),
         QJsonObject{{QStringLiteral("detection_threshold"), chosen->settings.consensus.threshold},
                     {QStringLiteral("min_track_length"), chosen->settings.tracker.minLength},
                     {QStringLiteral("min_wind"), chosen->settings.tracker.minWindMs},
                     {QStringLiteral("max_distance"), chosen->settings.tracker.maxDistanceKm}}},
        {QStringLiteral("validation_inputs"), validationRuns}};
    twins::sdk::writeJsonFile(
        QString::fromStdString(outputPath(context, QStringLiteral("metrics.json"))), document);
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        context.reportMetric(0, it.key(), it.value().toDouble());
    }
    context.log(QStringLiteral("chosen on %1 validation input(s): threshold %2, minimum track "
                               "length %3, minimum peak wind %4 m/s -> POD %5, FAR %6, F2 %7")
                    .arg(inputs.size())
                    .arg(chosen->settings.consensus.threshold)
                    .arg(chosen->settings.tracker.minLength)
                    .arg(chosen->settings.tracker.minWindMs)
                    .arg(chosen->pod(), 0, 'f', 3)
                    .arg(chosen->far(), 0, 'f', 3)
                    .arg(chosen->f2(), 0, 'f', 3));
}

} // namespace cyclone
