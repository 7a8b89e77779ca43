#include "RetrackQuery.h"

#include "BestTrack.h"
#include "MemberOutputsFile.h"
#include "Tracker.h"
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
                                              "member_outputs.nc of an infer run, or that run's "
                                              "outputs directory"));
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
    consensus.threshold = number(arguments, "threshold", 0.5, 0.0, 1.0, true);
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

    std::vector<Detection> detections;
    for (std::size_t step = 0; step < outputs.steps.size(); ++step) {
        const auto found =
            consensusDetections(*outputs.grid, outputs.steps[step], outputs.times[step], consensus);
        detections.insert(detections.end(), found.begin(), found.end());
    }
    tracker.calendar = outputs.calendar;
    std::vector<Detection> tracks;
    try {
        tracks = linkTracks(detections, tracker);
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }

    QJsonArray trackList;
    std::map<long, QJsonArray> points;
    for (const Detection& point : tracks) {
        points[point.trackId].append(
            QJsonArray{QString::fromStdString(isoTime(point.time)), point.latitude, point.longitude,
                       finite(point.windMs), finite(point.confidence), finite(point.spreadKm())});
    }
    for (const auto& [id, list] : points) {
        trackList.append(QJsonObject{{QStringLiteral("id"), static_cast<qint64>(id)},
                                     {QStringLiteral("points"), list}});
    }
    QJsonObject result{{QStringLiteral("detections"), static_cast<qint64>(detections.size())},
                       {QStringLiteral("track_points"), static_cast<qint64>(tracks.size())},
                       {QStringLiteral("tracks"), trackList},
                       {QStringLiteral("point_columns"),
                        QJsonArray{QStringLiteral("time"), QStringLiteral("lat"),
                                   QStringLiteral("lon"), QStringLiteral("wind_ms"),
                                   QStringLiteral("confidence"), QStringLiteral("spread_km")}},
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
        std::map<std::string, bool> inferred;
        for (const CfDateTime& time : outputs.times) {
            inferred[isoTime(time)] = true;
        }
        std::vector<BestTrackPoint> truth;
        for (const BestTrackPoint& point : m_cache->truth) {
            if (inferred.count(isoTime(point.time))) {
                truth.push_back(point);
            }
        }
        const ValidationResult scores = validateDetections(tracks, truth, scoring);
        QJsonObject metrics{
            {QStringLiteral("pod"), finite(scores.pod)},
            {QStringLiteral("far"), finite(scores.far)},
            {QStringLiteral("f2"), finite(scores.f2)},
            {QStringLiteral("mean_error_km"), finite(scores.meanErrorKm)},
            {QStringLiteral("median_error_km"), finite(scores.medianErrorKm)},
            {QStringLiteral("hits"), static_cast<qint64>(scores.hits)},
            {QStringLiteral("misses"), static_cast<qint64>(scores.misses)},
            {QStringLiteral("false_alarms"), static_cast<qint64>(scores.falseAlarms)},
            {QStringLiteral("truth_tracks"), static_cast<qint64>(scores.truthTracks)},
            {QStringLiteral("track_hits"), static_cast<qint64>(scores.trackHits)},
            {QStringLiteral("track_misses"), static_cast<qint64>(scores.trackMisses)},
            {QStringLiteral("detected_tracks"), static_cast<qint64>(scores.detectedTracks)},
            {QStringLiteral("track_false_alarms"), static_cast<qint64>(scores.trackFalseAlarms)}};
        result.insert(QStringLiteral("metrics"), metrics);
        result.insert(QStringLiteral("truth"), truthPath);
    }
    result.insert(QStringLiteral("milliseconds"), static_cast<double>(clock.nsecsElapsed()) / 1e6);
    return result;
}

} // namespace cyclone
