// The map answer convention read from JSON (plugins/README.md, "map").
#include "answers/kinds/map/MapAnswer.h"

#include "twinbench/data/FieldSlice.h"

#include <QByteArray>
#include <QJsonArray>
#include <QSet>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::app {

using namespace answerjson;

namespace {

// A global 0.05 degree grid is 7200 x 3600; anything larger is not an interactive answer.
constexpr int largestSide = 8192;

int side(const QJsonObject& json, const QString& key) {
    return wholeNumber(json.value(key), QStringLiteral("map.") + key, largestSide);
}

// Cell centres start + i * step, i < count, as given (north first when step < 0).
std::vector<double> centres(const QJsonObject& json, const QString& key, int count, double lowest,
                            double highest) {
    const QString where = QStringLiteral("map.%1").arg(key);
    const QJsonObject axis = object(json.value(key), where);
    const double start = number(axis.value(QStringLiteral("start")), where + ".start");
    const double step = number(axis.value(QStringLiteral("step")), where + ".step");
    if (count > 1 && step == 0.0) {
        refuse(where + ".step", QStringLiteral("a non-zero spacing of the cell centres"));
    }
    std::vector<double> values(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        values[static_cast<std::size_t>(i)] = start + i * step;
    }
    const auto [low, high] = std::minmax(values.front(), values.back());
    if (low < lowest || high > highest) {
        refuse(where,
               QStringLiteral("cell centres within [%1, %2], got %3 to %4 (start %5, step %6)")
                   .arg(lowest)
                   .arg(highest)
                   .arg(low)
                   .arg(high)
                   .arg(start)
                   .arg(step));
    }
    return values;
}

std::optional<std::pair<double, double>> colourRange(const QJsonObject& json,
                                                     const QString& where) {
    if (!json.contains(QStringLiteral("range"))) {
        return std::nullopt;
    }
    const std::vector<double> range =
        numbers(array(json, QStringLiteral("range"), where, true), where + QStringLiteral("range"));
    if (range.size() != 2 || !(range[0] < range[1])) {
        refuse(where + QStringLiteral("range"), QStringLiteral("[low, high] with low < high"));
    }
    return std::make_pair(range[0], range[1]);
}

} // namespace

const MapAnswerField* MapAnswer::field(const QString& name) const {
    for (const MapAnswerField& candidate : fields) {
        if (candidate.name == name) {
            return &candidate;
        }
    }
    return nullptr;
}

const MapAnswerField* MapAnswer::uncertaintyOf(const QString& name) const {
    for (const MapAnswerField& candidate : fields) {
        if (candidate.uncertaintyOf == name) {
            return &candidate;
        }
    }
    return nullptr;
}

MapAnswer readMapAnswer(const QJsonObject& answer) {
    MapAnswer result;
    result.header = readAnswerHeader(answer);
    const QJsonObject json = object(answer.value(QStringLiteral("map")), QStringLiteral("map"));
    result.rows = side(json, QStringLiteral("rows"));
    result.columns = side(json, QStringLiteral("columns"));
    const QString order = text(json, QStringLiteral("order"), QStringLiteral("map."));
    if (!order.isEmpty() && order != QLatin1String("row_major_north_first") &&
        order != QLatin1String("row_major")) {
        refuse(QStringLiteral("map.order"),
               QStringLiteral("row_major (rows in the order of map.latitude) or "
                              "row_major_north_first, got '%1'")
                   .arg(order));
    }
    const std::vector<double> latitudes =
        centres(json, QStringLiteral("latitude"), result.rows, -90.0, 90.0);
    const std::vector<double> longitudes =
        centres(json, QStringLiteral("longitude"), result.columns, -360.0, 360.0);
    // FieldSlice wants both axes ascending: rows given north first are flipped.
    const bool flipRows = latitudes.front() > latitudes.back();
    const bool flipColumns = longitudes.front() > longitudes.back();

    const QJsonArray fields = array(json, QStringLiteral("fields"), QStringLiteral("map."), true);
    if (fields.isEmpty()) {
        refuse(QStringLiteral("map.fields"), QStringLiteral("at least one field"));
    }
    const std::size_t cells = static_cast<std::size_t>(result.rows) * result.columns;
    QSet<QString> names;
    for (int index = 0; index < fields.size(); ++index) {
        const QString where = QStringLiteral("map.fields[%1].").arg(index);
        const QJsonObject entry = object(fields.at(index), where.chopped(1));
        MapAnswerField field;
        field.name = text(entry, QStringLiteral("name"), where);
        if (field.name.isEmpty()) {
            refuse(where + QStringLiteral("name"), QStringLiteral("non-empty text"));
        }
        if (names.contains(field.name)) {
            refuse(where + QStringLiteral("name"),
                   QStringLiteral("a name no other field has, got '%1' twice").arg(field.name));
        }
        names.insert(field.name);
        field.title = text(entry, QStringLiteral("title"), where);
        field.units = text(entry, QStringLiteral("units"), where);
        field.colorMap = text(entry, QStringLiteral("colormap"), where);
        field.range = colourRange(entry, where);
        field.symmetric = entry.value(QStringLiteral("symmetric")).toBool(false);
        field.uncertaintyOf = text(entry, QStringLiteral("uncertainty_of"), where);
        const std::vector<float> cellValues = littleEndianFloats(
            base64Bytes(entry, QStringLiteral("float32_base64"), where, cells * sizeof(float),
                        QStringLiteral("rows x columns float32 values")));
        auto slice = std::make_shared<data::FieldSlice>();
        slice->path = "what-if answer"; // the figure's source line
        slice->variable = field.name.toStdString();
        slice->longName = (field.title.isEmpty() ? field.name : field.title).toStdString();
        slice->units = field.units.toStdString();
        slice->xName = "longitude";
        slice->yName = "latitude";
        slice->xUnits = "degrees_east";
        slice->yUnits = "degrees_north";
        slice->width = static_cast<std::size_t>(result.columns);
        slice->height = static_cast<std::size_t>(result.rows);
        slice->x = longitudes;
        slice->y = latitudes;
        if (flipColumns) {
            std::reverse(slice->x.begin(), slice->x.end());
        }
        if (flipRows) {
            std::reverse(slice->y.begin(), slice->y.end());
        }
        slice->values.resize(cells);
        slice->minimum = std::numeric_limits<double>::infinity();
        slice->maximum = -std::numeric_limits<double>::infinity();
        for (std::size_t row = 0; row < slice->height; ++row) {
            const std::size_t fromRow = flipRows ? slice->height - 1 - row : row;
            for (std::size_t column = 0; column < slice->width; ++column) {
                const std::size_t fromColumn = flipColumns ? slice->width - 1 - column : column;
                const float value = cellValues[fromRow * slice->width + fromColumn];
                slice->values[row * slice->width + column] = value;
                if (std::isfinite(value)) {
                    slice->minimum = std::min<double>(slice->minimum, value);
                    slice->maximum = std::max<double>(slice->maximum, value);
                    ++slice->finiteCount;
                }
            }
        }
        if (slice->finiteCount == 0) {
            slice->minimum = slice->maximum = 0.0;
        }
        field.slice = std::move(slice);
        result.fields.append(field);
    }
    for (int index = 0; index < result.fields.size(); ++index) {
        const QString& of = result.fields[index].uncertaintyOf;
        if (!of.isEmpty() && (of == result.fields[index].name || !names.contains(of))) {
            refuse(QStringLiteral("map.fields[%1].uncertainty_of").arg(index),
                   QStringLiteral("the name of another field, got '%1'").arg(of));
        }
    }
    result.metrics = metrics(answer, false);
    return result;
}

} // namespace twins::app
