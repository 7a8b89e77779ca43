#include "results/ResultTracksOverlay.h"

#include "answers/ResultAnswers.h"
#include "answers/kinds/tracks/TracksAnswer.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/MapScene.h"
#include "twinbench/viz/MapView.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

namespace twins::app {

namespace {

// Each role's line is drawn through MapScene's track overlay, which colours by a colour map:
// one value at an end of a map gives the whole line one colour.
struct RoleStyle {
    const char* colorMap;
    double value;
};
constexpr RoleStyle roleStyles[] = {{"magma", 1.0}, {"coolwarm", 1.0}, {"coolwarm", 0.0}};

} // namespace

QColor trackRoleColour(qsizetype role) {
    const RoleStyle& style = roleStyles[role % std::size(roleStyles)];
    return viz::ColorMap::named(QString::fromLatin1(style.colorMap)).colorAt(style.value);
}

TracksOverlayData readTracksOverlay(const sdk::ResultSpec& spec, const QString& runDirectory) {
    TracksOverlayData data;
    const QString outputs = QDir(runDirectory).filePath(QStringLiteral("outputs"));
    data.fileName = QFileInfo(resultOutputPath(spec, outputs)).fileName();
    data.title = spec.title.isEmpty() ? data.fileName : spec.title;
    const QJsonObject background = spec.options.value(QStringLiteral("background")).toObject();
    data.variable = background.value(QStringLiteral("variable")).toString();
    data.symmetric = background.value(QStringLiteral("symmetric")).toBool(false);
    data.background = findPointsBackground(spec, runDirectory);
    if (data.background.path.isEmpty()) {
        data.error = data.background.why;
        return data;
    }
    try {
        readBackgroundTimes(data.background.path, data.variable, data.timeDimension,
                            data.stepTimes);
        const ExploreTracks answer = readTracksAnswer(readResultAnswer(spec, outputs).answer);
        double west = std::numeric_limits<double>::infinity();
        double east = -west, south = west, north = -west;
        for (const ExploreTrack& read : answer.tracks) {
            OverlayTrack track{read.id, read.role, read.points, {}};
            for (const QString& time : read.times) {
                track.times << normalisedIsoTime(time);
            }
            for (const viz::GeoPoint& at : read.points) {
                west = std::min(west, at.lon);
                east = std::max(east, at.lon);
                south = std::min(south, at.lat);
                north = std::max(north, at.lat);
            }
            if (!data.roles.contains(track.role)) {
                data.roles << track.role;
            }
            data.tracks.push_back(std::move(track));
        }
        data.extent = {west, east, south, north};
    } catch (const std::exception& error) {
        data.error = QString::fromUtf8(error.what());
        return data;
    }
    // Start where there is something to see: the first step with a track position.
    for (qsizetype step = 0; step < data.stepTimes.size(); ++step) {
        const bool found = std::any_of(data.tracks.begin(), data.tracks.end(), [&](const auto& t) {
            return t.times.contains(data.stepTimes[step]);
        });
        if (found) {
            data.firstStep = static_cast<std::size_t>(step);
            break;
        }
    }
    return data;
}

void drawTracksOverlay(const TracksOverlayData& data, std::size_t step, viz::MapScene& scene) {
    scene.clearOverlays();
    const QString time = data.stepTimes.value(static_cast<qsizetype>(step));
    QHash<QString, int> tracksOfRole;
    QHash<QString, std::vector<viz::GeoPoint>> positionsOfRole;
    for (const OverlayTrack& track : data.tracks) {
        const qsizetype role = data.roles.indexOf(track.role);
        const RoleStyle& style = roleStyles[role % std::size(roleStyles)];
        scene.addTrack(track.points, std::vector<double>(track.points.size(), style.value),
                       QString::fromLatin1(style.colorMap), 0.0, 1.0);
        ++tracksOfRole[track.role];
        for (qsizetype p = 0; p < track.times.size(); ++p) {
            if (!time.isEmpty() && track.times[p] == time) {
                positionsOfRole[track.role].push_back(track.points[static_cast<std::size_t>(p)]);
            }
        }
    }
    // The legend: one line per role, in its colour's words (short lines: the caption is cut
    // at the view's width).
    static const QStringList colourNames{QStringLiteral("cream"), QStringLiteral("red"),
                                         QStringLiteral("blue")};
    QStringList legend;
    for (qsizetype role = 0; role < data.roles.size(); ++role) {
        const QString name = data.roles[role];
        const std::vector<viz::GeoPoint>& here = positionsOfRole[name];
        if (!here.empty()) {
            // Marker sizes are map units at zoom 1: the same size on screen at any zoom.
            scene.addPoints(here, viz::PointSymbol::Circle, trackRoleColour(role),
                            9.0 / std::max(1.0, scene.zoomFactor()));
        }
        legend << QStringLiteral("%1 lines: %2 (%3 tracks, %4 at this time)")
                      .arg(colourNames.value(role % colourNames.size()),
                           name.isEmpty() ? QStringLiteral("all") : name)
                      .arg(tracksOfRole.value(name))
                      .arg(here.size());
    }
    QString caption =
        time.isEmpty()
            ? data.title
            : QStringLiteral("%1 at %2, dots: positions at this time").arg(data.title, time);
    scene.setCaption(caption + QLatin1Char('\n') + legend.join(QStringLiteral("; ")));
}

void zoomMapTo(viz::MapView& map, const GeoExtent& extent, double margin) {
    map.zoomTo(extent.west, extent.south, extent.east, extent.north, margin);
}

} // namespace twins::app
