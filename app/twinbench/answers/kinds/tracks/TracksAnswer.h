#pragma once

#include "answers/AnswerJson.h"
#include "answers/ResultAnswers.h"
#include "answers/ResultCsv.h"
#include "twinbench/viz/MapProjection.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace twins::app {

// tracks: lines on a map coloured by a value, optional points, a metrics table below.
struct ExploreTrack {
    QString id;
    QString role; // "truth", "detected", ...: views tell roles apart by style; "" without
    std::vector<viz::GeoPoint> points;
    std::vector<double> values;
    QStringList times; // one per point ("" when the answer gives none)
};

struct ExploreTracks {
    ExploreAnswerHeader header;
    QString valueName;
    QString valueUnits;
    double minimum = 0.0; // colour range of the track values
    double maximum = 1.0;
    std::vector<ExploreTrack> tracks;
    std::vector<viz::GeoPoint> points;
    QList<ExploreMetric> metrics;
};

// Throws ExploreAnswerError for an answer that does not follow the convention.
ExploreTracks readTracksAnswer(const QJsonObject& answer);

// A tracks result file (CSV, one row per position): options id, time, lat, lon, colour_by,
// colour_units, group, units_row.
ResultAnswer tracksAnswer(const sdk::ResultSpec& spec, const ResultCsv& table);

} // namespace twins::app
