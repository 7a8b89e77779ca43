#pragma once

#include "answers/AnswerJson.h"
#include "answers/AnswerPage.h"
#include "answers/ResultAnswers.h"

class QTableWidget;

namespace twins::app {

// metrics_table: named values with units, one row each.
struct ExploreMetrics {
    ExploreAnswerHeader header;
    QList<ExploreMetric> metrics;
};

// Throws ExploreAnswerError for an answer that does not follow the convention.
ExploreMetrics readMetricsAnswer(const QJsonObject& answer);

// A metrics_table result: a JSON object of metrics, or one holding them under "metrics"
// (model.json).
ResultAnswer metricsAnswer(const sdk::ResultSpec& spec, const QString& path);

class MetricsPage : public AnswerPage {
    Q_OBJECT
public:
    explicit MetricsPage(QWidget* parent = nullptr);
    ExploreAnswerHeader showAnswer(const QJsonObject& answer, bool interactive) override;
    // The table as a figure: title, conditions and one row per metric, drawn at `size`.
    QImage renderFigure(QSize size) const override;
    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table = nullptr;
    ExploreAnswerHeader m_header;
    QList<ExploreMetric> m_metrics;
};

} // namespace twins::app
