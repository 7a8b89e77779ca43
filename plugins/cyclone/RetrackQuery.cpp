#include "RetrackQuery.h"

#include "BestTrack.h"
#include "MemberOutputsFile.h"
#include "Retracking.h"
#include "Validation.h"
#include "twinbench/sdk/SdkError.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <cmath>
#include <map>

namespace cyclone {

namespace {

using twins::sdk::SdkError;

const QString source = QStringLiteral("cyclone query retrack");

double number(const QJsonObject& arguments, const char* key, double fallback, double minimum,
              double maximum, bool minimumExclusive = false) {
    const QJsonValue value = arguments.value(QLatin1String(key));
    if (value.isUndefined()) {
        return fallback;
    }
    const double x = value.toDouble(std::nan(""));
    if (!value.isDouble() || !(minimumExclusive ? x > minimum : x >= minimum) || !(x <= maximum)) {
        throw SdkError(source, QStringLiteral("argument '%1' must be a number %2 %3 and <= %4")
                                   .arg(QLatin1String(key), minimumExclusive ? QStringLiteral(">")
                                                                             : QStringLiteral(">="))
                                   .arg(minimum)
                                   .arg(maximum));
    }
    return x;
}

int integer(const QJsonObject& arguments, const char* key, int fallback, int minimum, int maximum) {
    const double x = number(arguments, key, fallback, minimum, maximum);
    if (x != std::floor(x)) {
        throw SdkError(
            source, QStringLiteral("argument '%1' must be a whole number").arg(QLatin1String(key)));
    }
    return static_cast<int>(x);
}

QJsonValue finite(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

} // namespace

struct RetrackQuery::Cache {
    QString path;
    QDateTime modified;
    MemberOutputs outputs;
    QString truthPath;
    QDateTime truthModified;
    std::vector<BestTrackPoint> truth;
};

RetrackQuery::RetrackQuery() = default;
RetrackQuery::~RetrackQuery() = default;

QJsonObject RetrackQuery::answer(const QJsonObject& arguments) {
    QElapsedTimer clock;
    clock.start();
    QString path = arguments.value(QStringLiteral("member_outputs")).toString();
    if (path.isEmpty()) {
        throw SdkError(source, QStringLiteral("argument 'member_outputs' is required: "
                                              "member_outputs.nc of an infer run, that run's "
                                              "outputs directory or its run directory"));
    }
    if (QFileInfo(QDir(path).filePath(QStringLiteral("outputs"))).isDir()) {
        path = QDir(path).filePath(QStringLiteral("outputs")); // a run directory
    }
    if (QFileInfo(path).isDir()) {
        path = QDir(path).filePath(QStringLiteral("member_outputs.nc"));
    }
    const QFileInfo file(path);
    if (!file.exists()) {
        throw SdkError(source, QStringLiteral("argument 'member_outputs': %1 does not exist "
                                              "(expected member_outputs.nc of an infer run)")
                                   .arg(path));
    }
    ConsensusSettings consensus;
    consensus.threshold = number(arguments, "detection_threshold", 0.5, 0.0, 1.0, true);
    consensus.consensus = integer(arguments, "consensus", 1, 1, 1000);
    TrackerSettings tracker;
    tracker.maxDistanceKm = number(arguments, "max_distance", 400.0, 1.0, 5000.0);
    tracker.minLength = integer(arguments, "min_track_length", 4, 1, 1000);
    tracker.minWindMs = number(arguments, "min_wind", 0.0, 0.0, 150.0);
    ValidationSettings scoring;
    scoring.matchDistanceKm = number(arguments, "match_distance", 300.0, 1.0, 5000.0);
    scoring.truthMinWindMs = number(arguments, "truth_min_wind", 17.5, 0.0, 150.0);
    scoring.trackMatchPoints = integer(arguments, "track_match_points", 2, 1, 100);

    bool loadedNow = false;
    if (!m_cache || m_cache->path != path || m_cache->modified != file.lastModified()) {
        auto cache = std::make_unique<Cache>();
        cache->path = path;
        cache->modified = file.lastModified();
        try {
            cache->outputs = readMemberOutputs(path.toStdString());
        } catch (const std::exception& error) {
            throw SdkError(source, QString::fromUtf8(error.what()));
        }
        m_cache = std::move(cache);
        loadedNow = true;
    }
    const MemberOutputs& outputs = m_cache->outputs;
    if (outputs.steps.empty()) {
        throw SdkError(source, QStringLiteral("%1 holds no time steps").arg(path));
    }
    if (consensus.consensus > static_cast<int>(outputs.members)) {
        throw SdkError(source, QStringLiteral("argument 'consensus' is %1 but %2 has %3 "
                                              "member(s)")
                                   .arg(consensus.consensus)
                                   .arg(path)
                                   .arg(outputs.members));
    }
    QString truthPath = arguments.value(QStringLiteral("truth")).toString();
    if (truthPath.isEmpty()) {
        truthPath = QString::fromStdString(outputs.info.truth);
    }
    const double loadMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;

    Retracked retracked;
    try {
        retracked = retrackOutputs(outputs, {consensus, tracker});
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }
    const std::vector<Detection>& tracks = retracked.tracks;

    // The answer follows the `tracks` convention of plugins/README.md: points as objects, the
    // value that colours them (maximum wind) with a fixed range so colours compare from one
    // answer to the next, the truth as points, an ordered metrics table.
    QJsonArray trackList;
    std::map<long, QJsonArray> points;
    for (const Detection& point : tracks) {
        points[point.trackId].append(
            QJsonObject{{QStringLiteral("time"), QString::fromStdString(isoTime(point.time))},
                        {QStringLiteral("lat"), point.latitude},
                        {QStringLiteral("lon"), point.longitude},
                        {QStringLiteral("value"), finite(point.windMs)},
                        {QStringLiteral("confidence"), finite(point.confidence)},
                        {QStringLiteral("spread_km"), finite(point.spreadKm())}});
    }
    for (const auto& [id, list] : points) {
        trackList.append(QJsonObject{{QStringLiteral("id"), static_cast<qint64>(id)},
                                     {QStringLiteral("points"), list}});
    }
    const auto condition = [](double value, const char* units) {
        return QJsonObject{{QStringLiteral("value"), value},
                           {QStringLiteral("units"), QLatin1String(units)}};
    };
    QJsonObject result{
        {QStringLiteral("title"), QStringLiteral("Retracked cyclones (%1 track(s) from %2 "
                                                 "detection(s))")
                                      .arg(points.size())
                                      .arg(retracked.detections)},
        {QStringLiteral("conditions"),
         QJsonObject{{QStringLiteral("threshold"), consensus.threshold},
                     {QStringLiteral("consensus"), consensus.consensus},
                     {QStringLiteral("max distance"), condition(tracker.maxDistanceKm, "km")},
                     {QStringLiteral("min length"), tracker.minLength}}},
        {QStringLiteral("value"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Maximum 10 m wind")},
                     {QStringLiteral("units"), QStringLiteral("m s-1")},
                     {QStringLiteral("minimum"), 0.0},
                     {QStringLiteral("maximum"), 70.0}}},
        {QStringLiteral("detections"), static_cast<qint64>(retracked.detections)},
        {QStringLiteral("track_points"), static_cast<qint64>(tracks.size())},
        {QStringLiteral("tracks"), trackList},
        {QStringLiteral("members"), static_cast<qint64>(outputs.members)},
        {QStringLiteral("loaded_now"), loadedNow},
        {QStringLiteral("load_milliseconds"), loadMs}};

    if (!truthPath.isEmpty()) {
        const QFileInfo truthFile(truthPath);
        if (!truthFile.exists()) {
            throw SdkError(source, QStringLiteral("argument 'truth': %1 does not exist (expected "
                                                  "an IBTrACS-like CSV)")
                                       .arg(truthPath));
        }
        if (m_cache->truthPath != truthPath || m_cache->truthModified != truthFile.lastModified()) {
            try {
                m_cache->truth = readBestTrackCsv(truthPath.toStdString());
            } catch (const std::exception& error) {
                throw SdkError(source, QString::fromUtf8(error.what()));
            }
            m_cache->truthPath = truthPath;
            m_cache->truthModified = truthFile.lastModified();
        }
        // Only the truth inside the inferred period counts (a truth CSV may cover more).
        const std::vector<BestTrackPoint> truth = truthInPeriod(outputs, m_cache->truth);
        const ValidationResult scores = validateDetections(tracks, truth, scoring);
        const auto row = [](const char* name, const QJsonValue& value, const char* units = "") {
            return QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                               {QStringLiteral("value"), value},
                               {QStringLiteral("units"), QLatin1String(units)}};
        };
        const auto count = [](std::size_t n) { return QJsonValue(static_cast<qint64>(n)); };
        result.insert(QStringLiteral("metrics"),
                      QJsonArray{row("POD", finite(scores.pod)), row("FAR", finite(scores.far)),
                                 row("F2", finite(scores.f2)),
                                 row("mean error", finite(scores.meanErrorKm), "km"),
                                 row("median error", finite(scores.medianErrorKm), "km"),
                                 row("hits", count(scores.hits)),
                                 row("misses", count(scores.misses)),
                                 row("false alarms", count(scores.falseAlarms)),
                                 row("true tracks", count(scores.truthTracks)),
                                 row("tracks hit", count(scores.trackHits)),
                                 row("tracks missed", count(scores.trackMisses)),
                                 row("tracks detected", count(scores.detectedTracks)),
                                 row("false tracks", count(scores.trackFalseAlarms))});
        QJsonArray observed;
        for (const BestTrackPoint& point : truth) {
            if (point.windMs >= scoring.truthMinWindMs) {
                observed.append(QJsonObject{{QStringLiteral("lat"), point.latitude},
                                            {QStringLiteral("lon"), point.longitude},
                                            {QStringLiteral("label"), QStringLiteral("observed")}});
            }
        }
        result.insert(QStringLiteral("points"), observed);
        result.insert(QStringLiteral("truth"), truthPath);
    }
    result.insert(QStringLiteral("milliseconds"), static_cast<double>(clock.nsecsElapsed()) / 1e6);
    return result;
}

} // namespace cyclone
