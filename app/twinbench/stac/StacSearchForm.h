#pragma once

#include "twinbench/data/stac/StacSearch.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace twins::app {

class BboxMap;

// What a STAC search asks for: collections, an area (four fields, or drawn on the small map),
// a datetime range (either end may stay open) and the most items to read.
class StacSearchForm : public QWidget {
    Q_OBJECT
public:
    explicit StacSearchForm(QWidget* parent = nullptr);

    // The request, or throws std::invalid_argument saying which field is wrong.
    data::stac::StacSearchRequest request() const;

    void setCollections(const QString& commaSeparated);
    // Area on (the four fields and the map follow) or off.
    void setArea(double west, double south, double east, double north);
    void clearArea();
    // RFC 3339 ends; an empty one is open.
    void setTimeRange(const QString& from, const QString& to);
    void setMaxItems(int items);
    BboxMap* map() const { return m_map; }

private:
    void areaFieldsChanged();

    QLineEdit* m_collections = nullptr;
    QCheckBox* m_useArea = nullptr;
    QDoubleSpinBox* m_west = nullptr;
    QDoubleSpinBox* m_south = nullptr;
    QDoubleSpinBox* m_east = nullptr;
    QDoubleSpinBox* m_north = nullptr;
    BboxMap* m_map = nullptr;
    QLineEdit* m_from = nullptr;
    QLineEdit* m_to = nullptr;
    QSpinBox* m_maxItems = nullptr;
    QSpinBox* m_pageSize = nullptr;
};

} // namespace twins::app
