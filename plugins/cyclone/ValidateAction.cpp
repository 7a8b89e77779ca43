// validate: detections (or tracks) against a best-track truth -> metrics.json, comparison CSV.
#include "ActionSupport.h"
#include "Bootstrap.h"
#include "CycloneTwin.h"
#include "Validation.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>

namespace cyclone {

namespace {

using twins::sdk::SdkError;

struct ValidationInputs {
    std::string detections;
    std::string truth;
};

// A directory is recognised by the file it holds (tracks.csv of a track run, detections.csv of
// a detect run, truth_tracks.csv of a generate run); a CSV by its header (SID is IBTrACS).
ValidationInputs classifyInputs(const QStringList& inputs) {
    const QString source = QStringLiteral("cyclone validate");
    const QString expected = QStringLiteral(
        "two inputs: detections (a track or detect run, or a CSV with time, lat, lon) and the "
        "truth (a generate run, or an IBTrACS-like CSV with SID, ISO_TIME, LAT, LON)");
    if (inputs.size() != 2) {
        throw SdkError(
            source, QStringLiteral("got %1 inputs; expected %2").arg(inputs.size()).arg(expected));
    }
    ValidationInputs found;
    for (const QString& input : inputs) {
        QString path = input;
        bool truth = false;
        if (QFileInfo(input).isDir()) {
            const QDir directory(input);
            if (directory.exists(QStringLiteral("tracks.csv"))) {
                path = directory.filePath(QStringLiteral("tracks.csv"));
            } else if (directory.exists(QStringLiteral("detections.csv"))) {
                path = directory.filePath(QStringLiteral("detections.csv"));
            } else if (directory.exists(QStringLiteral("truth_tracks.csv"))) {
                path = directory.filePath(QStringLiteral("truth_tracks.csv"));
                truth = true;
            } else {
                throw SdkError(source, QStringLiteral("input %1 holds none of tracks.csv, "
                                                      "detections.csv, truth_tracks.csv; "
                                                      "expected %2")
                                           .arg(input, expected));
            }
        } else {
            QFile file(input);
            if (!file.open(QIODevice::ReadOnly)) {
                throw SdkError(
                    source,
                    QStringLiteral("cannot read input %1; expected %2").arg(input, expected));
            }
            truth = QString::fromUtf8(file.readLine()).split(QLatin1Char(',')).first().trimmed() ==
                    QLatin1String("SID");
        }
        std::string& slot = truth ? found.truth : found.detections;
        if (!slot.empty()) {
            throw SdkError(source,
                           QStringLiteral("inputs %1 and %2 are both %3; expected %4")
                               .arg(QString::fromStdString(slot), path,
                                    truth ? QStringLiteral("truth") : QStringLiteral("detections"),
                                    expected));
        }
        slot = path.toStdString();
    }
    return found;
}

QJsonValue jsonNumber(double value) {
    return std::isnan(value) ? QJsonValue() : QJsonValue(value);
}

void writeComparison(const std::string& path, const std::vector<Detection>& detections,
                     const std::vector<BestTrackPoint>& truth, const ValidationResult& result) {
    std::vector<bool> detectionMatched(detections.size(), false);
    std::vector<bool> truthMatched(truth.size(), false);
    for (const MatchedPair& pair : result.pairs) {
        detectionMatched[pair.detection] = true;
        truthMatched[pair.truth] = true;
    }
    twins::sdk::CsvWriter csv({"source", "track_id", "time", "lat", "lon", "wind_ms", "matched"});
    for (std::size_t j = 0; j < truth.size(); ++j) {
        const BestTrackPoint& point = truth[j];
        csv.add("truth")
            .add(point.sid)
            .add(isoTime(point.time))
            .add(point.latitude)
            .add(point.longitude)
            .add(point.windMs)
            .add(truthMatched[j] ? 1 : 0);
        csv.endRow();
    }
    for (std::size_t i = 0; i < detections.size(); ++i) {
        const Detection& detection = detections[i];
        csv.add("detected")
            .add(detection.trackId >= 0 ? std::to_string(detection.trackId) : std::string())
            .add(isoTime(detection.time))
            .add(detection.latitude)
            .add(detection.longitude)
            .add(detection.windMs)
            .add(detectionMatched[i] ? 1 : 0);
        csv.endRow();
    }
    csv.writeTo(path);
}

} // namespace

void validateAction(twins::sdk::ActionContext& context) {
    const ValidationInputs inputs = classifyInputs(context.inputs());
    ValidationSettings settings;
    settings.matchDistanceKm = context.number("match_distance");
    settings.truthMinWindMs = context.number("truth_min_wind");
    settings.trackMatchPoints = context.integer("track_match_points");

    const std::vector<Detection> detections = readDetectionsCsv(inputs.detections);
    const std::vector<BestTrackPoint> truth = readBestTrackCsv(inputs.truth);
    context.throwIfCancelled();
    const ValidationResult result = validateDetections(detections, truth, settings);

    QJsonObject metrics{
        {QStringLiteral("pod"), jsonNumber(result.pod)},
        {QStringLiteral("far"), jsonNumber(result.far)},
        {QStringLiteral("f2"), jsonNumber(result.f2)},
        {QStringLiteral("mean_error_km"), jsonNumber(result.meanErrorKm)},
        {QStringLiteral("median_error_km"), jsonNumber(result.medianErrorKm)},
        {QStringLiteral("hits"), static_cast<qint64>(result.hits)},
        {QStringLiteral("misses"), static_cast<qint64>(result.misses)},
        {QStringLiteral("false_alarms"), static_cast<qint64>(result.falseAlarms)},
        {QStringLiteral("ignored_weak_matches"), static_cast<qint64>(result.ignored)},
        {QStringLiteral("bait_points"), static_cast<qint64>(result.baitPoints)},
        {QStringLiteral("bait_false_alarms"), static_cast<qint64>(result.baitFalseAlarms)},
        {QStringLiteral("detections"), static_cast<qint64>(detections.size())},
        {QStringLiteral("truth_points"), static_cast<qint64>(truth.size())},
    };
    if (result.hasTracks) {
        metrics.insert(QStringLiteral("truth_tracks"), static_cast<qint64>(result.truthTracks));
        metrics.insert(QStringLiteral("track_hits"), static_cast<qint64>(result.trackHits));
        metrics.insert(QStringLiteral("track_misses"), static_cast<qint64>(result.trackMisses));
        metrics.insert(QStringLiteral("detected_tracks"),
                       static_cast<qint64>(result.detectedTracks));
        metrics.insert(QStringLiteral("track_false_alarms"),
                       static_cast<qint64>(result.trackFalseAlarms));
    }
    const int samples = static_cast<int>(context.integer("bootstrap_samples"));
    const auto seed = static_cast<std::uint64_t>(context.integer("seed"));
    const BootstrapIntervals intervals =
        bootstrapOverStorms(detections, truth, result, settings, samples, seed);
    if (samples > 0) {
        const std::pair<const char*, Interval> named[] = {{"pod", intervals.pod},
                                                          {"far", intervals.far},
                                                          {"f2", intervals.f2},
                                                          {"mean_error_km", intervals.meanErrorKm}};
        for (const auto& [name, interval] : named) {
            metrics.insert(QStringLiteral("%1_ci_low").arg(QLatin1String(name)),
                           jsonNumber(interval.low));
            metrics.insert(QStringLiteral("%1_ci_high").arg(QLatin1String(name)),
                           jsonNumber(interval.high));
        }
        metrics.insert(QStringLiteral("bootstrap_storms"), static_cast<qint64>(intervals.storms));
        metrics.insert(QStringLiteral("bootstrap_false_alarm_units"),
                       static_cast<qint64>(intervals.falseAlarmUnits));
    }
    const QJsonObject document{
        {QStringLiteral("metrics"), metrics},
        {QStringLiteral("bootstrap"),
         QJsonObject{{QStringLiteral("samples"), samples},
                     {QStringLiteral("seed"), static_cast<qint64>(seed)},
                     {QStringLiteral("level"), 0.95},
                     {QStringLiteral("rule"),
                      QStringLiteral("percentile intervals (2.5-97.5%); each replicate resamples "
                                     "with replacement the storms to find (true systems that are "
                                     "not bait, with a point at or above truth_min_wind, each "
                                     "with its hits, misses and hit distances) and, separately, "
                                     "the false alarms grouped by detected track (or one by "
                                     "one without track ids), each stratum keeping its size")}}},
        {QStringLiteral("settings"),
         QJsonObject{{QStringLiteral("match_distance_km"), settings.matchDistanceKm},
                     {QStringLiteral("truth_min_wind_ms"), settings.truthMinWindMs},
                     {QStringLiteral("track_match_points"), settings.trackMatchPoints}}},
        {QStringLiteral("detections_file"), QString::fromStdString(inputs.detections)},
        {QStringLiteral("truth_file"), QString::fromStdString(inputs.truth)}};
    twins::sdk::writeJsonFile(
        QString::fromStdString(outputPath(context, QStringLiteral("metrics.json"))), document);
    writeComparison(outputPath(context, QStringLiteral("tracks_comparison.csv")), detections, truth,
                    result);
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        if (it.value().isDouble()) {
            context.reportMetric(0, it.key(), it.value().toDouble());
        }
    }
    context.reportProgress(1.0, QStringLiteral("POD %1, FAR %2").arg(result.pod).arg(result.far));
    if (samples > 0) {
        context.log(QStringLiteral("bootstrap 95% intervals over %1 storms and %2 false-alarm "
                                   "units (%3 samples, seed %4): POD %5-%6, FAR %7-%8, F2 %9-%10, "
                                   "mean error %11-%12 km")
                        .arg(intervals.storms)
                        .arg(intervals.falseAlarmUnits)
                        .arg(samples)
                        .arg(seed)
                        .arg(intervals.pod.low, 0, 'f', 3)
                        .arg(intervals.pod.high, 0, 'f', 3)
                        .arg(intervals.far.low, 0, 'f', 3)
                        .arg(intervals.far.high, 0, 'f', 3)
                        .arg(intervals.f2.low, 0, 'f', 3)
                        .arg(intervals.f2.high, 0, 'f', 3)
                        .arg(intervals.meanErrorKm.low, 0, 'f', 1)
                        .arg(intervals.meanErrorKm.high, 0, 'f', 1));
    }
    context.log(QStringLiteral("POD %1 FAR %2 F2 %3 mean error %4 km median %5 km (%6 hits, %7 "
                               "misses, %8 false alarms)")
                    .arg(result.pod, 0, 'f', 3)
                    .arg(result.far, 0, 'f', 3)
                    .arg(result.f2, 0, 'f', 3)
                    .arg(result.meanErrorKm, 0, 'f', 1)
                    .arg(result.medianErrorKm, 0, 'f', 1)
                    .arg(result.hits)
                    .arg(result.misses)
                    .arg(result.falseAlarms));
}

} // namespace cyclone
