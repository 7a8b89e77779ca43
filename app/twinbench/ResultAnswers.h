#pragma once

#include "ResultAnswerError.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonObject>
#include <QString>

namespace twins::app {

class ResultCsv;

// A run's result file turned into an answer object of plugins/README.md's answer conventions,
// so the Explore dock's ExploreAnswerView draws finished runs exactly like what-if answers.
struct ResultAnswer {
    QString kind;       // the answer kind to draw it as: tracks, metrics_table, volume, ...
    QJsonObject answer; // following that kind's convention
    // What the figure shows beyond the answer itself (e.g. "the background field is not
    // drawn"), for the caption; empty when the answer says it all.
    QString note;
};

// Result kinds shown in the main window's map view rather than as an answer.
bool isMapResultKind(const QString& kind);
// Result kinds readResultAnswer converts.
bool isAnswerResultKind(const QString& kind);

// The absolute path of the spec's output in a run's outputs/ directory.
QString resultOutputPath(const sdk::ResultSpec& spec, const QString& outputsDirectory);

// Reads the spec's output under `outputsDirectory` and converts it by kind. Blocking file
// I/O: call it off the GUI thread. Throws ResultAnswerError naming the file and what was
// expected (a missing column, a value that is not a number, a kind that has no answer form).
ResultAnswer readResultAnswer(const sdk::ResultSpec& spec, const QString& outputsDirectory);

// One converter per kind, for tests and for readResultAnswer.
// tracks: options id, time, lat, lon, colour_by, colour_units, group, units_row.
ResultAnswer tracksAnswer(const sdk::ResultSpec& spec, const ResultCsv& table);
// points: options time, lat, lon, value (drawn as points on an empty map).
ResultAnswer pointsAnswer(const sdk::ResultSpec& spec, const ResultCsv& table);
// metrics_table: a JSON object of metrics, or one holding them under "metrics" (model.json).
ResultAnswer metricsAnswer(const sdk::ResultSpec& spec, const QString& path);
// histogram: options value, group (two samples), facet, bins.
ResultAnswer histogramAnswer(const sdk::ResultSpec& spec, const ResultCsv& table);
// line_chart: options x, series (two) or ratio_to, bands, facet, x_label, y_label, log_y.
ResultAnswer lineChartAnswer(const sdk::ResultSpec& spec, const ResultCsv& table);
// volume: one event of an HDF5 variable (options event_dimension, conditions, axes,
// spacing_mm), the first event.
ResultAnswer volumeAnswer(const sdk::ResultSpec& spec, const QString& path);

} // namespace twins::app
