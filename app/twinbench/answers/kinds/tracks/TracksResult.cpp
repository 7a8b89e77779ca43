// tracks result files (CSV, one row per position) converted into the tracks answer.
#include "answers/ResultColumns.h"
#include "answers/kinds/tracks/TracksAnswer.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::app {

ResultAnswer tracksAnswer(const sdk::ResultSpec& spec, const ResultCsv& table) {
    const PositionColumns position = positionColumns(spec, table);
    const QString idName = spec.options.value(QStringLiteral("id")).toString();
    // Without an id column every row belongs to one track.
    const int id =
        idName.isEmpty() ? -1 : table.column(idName, optionPurpose(QStringLiteral("id")));
    const QString groupName = spec.options.value(QStringLiteral("group")).toString();
    const int group =
        groupName.isEmpty() ? -1 : table.column(groupName, optionPurpose(QStringLiteral("group")));
    const QString valueName = spec.options.value(QStringLiteral("colour_by")).toString();
    const int value = valueName.isEmpty()
                          ? -1
                          : table.column(valueName, optionPurpose(QStringLiteral("colour_by")));
    QString valueUnits = spec.options.value(QStringLiteral("colour_units")).toString();
    if (valueUnits.isEmpty() && value >= 0) {
        valueUnits = table.units(value);
    }

    // Rows by track (group and id), tracks in order of first appearance; each track's points
    // in time order when there is a time column (ISO 8601 text sorts chronologically).
    QList<QString> trackKeys;
    QHash<QString, QList<qsizetype>> rowsOfTrack;
    QHash<QString, qsizetype> tracksPerGroup;
    QHash<QString, QString> groupOfTrack; // the track's role (e.g. truth or detected)
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
            groupOfTrack.insert(key, groupText);
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
        QJsonObject track{{"id", key}, {"points", points}};
        if (group >= 0) {
            // The group column is the track's role: views tell roles apart by style.
            track.insert(QStringLiteral("role"), groupOfTrack.value(key));
        }
        tracks.append(track);
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

} // namespace twins::app
