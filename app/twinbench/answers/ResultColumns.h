#pragma once

#include "answers/ResultCsv.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

#include <vector>

namespace twins::app {

// What the CSV result kinds share: reading the file the spec names and finding the columns
// its options name.

// The spec's CSV output (with a units row when options.units_row is true).
ResultCsv readResultCsv(const sdk::ResultSpec& spec, const QString& path);
// The column an option names, or the conventional name when the spec gives none.
QString optionColumn(const sdk::ResultSpec& spec, const QString& option, const QString& fallback);
// "options.lat of the result spec": what a column is for, in messages.
QString optionPurpose(const QString& option);
// JSON has no NaN: a missing value is null.
QJsonValue jsonNumber(double value);
QJsonArray jsonNumbers(const std::vector<double>& values);

// The latitude and longitude columns every map result needs, checked on every row: a row
// whose position is empty is counted and left out (it cannot be placed), text is an error.
struct PositionColumns {
    int lat = -1;
    int lon = -1;
    int time = -1;
};
PositionColumns positionColumns(const sdk::ResultSpec& spec, const ResultCsv& table);
bool readPosition(const ResultCsv& table, qsizetype row, const PositionColumns& columns,
                  double& lat, double& lon);

} // namespace twins::app
