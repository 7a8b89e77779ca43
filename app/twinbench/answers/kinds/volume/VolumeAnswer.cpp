// The volume answer convention read from JSON (plugins/README.md, "volume").
#include "answers/kinds/volume/VolumeAnswer.h"

#include <QByteArray>
#include <QJsonArray>
#include <QtEndian>

#include <array>
#include <cmath>

namespace twins::app {

using namespace answerjson;

namespace {

// Decodes little-endian float32 cells into x-fastest order (VolumeGrid's).
std::vector<float> decodeCells(const QJsonObject& json, const std::array<int, 3>& dims,
                               bool zFastest, const QString& where) {
    const std::size_t count = static_cast<std::size_t>(dims[0]) * dims[1] * dims[2];
    const std::vector<float> values = littleEndianFloats(
        base64Bytes(json, QStringLiteral("float32_base64"), where, count * sizeof(float),
                    QStringLiteral("%1 float32 values for dims %2 x %3 x %4")
                        .arg(count)
                        .arg(dims[0])
                        .arg(dims[1])
                        .arg(dims[2])));
    std::vector<float> cells(count);
    for (std::size_t source = 0; source < count; ++source) {
        const float value = values[source];
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
    grid.values = decodeCells(json, grid.dims, order == QLatin1String("z_fastest"), where);
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

} // namespace

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

} // namespace twins::app
