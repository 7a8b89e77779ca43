// tracks and points result files (CSV, one row per position) converted into the `tracks`
// answer convention, which ExploreAnswerView draws on a map.
#include "ResultAnswers.h"
#include "ResultCsv.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::app {

namespace {

// The column an option names, or the conventional name when the spec gives none.
QString optionColumn(const sdk::ResultSpec& spec, const QString& option, const QString& fallback) {
    const QString named = spec.options.value(option).toString();
    return named.isEmpty() ? fallback : named;
}

QString purpose(const QString& option) {
    return QStringLiteral("options.%1 of the result spec").arg(option);
}

// JSON has no NaN: a missing value is null.
QJsonValue jsonNumber(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

// The latitude and longitude columns every map result needs, checked on every row: a row
// whose position is empty is counted and left out (it cannot be placed), text is an error.
struct PositionColumns {
    int lat = -1;
    int lon = -1;
    int time = -1;
};

PositionColumns positionColumns(const sdk::ResultSpec& spec, const ResultCsv& table) {
    PositionColumns columns;
    columns.lat = table.column(optionColumn(spec, QStringLiteral("lat"), QStringLiteral("lat")),
                               purpose(QStringLiteral("lat")));
    columns.lon = table.column(optionColumn(spec, QStringLiteral("lon"), QStringLiteral("lon")),
                               purpose(QStringLiteral("lon")));
    columns.time =
        table.findColumn(optionColumn(spec, QStringLiteral("time"), QStringLiteral("time")));
    return columns;
}

bool readPosition(const ResultCsv& table, qsizetype row, const PositionColumns& columns,
                  double& lat, double& lon) {
    lat = table.number(row, columns.lat);
    lon = table.number(row, columns.lon);
    return std::isfinite(lat) && std::isfinite(lon);
}

} // namespace

ResultAnswer tracksAnswer(const sdk::ResultSpec& spec, const ResultCsv& table) {
    const PositionColumns position = positionColumns(spec, table);
    const QString idName = spec.options.value(QStringLiteral("id")).toString();
    // Without an id column every row belongs to one track.
    const int id = idName.isEmpty() ? -1 : table.column(idName, purpose(QStringLiteral("id")));
    const QString groupName = spec.options.value(QStringLiteral("group")).toString();
    const int group =
        groupName.isEmpty() ? -1 : table.column(groupName, purpose(QStringLiteral("group")));
    const QString valueName = spec.options.value(QStringLiteral("colour_by")).toString();
    const int value =
        valueName.isEmpty() ? -1 : table.column(valueName, purpose(QStringLiteral("colour_by")));
    QString valueUnits = spec.options.value(QStringLiteral("colour_units")).toString();
    if (valueUnits.isEmpty() && value >= 0) {
        valueUnits = table.units(value);
    }

    // Rows by track (group and id), tracks in order of first appearance; each track's points
    // in time order when there is a time column (ISO 8601 text sorts chronologically).
    QList<QString> trackKeys;
    QHash<QString, QList<qsizetype>> rowsOfTrack;
    QHash<QString, qsizetype> tracksPerGroup;
    qsizetype skipped = 0;
    for (qsizetype row = 0; row < table.rowCount(); ++row) {
        double lat = 0.0;
        double lon = 0.0;
        if (!readPosition(table, row, position, lat, lon)) {
            ++skipped;
            continue;
        }
        const QString groupText = group >= 0 ? table.text(row, group) : QString();
        const QString key = groupText.isEmpty() ? (id >= 0 ? table.text(row, id) : QString())
                                                : groupText + QLatin1Char(' ') +
                                                      (id >= 0 ? table.text(row, id) : QString());
        auto found = rowsOfTrack.find(key);
        if (found == rowsOfTrack.end()) {
            trackKeys.append(key);
            found = rowsOfTrack.insert(key, {});
            ++tracksPerGroup[groupText];
        }
        found->append(row);
    }
    if (trackKeys.isEmpty()) {
        throw ResultAnswerError(QStringLiteral("%1 holds no row with a latitude and longitude "
                                               "(%2 rows read)")
                                    .arg(table.fileName())
                                    .arg(table.rowCount())
                                    .toStdString());
    }

    QJsonArray tracks;
    qsizetype pointCount = 0;
    double largest = -std::numeric_limits<double>::infinity();
    QString firstTime;
    QString lastTime;
    for (const QString& key : trackKeys) {
        QList<qsizetype> rows = rowsOfTrack.value(key);
        if (position.time >= 0) {
            std::stable_sort(rows.begin(), rows.end(), [&](qsizetype a, qsizetype b) {
                return table.text(a, position.time) < table.text(b, position.time);
            });
        }
        QJsonArray points;
        for (qsizetype row : rows) {
            double lat = 0.0;
            double lon = 0.0;
            readPosition(table, row, position, lat, lon);
            QJsonObject point{{"lat", lat}, {"lon", lon}};
            if (position.time >= 0) {
                const QString time = table.text(row, position.time);
                point.insert(QStringLiteral("time"), time);
                if (!time.isEmpty()) {
                    firstTime = firstTime.isEmpty() ? time : std::min(firstTime, time);
                    lastTime = std::max(lastTime, time);
                }
            }
            if (value >= 0) {
                const double x = table.number(row, value);
                point.insert(QStringLiteral("value"), jsonNumber(x));
                if (std::isfinite(x)) {
                    largest = std::max(largest, x);
                }
            }
            points.append(point);
        }
        pointCount += points.size();
        tracks.append(QJsonObject{{"id", key}, {"points", points}});
    }

    QJsonArray metrics{QJsonObject{{"name", "tracks"}, {"value", tracks.size()}}};
    if (group >= 0) {
        QStringList groups = tracksPerGroup.keys();
        groups.sort();
        for (const QString& name : groups) {
            metrics.append(QJsonObject{{"name", QStringLiteral("tracks (%1)").arg(name)},
                                       {"value", tracksPerGroup.value(name)}});
        }
    }
    metrics.append(QJsonObject{{"name", "track points"}, {"value", pointCount}});
    if (skipped > 0) {
        metrics.append(
            QJsonObject{{"name", "rows without a position (not drawn)"}, {"value", skipped}});
    }
    if (std::isfinite(largest)) {
        metrics.append(QJsonObject{{"name", QStringLiteral("largest %1").arg(valueName)},
                                   {"value", largest},
                                   {"units", valueUnits}});
    }
    if (!firstTime.isEmpty()) {
        metrics.append(QJsonObject{{"name", "first time"}, {"value", firstTime}});
        metrics.append(QJsonObject{{"name", "last time"}, {"value", lastTime}});
    }
    QJsonObject answer{{"title", spec.title.isEmpty() ? table.fileName() : spec.title},
                       {"tracks", tracks},
                       {"metrics", metrics}};
    if (value >= 0) {
        answer.insert(QStringLiteral("value"),
                      QJsonObject{{"name", valueName}, {"units", valueUnits}});
    }
    QString note;
    if (group >= 0) {
        // ExploreAnswerView colours every track by value on one scale; the groups are told
        // apart by the table and the track ids, not by colour.
        QStringList groups = tracksPerGroup.keys();
        groups.sort();
        note = QStringLiteral("all tracks (%1) on one colour scale; the table counts each group")
                   .arg(groups.join(QStringLiteral(", ")));
    }
    if (value < 0) {
        note = QStringLiteral("no colour_by column: every track in one colour");
    }
    return {QStringLiteral("tracks"), answer, note};
}

ResultAnswer pointsAnswer(const sdk::ResultSpec& spec, const ResultCsv& table) {
    const PositionColumns position = positionColumns(spec, table);
    const QString valueName = spec.options.value(QStringLiteral("value")).toString();
    const int value =
        valueName.isEmpty() ? -1 : table.column(valueName, purpose(QStringLiteral("value")));
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
    return {QStringLiteral("tracks"),
            QJsonObject{{"title", spec.title.isEmpty() ? table.fileName() : spec.title},
                        {"tracks", QJsonArray{}},
                        {"points", points},
                        {"metrics", metrics}},
            note};
}

} // namespace twins::app
