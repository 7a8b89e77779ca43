// points result files (CSV, one row per detection) converted into the tracks answer with
// points and no tracks.
#include "answers/kinds/points/PointsResult.h"

#include "answers/AnswerKinds.h"
#include "answers/ResultColumns.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::app {

namespace {
const QString pointsKindName = QStringLiteral("points");
// Points are drawn by the tracks page, as tracks without lines.
const QString tracksKindName = QStringLiteral("tracks");
} // namespace

ResultAnswer pointsAnswer(const sdk::ResultSpec& spec, const ResultCsv& table) {
    const PositionColumns position = positionColumns(spec, table);
    const QString valueName = spec.options.value(QStringLiteral("value")).toString();
    const int value =
        valueName.isEmpty() ? -1 : table.column(valueName, optionPurpose(QStringLiteral("value")));
    QJsonArray points;
    QStringList times;
    qsizetype skipped = 0;
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    double sum = 0.0;
    qsizetype valued = 0;
    for (qsizetype row = 0; row < table.rowCount(); ++row) {
        double lat = 0.0;
        double lon = 0.0;
        if (!readPosition(table, row, position, lat, lon)) {
            ++skipped;
            continue;
        }
        QJsonObject point{{"lat", lat}, {"lon", lon}};
        if (position.time >= 0) {
            times.append(table.text(row, position.time));
        }
        if (value >= 0) {
            const double x = table.number(row, value);
            if (std::isfinite(x)) {
                low = std::min(low, x);
                high = std::max(high, x);
                sum += x;
                ++valued;
                point.insert(QStringLiteral("label"),
                             QStringLiteral("%1 %2").arg(valueName).arg(x, 0, 'g', 3));
            }
        }
        points.append(point);
    }
    times.removeDuplicates();
    QJsonArray metrics{QJsonObject{{"name", "points"}, {"value", points.size()}}};
    if (position.time >= 0) {
        metrics.append(QJsonObject{{"name", "time steps"}, {"value", times.size()}});
    }
    if (valued > 0) {
        metrics.append(
            QJsonObject{{"name", QStringLiteral("smallest %1").arg(valueName)}, {"value", low}});
        metrics.append(QJsonObject{{"name", QStringLiteral("mean %1").arg(valueName)},
                                   {"value", sum / static_cast<double>(valued)}});
        metrics.append(
            QJsonObject{{"name", QStringLiteral("largest %1").arg(valueName)}, {"value", high}});
    }
    if (skipped > 0) {
        metrics.append(
            QJsonObject{{"name", "rows without a position (not drawn)"}, {"value", skipped}});
    }
    // What the figure shows and does not, stated on it: every time step at once, and no
    // background field (the spec's background comes from the run's input).
    QString note =
        QStringLiteral("Orange dots: %1 points of %2").arg(points.size()).arg(table.fileName());
    if (position.time >= 0 && times.size() > 1) {
        note += QStringLiteral(", all %1 time steps at once").arg(times.size());
    }
    const QJsonObject background = spec.options.value(QStringLiteral("background")).toObject();
    if (!background.isEmpty()) {
        // ResultView adds why (the file looked for, where); the main window draws it with
        // the points when the run's inputs hold it (ResultPointsOverlay.h).
        note += QStringLiteral("; background %1 of the input's %2 not drawn")
                    .arg(background.value(QStringLiteral("variable")).toString(),
                         background.value(QStringLiteral("from_input")).toString());
    }
    return {tracksKindName,
            QJsonObject{{"title", spec.title.isEmpty() ? table.fileName() : spec.title},
                        {"tracks", QJsonArray{}},
                        {"points", points},
                        {"metrics", metrics}},
            note, true};
}

bool isPointsResultWithBackground(const sdk::ResultSpec& spec) {
    return spec.kind == pointsKindName &&
           spec.options.value(QStringLiteral("background")).isObject();
}

AnswerKind pointsAnswerKind() {
    AnswerKind kind;
    kind.name = pointsKindName;
    kind.drawnAs = tracksKindName;
    kind.readResult = [](const sdk::ResultSpec& spec, const QString& path) {
        return pointsAnswer(spec, readResultCsv(spec, path));
    };
    return kind;
}

} // namespace twins::app
