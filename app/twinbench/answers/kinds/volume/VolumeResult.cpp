// volume result files (HDF5/NetCDF: an events x nx x ny x nz variable, e.g. calogan's
// showers.h5) converted into the `volume` answer convention: the first event, with the
// conditions it was made for, drawn by the volume page.
#include "answers/ResultDataset.h"
#include "answers/kinds/volume/VolumeAnswer.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"

#include <QByteArray>
#include <QFileInfo>
#include <QJsonArray>
#include <QtEndian>

#include <cmath>

namespace twins::app {

namespace {

// Little-endian float32 cells; NaN (masked cells) is drawn as nothing, i.e. 0.
QString float32Base64(const std::vector<double>& values) {
    QByteArray bytes(static_cast<qsizetype>(values.size() * sizeof(float)), Qt::Uninitialized);
    auto* out = reinterpret_cast<uchar*>(bytes.data());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const float value = std::isfinite(values[i]) ? static_cast<float>(values[i]) : 0.0f;
        qToLittleEndian<float>(value, out + i * sizeof(float));
    }
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

ResultAnswer volumeAnswer(const sdk::ResultSpec& spec, const QString& path) {
    const QString file = QFileInfo(path).fileName();
    try {
        const ResultVariable opened = openResultVariable(spec, path, QStringLiteral("a volume"));
        const data::Dataset* dataset = opened.dataset.get();
        const data::DatasetVariable* variable = opened.variable;
        // The event dimension (showers) and three grid dimensions; a plain 3-D grid is one
        // event.
        const int eventDimension =
            variable->rank() == 4 ? spec.options.value(QStringLiteral("event_dimension")).toInt(0)
                                  : -1;
        if ((variable->rank() != 3 && variable->rank() != 4) || eventDimension > 3 ||
            eventDimension < -1) {
            refuseResult(file,
                         QStringLiteral("'%1' has %2 dimensions: expected a 3-D grid or events "
                                        "x 3-D grid (options.event_dimension)")
                             .arg(spec.variable)
                             .arg(variable->rank()));
        }
        data::Hyperslab slab;
        QJsonArray dims;
        std::size_t events = 1;
        for (std::size_t axis = 0; axis < variable->rank(); ++axis) {
            slab.start.push_back(0);
            if (static_cast<int>(axis) == eventDimension) {
                events = variable->shape[axis];
                slab.count.push_back(1);
            } else {
                slab.count.push_back(variable->shape[axis]);
                dims.append(static_cast<double>(variable->shape[axis]));
            }
        }
        if (events == 0) {
            refuseResult(file, QStringLiteral("'%1' holds no events").arg(spec.variable));
        }
        const std::vector<double> values = dataset->readDecoded(*variable, slab);
        // The file's order is C order over the grid dimensions: the last one varies fastest.
        QJsonObject volume{
            {"name", spec.variable},
            {"units",
             spec.units.isEmpty() ? QString::fromStdString(variable->units()) : spec.units},
            {"title", events > 1
                          ? QStringLiteral("%1, event 1 of %2").arg(spec.variable).arg(events)
                          : spec.variable},
            {"dims", dims},
            {"order", "z_fastest"},
            {"float32_base64", float32Base64(values)}};
        const QJsonArray axes = spec.options.value(QStringLiteral("axes")).toArray();
        if (axes.size() == 3) {
            volume.insert(QStringLiteral("axes"), axes);
        }
        const QJsonArray spacing = spec.options.value(QStringLiteral("spacing_mm")).toArray();
        if (spacing.size() == 3) {
            volume.insert(QStringLiteral("spacing"), spacing);
            volume.insert(QStringLiteral("axis_units"), QJsonArray{"mm", "mm", "mm"});
        }
        // Each condition is the first element of a per-event variable (energy, theta).
        QJsonObject conditions;
        for (const QJsonValue& name : spec.options.value(QStringLiteral("conditions")).toArray()) {
            const data::DatasetVariable* condition =
                dataset->findVariable(name.toString().toStdString());
            if (condition == nullptr || condition->rank() == 0) {
                refuseResult(file, QStringLiteral("no per-event variable '%1' (options.conditions)")
                                       .arg(name.toString()));
            }
            data::Hyperslab first;
            first.start.assign(condition->rank(), 0);
            first.count.assign(condition->rank(), 1);
            const double value = dataset->readDecoded(*condition, first).front();
            conditions.insert(
                name.toString(),
                QJsonObject{{"value", std::isfinite(value) ? QJsonValue(value) : QJsonValue()},
                            {"units", QString::fromStdString(condition->units())}});
        }
        QJsonObject answer{{"title", spec.title.isEmpty() ? file : spec.title},
                           {"volumes", QJsonArray{volume}}};
        if (!conditions.isEmpty()) {
            answer.insert(QStringLiteral("conditions"), conditions);
        }
        if (!spec.colormap.isEmpty()) {
            answer.insert(QStringLiteral("colormap"), spec.colormap);
        }
        return {QStringLiteral("volume"), answer, {}};
    } catch (const data::DataError& error) {
        refuseResult(file, QString::fromStdString(error.reason()));
    }
}

} // namespace twins::app
