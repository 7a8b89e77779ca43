#include "ExploreAnswer.h"

#include <QByteArray>
#include <QJsonArray>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace twins::app {

namespace {

[[noreturn]] void refuse(const QString& field, const QString& expected) {
    throw ExploreAnswerError(
        QStringLiteral("answer field '%1': expected %2").arg(field, expected).toStdString());
}

QString text(const QJsonObject& object, const QString& key, const QString& where) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        return {};
    }
    if (!value.isString()) {
        refuse(where + key, QStringLiteral("text"));
    }
    return value.toString();
}

double number(const QJsonValue& value, const QString& field) {
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        refuse(field, QStringLiteral("a finite number"));
    }
    return value.toDouble();
}

QJsonArray array(const QJsonObject& object, const QString& key, const QString& where,
                 bool required) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined() && !required) {
        return {};
    }
    if (!value.isArray()) {
        refuse(where + key, QStringLiteral("an array"));
    }
    return value.toArray();
}

QJsonObject object(const QJsonValue& value, const QString& field) {
    if (!value.isObject()) {
        refuse(field, QStringLiteral("an object"));
    }
    return value.toObject();
}

std::vector<double> numbers(const QJsonArray& values, const QString& field) {
    std::vector<double> result;
    result.reserve(static_cast<std::size_t>(values.size()));
    for (int index = 0; index < values.size(); ++index) {
        const QJsonValue value = values.at(index);
        // null stands for a missing value (an empty bin): JSON has no NaN.
        result.push_back(value.isNull()
                             ? std::numeric_limits<double>::quiet_NaN()
                             : number(value, QStringLiteral("%1[%2]").arg(field).arg(index)));
    }
    return result;
}

QString valueText(const QJsonValue& value) {
    if (value.isDouble()) {
        return QString::number(value.toDouble(), 'g', 6);
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    }
    if (value.isString()) {
        return value.toString();
    }
    return QStringLiteral("–");
}

// "metrics": {name: value} with units from "units": {name: unit}, or an ordered array
// [{"name", "value", "units"}].
QList<ExploreMetric> readMetrics(const QJsonObject& answer, bool required) {
    const QJsonValue metrics = answer.value(QStringLiteral("metrics"));
    QList<ExploreMetric> rows;
    if (metrics.isUndefined() && !required) {
        return rows;
    }
    if (metrics.isArray()) {
        const QJsonArray entries = metrics.toArray();
        for (int index = 0; index < entries.size(); ++index) {
            const QString where = QStringLiteral("metrics[%1].").arg(index);
            const QJsonObject entry = object(entries.at(index), where.chopped(1));
            const QString name = text(entry, QStringLiteral("name"), where);
            if (name.isEmpty()) {
                refuse(where + QStringLiteral("name"), QStringLiteral("non-empty text"));
            }
            rows.append({name, valueText(entry.value(QStringLiteral("value"))),
                         text(entry, QStringLiteral("units"), where)});
        }
        return rows;
    }
    const QJsonObject byName = object(metrics, QStringLiteral("metrics"));
    const QJsonObject units = answer.value(QStringLiteral("units")).toObject();
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        rows.append({it.key(), valueText(it.value()), units.value(it.key()).toString()});
    }
    return rows;
}

// Decodes little-endian float32 cells into x-fastest order (VolumeGrid's).
std::vector<float> decodeCells(const QString& base64, const std::array<int, 3>& dims, bool zFastest,
                               const QString& where) {
    const QByteArray bytes = QByteArray::fromBase64(base64.toLatin1());
    const std::size_t count = static_cast<std::size_t>(dims[0]) * dims[1] * dims[2];
    if (static_cast<std::size_t>(bytes.size()) != count * sizeof(float)) {
        refuse(where + QStringLiteral("float32_base64"),
               QStringLiteral("%1 float32 values (%2 bytes) for dims %3 x %4 x %5, got %6 bytes")
                   .arg(count)
                   .arg(count * sizeof(float))
                   .arg(dims[0])
                   .arg(dims[1])
                   .arg(dims[2])
                   .arg(bytes.size()));
    }
    std::vector<float> cells(count);
    const auto* raw = reinterpret_cast<const uchar*>(bytes.constData());
    for (std::size_t source = 0; source < count; ++source) {
        const float value = qFromLittleEndian<float>(raw + source * sizeof(float));
        std::size_t target = source;
        if (zFastest) { // source index (i * ny + j) * nz + k
            const std::size_t k = source % dims[2];
            const std::size_t j = (source / dims[2]) % dims[1];
            const std::size_t i = source / (static_cast<std::size_t>(dims[2]) * dims[1]);
            target = (k * dims[1] + j) * dims[0] + i;
        }
        cells[target] = value;
    }
    return cells;
}

viz::VolumeGrid readVolume(const QJsonObject& json, const QString& where) {
    viz::VolumeGrid grid;
    const QJsonArray dims = array(json, QStringLiteral("dims"), where, true);
    if (dims.size() != 3) {
        refuse(where + QStringLiteral("dims"), QStringLiteral("[nx, ny, nz]"));
    }
    for (int axis = 0; axis < 3; ++axis) {
        const double size = number(dims.at(axis), where + QStringLiteral("dims"));
        if (size < 1 || size > 4096 || std::trunc(size) != size) {
            refuse(where + QStringLiteral("dims"), QStringLiteral("whole numbers in [1, 4096]"));
        }
        grid.dims[static_cast<std::size_t>(axis)] = static_cast<int>(size);
    }
    const QJsonArray spacing = array(json, QStringLiteral("spacing"), where, false);
    if (!spacing.isEmpty()) {
        if (spacing.size() != 3) {
            refuse(where + QStringLiteral("spacing"), QStringLiteral("[dx, dy, dz]"));
        }
        for (int axis = 0; axis < 3; ++axis) {
            grid.spacing[static_cast<std::size_t>(axis)] =
                number(spacing.at(axis), where + QStringLiteral("spacing"));
        }
    }
    const QJsonArray axes = array(json, QStringLiteral("axes"), where, false);
    const QJsonArray axisUnits = array(json, QStringLiteral("axis_units"), where, false);
    for (int axis = 0; axis < 3; ++axis) {
        if (axes.size() == 3) {
            grid.axisNames[static_cast<std::size_t>(axis)] = axes.at(axis).toString();
        }
        if (axisUnits.size() == 3) {
            grid.axisUnits[static_cast<std::size_t>(axis)] = axisUnits.at(axis).toString();
        }
    }
    const QString order = text(json, QStringLiteral("order"), where);
    if (!order.isEmpty() && order != QLatin1String("x_fastest") &&
        order != QLatin1String("z_fastest")) {
        refuse(where + QStringLiteral("order"), QStringLiteral("x_fastest or z_fastest"));
    }
    grid.values = decodeCells(text(json, QStringLiteral("float32_base64"), where), grid.dims,
                              order == QLatin1String("z_fastest"), where);
    grid.name = text(json, QStringLiteral("name"), where);
    if (grid.name.isEmpty()) {
        refuse(where + QStringLiteral("name"), QStringLiteral("the value's name, e.g. Energy"));
    }
    grid.units = text(json, QStringLiteral("units"), where);
    grid.title = text(json, QStringLiteral("title"), where);
    try {
        viz::validateVolume(grid);
    } catch (const viz::VolumeError& error) {
        throw ExploreAnswerError(QStringLiteral("answer field '%1': %2")
                                     .arg(where.chopped(1), QString::fromUtf8(error.what()))
                                     .toStdString());
    }
    return grid;
}

viz::ComparisonSeries readSeries(const QJsonObject& answer, const QString& key) {
    const QJsonObject json = object(answer.value(key), key);
    viz::ComparisonSeries series;
    series.label = text(json, QStringLiteral("label"), key + QLatin1Char('.'));
    if (series.label.isEmpty()) {
        series.label = key;
    }
    series.values = numbers(array(json, QStringLiteral("values"), key + QLatin1Char('.'), true),
                            key + QStringLiteral(".values"));
    series.errors = numbers(array(json, QStringLiteral("errors"), key + QLatin1Char('.'), false),
                            key + QStringLiteral(".errors"));
    return series;
}

} // namespace

QStringList drawnAnswerKinds() {
    return {QStringLiteral("volume"), QStringLiteral("tracks"), QStringLiteral("metrics_table"),
            QStringLiteral("line_chart"), QStringLiteral("histogram")};
}

ExploreAnswerHeader readAnswerHeader(const QJsonObject& answer) {
    ExploreAnswerHeader header;
    header.title = text(answer, QStringLiteral("title"), QString());
    const QJsonValue conditions = answer.value(QStringLiteral("conditions"));
    if (conditions.isUndefined()) {
        return header;
    }
    QStringList parts;
    const QJsonObject byName = object(conditions, QStringLiteral("conditions"));
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        if (it.value().isObject()) {
            const QJsonObject condition = it.value().toObject();
            const QString units = condition.value(QStringLiteral("units")).toString();
            parts.append(QStringLiteral("%1 %2%3").arg(
                it.key(), valueText(condition.value(QStringLiteral("value"))),
                units.isEmpty() ? QString() : QLatin1Char(' ') + units));
        } else {
            parts.append(QStringLiteral("%1 %2").arg(it.key(), valueText(it.value())));
        }
    }
    header.conditions = parts.join(QStringLiteral(", "));
    return header;
}

ExploreVolumes readVolumeAnswer(const QJsonObject& answer) {
    ExploreVolumes result;
    result.header = readAnswerHeader(answer);
    const QJsonArray volumes = array(answer, QStringLiteral("volumes"), QString(), true);
    if (volumes.isEmpty() || volumes.size() > 2) {
        refuse(
            QStringLiteral("volumes"),
            QStringLiteral("one or two volumes (drawn side by side), got %1").arg(volumes.size()));
    }
    for (int index = 0; index < volumes.size(); ++index) {
        const QString where = QStringLiteral("volumes[%1].").arg(index);
        result.volumes.push_back(readVolume(object(volumes.at(index), where.chopped(1)), where));
    }
    return result;
}

ExploreTracks readTracksAnswer(const QJsonObject& answer) {
    ExploreTracks result;
    result.header = readAnswerHeader(answer);
    const QJsonObject value = answer.value(QStringLiteral("value")).toObject();
    result.valueName = text(value, QStringLiteral("name"), QStringLiteral("value."));
    result.valueUnits = text(value, QStringLiteral("units"), QStringLiteral("value."));
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    const QJsonArray tracks = array(answer, QStringLiteral("tracks"), QString(), true);
    for (int index = 0; index < tracks.size(); ++index) {
        const QString where = QStringLiteral("tracks[%1].").arg(index);
        const QJsonObject json = object(tracks.at(index), where.chopped(1));
        ExploreTrack track;
        track.id = valueText(json.value(QStringLiteral("id")));
        const QJsonArray points = array(json, QStringLiteral("points"), where, true);
        for (int p = 0; p < points.size(); ++p) {
            const QString at = QStringLiteral("%1points[%2]").arg(where).arg(p);
            const QJsonObject point = object(points.at(p), at);
            track.points.push_back({number(point.value(QStringLiteral("lon")), at + ".lon"),
                                    number(point.value(QStringLiteral("lat")), at + ".lat")});
            const QJsonValue v = point.value(QStringLiteral("value"));
            const double x = v.isUndefined() || v.isNull()
                                 ? std::numeric_limits<double>::quiet_NaN()
                                 : number(v, at + ".value");
            track.values.push_back(x);
            if (std::isfinite(x)) {
                low = std::min(low, x);
                high = std::max(high, x);
            }
        }
        result.tracks.push_back(std::move(track));
    }
    const QJsonArray points = array(answer, QStringLiteral("points"), QString(), false);
    for (int p = 0; p < points.size(); ++p) {
        const QString at = QStringLiteral("points[%1]").arg(p);
        const QJsonObject point = object(points.at(p), at);
        result.points.push_back({number(point.value(QStringLiteral("lon")), at + ".lon"),
                                 number(point.value(QStringLiteral("lat")), at + ".lat")});
    }
    // The declared range keeps colours comparable from one answer to the next; without one,
    // the values' own range.
    result.minimum = value.contains(QStringLiteral("minimum"))
                         ? number(value.value(QStringLiteral("minimum")), "value.minimum")
                         : (std::isfinite(low) ? low : 0.0);
    result.maximum = value.contains(QStringLiteral("maximum"))
                         ? number(value.value(QStringLiteral("maximum")), "value.maximum")
                         : (std::isfinite(high) ? high : 1.0);
    if (!(result.maximum > result.minimum)) {
        result.maximum = result.minimum + 1.0; // one value: any span shows it in one colour
    }
    result.metrics = readMetrics(answer, false);
    return result;
}

ExploreMetrics readMetricsAnswer(const QJsonObject& answer) {
    return ExploreMetrics{readAnswerHeader(answer), readMetrics(answer, true)};
}

viz::ComparisonSpec readChartAnswer(const QJsonObject& answer, const QString& kind) {
    viz::ComparisonSpec spec;
    spec.kind = kind == QLatin1String("line_chart") ? viz::ComparisonSpec::Kind::Profile
                                                    : viz::ComparisonSpec::Kind::Histogram;
    const ExploreAnswerHeader header = readAnswerHeader(answer);
    spec.title = header.conditions.isEmpty()
                     ? header.title
                     : QStringLiteral("%1 (%2)").arg(header.title, header.conditions);
    const QJsonObject x = answer.value(QStringLiteral("x")).toObject();
    const QJsonObject y = answer.value(QStringLiteral("y")).toObject();
    spec.xName = text(x, QStringLiteral("name"), QStringLiteral("x."));
    spec.xUnits = text(x, QStringLiteral("units"), QStringLiteral("x."));
    spec.yName = text(y, QStringLiteral("name"), QStringLiteral("y."));
    spec.yUnits = text(y, QStringLiteral("units"), QStringLiteral("y."));
    if (spec.xName.isEmpty() || spec.yName.isEmpty()) {
        refuse(QStringLiteral("x.name, y.name"), QStringLiteral("axis names for the chart"));
    }
    spec.binEdges = numbers(array(answer, QStringLiteral("bin_edges"), QString(), true),
                            QStringLiteral("bin_edges"));
    spec.reference = readSeries(answer, QStringLiteral("reference"));
    spec.generated = readSeries(answer, QStringLiteral("generated"));
    spec.logY = answer.value(QStringLiteral("log_y")).toBool(false);
    try {
        viz::validateComparison(spec);
    } catch (const viz::ComparisonChartError& error) {
        throw ExploreAnswerError(
            QStringLiteral("answer: %1").arg(QString::fromUtf8(error.what())).toStdString());
    }
    return spec;
}

} // namespace twins::app
