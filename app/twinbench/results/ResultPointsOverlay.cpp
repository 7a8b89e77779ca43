#include "results/ResultPointsOverlay.h"

#include "answers/ResultAnswers.h"
#include "answers/ResultCsv.h"
#include "twinbench/data/CfTime.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/viz/MapScene.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>

#include <cmath>
#include <exception>
#include <numbers>

namespace twins::app {

namespace {

constexpr double kmPerDegree = 111.2;

QJsonObject backgroundOption(const sdk::ResultSpec& spec) {
    return spec.options.value(QStringLiteral("background")).toObject();
}

// The column an option names, or the conventional name when the spec gives none.
QString optionColumn(const sdk::ResultSpec& spec, const QString& option, const QString& fallback) {
    const QString named = spec.options.value(option).toString();
    return named.isEmpty() ? fallback : named;
}

QString purpose(const QString& option) {
    return QStringLiteral("options.%1 of the result spec").arg(option);
}

} // namespace

PointsOverlayData readPointsOverlay(const sdk::ResultSpec& spec, const QString& runDirectory) {
    PointsOverlayData data;
    const QString outputs = QDir(runDirectory).filePath(QStringLiteral("outputs"));
    const QString csvPath = resultOutputPath(spec, outputs);
    data.csvName = QFileInfo(csvPath).fileName();
    data.title = spec.title.isEmpty() ? data.csvName : spec.title;
    const QJsonObject background = backgroundOption(spec);
    data.variable = background.value(QStringLiteral("variable")).toString();
    data.symmetric = background.value(QStringLiteral("symmetric")).toBool(false);
    data.background = findPointsBackground(spec, runDirectory);
    if (data.background.path.isEmpty()) {
        data.error = data.background.why;
        return data;
    }
    try {
        // The background's time axis, decoded as the time slider labels it.
        readBackgroundTimes(data.background.path, data.variable, data.timeDimension,
                            data.stepTimes);
        if (data.timeDimension.isEmpty()) {
            data.error = QStringLiteral("%1 in %2 has no CF time dimension to match the times "
                                        "of %3 with")
                             .arg(data.variable, data.background.path, data.csvName);
            return data;
        }

        const ResultCsv table =
            ResultCsv::read(csvPath, spec.options.value(QStringLiteral("units_row")).toBool(false));
        const int lat =
            table.column(optionColumn(spec, QStringLiteral("lat"), QStringLiteral("lat")),
                         purpose(QStringLiteral("lat")));
        const int lon =
            table.column(optionColumn(spec, QStringLiteral("lon"), QStringLiteral("lon")),
                         purpose(QStringLiteral("lon")));
        const int time =
            table.column(optionColumn(spec, QStringLiteral("time"), QStringLiteral("time")),
                         purpose(QStringLiteral("time")));
        const QString northName = spec.options.value(QStringLiteral("ellipse_north_km")).toString();
        const QString eastName = spec.options.value(QStringLiteral("ellipse_east_km")).toString();
        const int north =
            northName.isEmpty()
                ? -1
                : table.column(northName, purpose(QStringLiteral("ellipse_north_km")));
        const int east = eastName.isEmpty()
                             ? -1
                             : table.column(eastName, purpose(QStringLiteral("ellipse_east_km")));
        if (north >= 0 && east >= 0) {
            data.ellipseColumns = northName + QStringLiteral(" × ") + eastName;
        }

        QHash<QString, std::size_t> stepOfTime;
        for (qsizetype index = 0; index < data.stepTimes.size(); ++index) {
            stepOfTime.insert(data.stepTimes[index], static_cast<std::size_t>(index));
        }
        data.detectionsOfStep.resize(static_cast<std::size_t>(data.stepTimes.size()));
        for (qsizetype row = 0; row < table.rowCount(); ++row) {
            PointDetection detection;
            detection.centre = {table.number(row, lon), table.number(row, lat)};
            if (!std::isfinite(detection.centre.lat) || !std::isfinite(detection.centre.lon)) {
                continue; // no position: nothing to place (the dock's table counts them)
            }
            const auto step = stepOfTime.find(normalisedIsoTime(table.text(row, time)));
            if (step == stepOfTime.end()) {
                ++data.unmatchedRows;
                continue;
            }
            if (north >= 0 && east >= 0) {
                detection.northKm = table.number(row, north);
                detection.eastKm = table.number(row, east);
            }
            data.detectionsOfStep[*step].push_back(detection);
        }
    } catch (const std::exception& error) {
        data.error = QString::fromUtf8(error.what());
        return data;
    }
    bool first = true;
    for (std::size_t step = 0; step < data.detectionsOfStep.size(); ++step) {
        if (!data.detectionsOfStep[step].empty()) {
            ++data.stepsWithDetections;
            if (first) {
                data.firstStep = step;
                first = false;
            }
        }
    }
    if (data.stepsWithDetections == 0) {
        data.error =
            QStringLiteral("no row of %1 is at a time step of %2 in %3 (%4 to %5)")
                .arg(data.csvName, data.variable, data.background.path, data.stepTimes.value(0),
                     data.stepTimes.value(data.stepTimes.size() - 1));
    }
    return data;
}

std::vector<viz::GeoPoint> ellipsePolyline(viz::GeoPoint centre, double northKm, double eastKm,
                                           int segments) {
    const double northDegrees = northKm / kmPerDegree;
    // Near the poles a degree of longitude shrinks to nothing: keep the ellipse finite there.
    const double eastDegrees =
        eastKm / (kmPerDegree * std::max(std::cos(centre.lat * std::numbers::pi / 180.0), 0.01));
    std::vector<viz::GeoPoint> points;
    points.reserve(static_cast<std::size_t>(segments) + 1);
    for (int i = 0; i <= segments; ++i) { // the last point repeats the first: closed
        const double angle = 2.0 * std::numbers::pi * (i % segments) / segments;
        points.push_back({centre.lon + eastDegrees * std::cos(angle),
                          std::clamp(centre.lat + northDegrees * std::sin(angle), -90.0, 90.0)});
    }
    return points;
}

void drawPointsOverlay(const PointsOverlayData& data, std::size_t step, viz::MapScene& scene) {
    scene.clearOverlays();
    const std::vector<PointDetection> none;
    const std::vector<PointDetection>& detections =
        step < data.detectionsOfStep.size() ? data.detectionsOfStep[step] : none;
    std::vector<viz::GeoPoint> centres;
    qsizetype ellipses = 0;
    for (const PointDetection& detection : detections) {
        centres.push_back(detection.centre);
        if (std::isfinite(detection.northKm) && std::isfinite(detection.eastKm) &&
            detection.northKm > 0.0 && detection.eastKm > 0.0) {
            const auto outline =
                ellipsePolyline(detection.centre, detection.northKm, detection.eastKm);
            // addTrack is MapScene's polyline overlay and colours by a colour map: one value at
            // the bottom of magma draws the whole ellipse black, visible on every colour map
            // Twinbench offers.
            scene.addTrack(outline, std::vector<double>(outline.size(), 0.0),
                           QStringLiteral("magma"), 0.0, 1.0);
            ++ellipses;
        }
    }
    if (!centres.empty()) {
        scene.addPoints(centres, viz::PointSymbol::Circle,
                        QColor(pointsOverlayRed, pointsOverlayGreen, pointsOverlayBlue),
                        8.0 / std::max(1.0, scene.zoomFactor())); // same size at any zoom
    }
    // Short lines: each caption line is cut at the width of the view.
    const QString time = data.stepTimes.value(static_cast<qsizetype>(step));
    QString caption = QStringLiteral("%1 at %2: %3 detection(s), orange dots\n")
                          .arg(data.title, time)
                          .arg(detections.size());
    if (ellipses > 0) {
        caption +=
            QStringLiteral("black ellipses: position spread (%1 km); ").arg(data.ellipseColumns);
    }
    caption += QStringLiteral("%1 of %2 time steps have detections")
                   .arg(data.stepsWithDetections)
                   .arg(data.stepTimes.size());
    if (data.unmatchedRows > 0) {
        caption += QStringLiteral("\nnot drawn: %1 row(s) of %2 at times that %3 does not have")
                       .arg(data.unmatchedRows)
                       .arg(data.csvName, QFileInfo(data.background.path).fileName());
    }
    scene.setCaption(caption);
}

} // namespace twins::app
