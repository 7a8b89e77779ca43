#pragma once

#include "answers/AnswerJson.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <utility>

namespace twins::data {
struct FieldSlice;
}

namespace twins::app {

// One field of a map answer, ready for the map view: a lon/lat FieldSlice with latitude
// ascending (the answer's rows may run north first) and what the answer says about drawing it.
struct MapAnswerField {
    QString name;
    QString title; // the field's own title; empty: its name
    QString units;
    QString colorMap; // a ColorMap name; empty: the page's choice (viridis, coolwarm if symmetric)
    std::optional<std::pair<double, double>> range; // fixed colour range, e.g. [0, 1]
    bool symmetric = false;                         // colour range centred on 0 (a change)
    QString uncertaintyOf; // the field this one is the uncertainty of; empty: none
    std::shared_ptr<const data::FieldSlice> slice;
};

// map: fields on one regular latitude x longitude grid (plugins/README.md, "map"):
// map.rows, map.columns, map.latitude/map.longitude {start, step} of the cell centres (a
// negative latitude step: north first), map.fields [{name, units, title?, colormap?, range?,
// symmetric?, uncertainty_of?, float32_base64}] row-major (NaN: no value, e.g. sea), and an
// optional metrics table.
struct MapAnswer {
    ExploreAnswerHeader header;
    int rows = 0;
    int columns = 0;
    QList<MapAnswerField> fields;
    QList<ExploreMetric> metrics;

    // The field named `name`, or nullptr.
    const MapAnswerField* field(const QString& name) const;
    // The field that is the uncertainty of `name` (uncertainty_of), or nullptr.
    const MapAnswerField* uncertaintyOf(const QString& name) const;
};

// Throws ExploreAnswerError naming the field for an answer that does not follow the
// convention (sizes, base64 length, a grid off the globe, uncertainty_of naming no field).
MapAnswer readMapAnswer(const QJsonObject& answer);

} // namespace twins::app
