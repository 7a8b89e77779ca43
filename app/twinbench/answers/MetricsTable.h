#pragma once

#include "answers/AnswerJson.h"

#include <QList>

class QTableWidget;
class QWidget;

namespace twins::app {

// The three-column table (metric, value, units) the metrics and tracks pages show.
QTableWidget* makeMetricsTable(QWidget* parent);
void fillMetricsTable(QTableWidget& table, const QList<ExploreMetric>& metrics);

} // namespace twins::app
