#pragma once

#include "answers/AnswerPage.h"
#include "answers/ResultAnswers.h"
#include "answers/ResultCsv.h"
#include "twinbench/viz/ComparisonChart.h"

namespace twins::viz {
class ComparisonChartView;
}

namespace twins::app {

// What the histogram and line_chart kinds share: two series (reference and generated) on
// shared bins, drawn by viz's comparison chart with ratio panel and error bands.

// histogram (Kind::Histogram) and line_chart (Kind::Profile). Throws ExploreAnswerError.
viz::ComparisonSpec readChartAnswer(const QJsonObject& answer, const QString& kind);

// CSV results: histogram (options value, group (two samples), facet, bins) and line_chart
// (options x, series (two) or ratio_to, bands, facet, x_label, y_label, log_y).
ResultAnswer histogramAnswer(const sdk::ResultSpec& spec, const ResultCsv& table);
ResultAnswer lineChartAnswer(const sdk::ResultSpec& spec, const ResultCsv& table);

// The chart carries its title and conditions itself.
class ComparisonPage : public AnswerPage {
    Q_OBJECT
public:
    ComparisonPage(const QString& kind, QWidget* parent = nullptr);
    ExploreAnswerHeader showAnswer(const QJsonObject& answer, bool interactive) override;
    QImage renderFigure(QSize size) const override;
    void writeVectorFigure(const QString& path, QSize size) const override;
    viz::ComparisonChartView* chartView() const { return m_chart; }

private:
    QString m_kind;
    viz::ComparisonChartView* m_chart = nullptr;
};

} // namespace twins::app
