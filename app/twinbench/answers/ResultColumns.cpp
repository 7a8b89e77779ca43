#include "answers/ResultColumns.h"

#include <cmath>

namespace twins::app {

ResultCsv readResultCsv(const sdk::ResultSpec& spec, const QString& path) {
    return ResultCsv::read(path, spec.options.value(QStringLiteral("units_row")).toBool(false));
}

QString optionColumn(const sdk::ResultSpec& spec, const QString& option, const QString& fallback) {
    const QString named = spec.options.value(option).toString();
    return named.isEmpty() ? fallback : named;
}

QString optionPurpose(const QString& option) {
    return QStringLiteral("options.%1 of the result spec").arg(option);
}

QJsonValue jsonNumber(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonArray jsonNumbers(const std::vector<double>& values) {
    QJsonArray array;
    for (double value : values) {
        array.append(jsonNumber(value));
    }
    return array;
}

PositionColumns positionColumns(const sdk::ResultSpec& spec, const ResultCsv& table) {
    PositionColumns columns;
    columns.lat = table.column(optionColumn(spec, QStringLiteral("lat"), QStringLiteral("lat")),
                               optionPurpose(QStringLiteral("lat")));
    columns.lon = table.column(optionColumn(spec, QStringLiteral("lon"), QStringLiteral("lon")),
                               optionPurpose(QStringLiteral("lon")));
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

} // namespace twins::app
