// track: detections.csv -> tracks.csv with the deterministic greedy tracker.
#include "ActionSupport.h"
#include "CycloneTwin.h"
#include "Tracker.h"

#include <set>

namespace cyclone {

void trackAction(twins::sdk::ActionContext& context) {
    const std::string input =
        singleInput(context, QStringLiteral("track"), QStringLiteral("detections.csv"),
                    QStringLiteral("detections.csv of a detect run, or a CSV with time, lat, "
                                   "lon"));
    TrackerSettings settings;
    settings.maxDistanceKm = context.number("max_distance");
    settings.minLength = context.integer("min_track_length");
    settings.minWindMs = context.number("min_wind");
    settings.calendar = calendarParameter(context);

    const std::vector<Detection> detections = readDetectionsCsv(input);
    context.throwIfCancelled();
    const std::vector<Detection> tracks = linkTracks(detections, settings);
    std::set<long> ids;
    for (const Detection& point : tracks) {
        ids.insert(point.trackId);
    }
    const std::string output = outputPath(context, QStringLiteral("tracks.csv"));
    writeDetectionsCsv(output, tracks, true);
    context.reportMetric(0, QStringLiteral("detections"), static_cast<double>(detections.size()));
    context.reportMetric(0, QStringLiteral("tracks"), static_cast<double>(ids.size()));
    context.reportMetric(0, QStringLiteral("track_points"), static_cast<double>(tracks.size()));
    context.reportProgress(1.0, QStringLiteral("%1 tracks").arg(ids.size()));
    context.log(QStringLiteral("linked %1 detections of %2 into %3 tracks (%4 points kept) -> %5")
                    .arg(detections.size())
                    .arg(QString::fromStdString(input))
                    .arg(ids.size())
                    .arg(tracks.size())
                    .arg(QString::fromStdString(output)));
}

} // namespace cyclone
