#include "answers/MetricsTable.h"

#include <QHeaderView>
#include <QTableWidget>

namespace twins::app {

QTableWidget* makeMetricsTable(QWidget* parent) {
    auto* table = new QTableWidget(0, 3, parent);
    table->setHorizontalHeaderLabels(
        {QObject::tr("Metric"), QObject::tr("Value"), QObject::tr("Units")});
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return table;
}

void fillMetricsTable(QTableWidget& table, const QList<ExploreMetric>& metrics) {
    table.setRowCount(static_cast<int>(metrics.size()));
    for (int row = 0; row < metrics.size(); ++row) {
        const ExploreMetric& metric = metrics.at(row);
        table.setItem(row, 0, new QTableWidgetItem(metric.name));
        auto* value = new QTableWidgetItem(metric.value);
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table.setItem(row, 1, value);
        table.setItem(row, 2, new QTableWidgetItem(metric.units));
    }
}

} // namespace twins::app
