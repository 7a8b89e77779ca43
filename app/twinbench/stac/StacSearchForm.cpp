#include "stac/StacSearchForm.h"

#include "stac/BboxMap.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

#include <stdexcept>

namespace twins::app {

namespace {

QDoubleSpinBox* degrees(QWidget* parent, const QString& name, double limit, double value,
                        const QString& tip) {
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(-limit, limit);
    box->setDecimals(2);
    box->setValue(value);
    box->setToolTip(tip);
    return box;
}

} // namespace

StacSearchForm::StacSearchForm(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_collections = new QLineEdit(this);
    m_collections->setObjectName(QStringLiteral("stacCollections"));
    m_collections->setPlaceholderText(tr("all (or ids separated by commas)"));
    form->addRow(tr("Collections:"), m_collections);

    m_useArea = new QCheckBox(tr("Only items touching the area"), this);
    m_useArea->setObjectName(QStringLiteral("stacUseArea"));
    form->addRow(tr("Area:"), m_useArea);
    auto* fields = new QHBoxLayout;
    m_west = degrees(this, QStringLiteral("stacWest"), 180, -180, tr("West (degrees east)"));
    m_south = degrees(this, QStringLiteral("stacSouth"), 90, -90, tr("South (degrees north)"));
    m_east = degrees(this, QStringLiteral("stacEast"), 180, 180, tr("East (degrees east)"));
    m_north = degrees(this, QStringLiteral("stacNorth"), 90, 90, tr("North (degrees north)"));
    for (QDoubleSpinBox* box : {m_west, m_south, m_east, m_north}) {
        fields->addWidget(box);
        connect(box, &QDoubleSpinBox::valueChanged, this, &StacSearchForm::areaFieldsChanged);
    }
    form->addRow(tr("W S E N:"), fields);
    m_map = new BboxMap(this);
    m_map->setObjectName(QStringLiteral("stacMap"));
    form->addRow(m_map);
    connect(m_map, &BboxMap::boxDrawn, this, &StacSearchForm::setArea);
    connect(m_useArea, &QCheckBox::toggled, this, &StacSearchForm::areaFieldsChanged);

    m_from = new QLineEdit(this);
    m_from->setObjectName(QStringLiteral("stacFrom"));
    m_from->setPlaceholderText(tr("open"));
    m_from->setToolTip(tr("RFC 3339, e.g. 2020-01-01T00:00:00Z; empty: open"));
    m_to = new QLineEdit(this);
    m_to->setObjectName(QStringLiteral("stacTo"));
    m_to->setPlaceholderText(tr("open"));
    m_to->setToolTip(m_from->toolTip());
    auto* times = new QHBoxLayout;
    times->addWidget(m_from);
    times->addWidget(new QLabel(tr("to"), this));
    times->addWidget(m_to);
    form->addRow(tr("From:"), times);

    auto* counts = new QHBoxLayout;
    m_maxItems = new QSpinBox(this);
    m_maxItems->setObjectName(QStringLiteral("stacMaxItems"));
    m_maxItems->setRange(1, 100000);
    m_maxItems->setValue(500);
    m_maxItems->setToolTip(tr("Pages are read by their 'next' links until this many items"));
    m_pageSize = new QSpinBox(this);
    m_pageSize->setObjectName(QStringLiteral("stacPageSize"));
    m_pageSize->setRange(0, 10000);
    m_pageSize->setSpecialValueText(tr("server's"));
    m_pageSize->setToolTip(tr("Items per page asked of the server ('limit')"));
    counts->addWidget(m_maxItems);
    counts->addWidget(m_pageSize);
    form->addRow(tr("At most / page:"), counts);
}

data::stac::StacSearchRequest StacSearchForm::request() const {
    data::stac::StacSearchRequest request;
    for (const QString& id : m_collections->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        request.collections.push_back(id.trimmed().toStdString());
    }
    if (m_useArea->isChecked()) {
        request.bbox = data::stac::parseBbox(QStringLiteral("%1,%2,%3,%4")
                                                 .arg(m_west->value())
                                                 .arg(m_south->value())
                                                 .arg(m_east->value())
                                                 .arg(m_north->value())
                                                 .toStdString());
    }
    const QString from = m_from->text().trimmed();
    const QString to = m_to->text().trimmed();
    if (!from.isEmpty() || !to.isEmpty()) {
        request.datetime = from == to
                               ? from.toStdString()
                               : (from.isEmpty() ? QStringLiteral("..") : from).toStdString() +
                                     "/" + (to.isEmpty() ? QStringLiteral("..") : to).toStdString();
        data::stac::checkDatetimeFilter(request.datetime);
    }
    request.maxItems = static_cast<std::size_t>(m_maxItems->value());
    request.pageSize = m_pageSize->value();
    return request;
}

void StacSearchForm::setCollections(const QString& commaSeparated) {
    m_collections->setText(commaSeparated);
}

void StacSearchForm::setArea(double west, double south, double east, double north) {
    {
        const QSignalBlocker blockWest(m_west), blockSouth(m_south), blockEast(m_east),
            blockNorth(m_north), blockUse(m_useArea);
        m_west->setValue(west);
        m_south->setValue(south);
        m_east->setValue(east);
        m_north->setValue(north);
        m_useArea->setChecked(true);
    }
    areaFieldsChanged();
}

void StacSearchForm::clearArea() {
    m_useArea->setChecked(false);
}

void StacSearchForm::setTimeRange(const QString& from, const QString& to) {
    m_from->setText(from);
    m_to->setText(to);
}

void StacSearchForm::setMaxItems(int items) {
    m_maxItems->setValue(items);
}

void StacSearchForm::areaFieldsChanged() {
    if (!m_useArea->isChecked()) {
        m_map->setBox(std::nullopt);
        return;
    }
    m_map->setBox(
        BboxMap::Box{m_west->value(), m_south->value(), m_east->value(), m_north->value()});
}

} // namespace twins::app
