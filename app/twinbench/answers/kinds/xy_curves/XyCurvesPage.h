#pragma once

#include "answers/AnswerPage.h"

#include <QColor>
#include <QPointF>

#include <memory>
#include <optional>

namespace twins::viz {
class VtkView;
}

namespace twins::app {

struct XyCurvesAnswer;
class XyCurvesChart;

// The curves of an xy_curves answer in one VTK chart (vtkChartXY, laid out like the other
// figures by viz's ChartLayout): one Okabe-Ito colour per curve in answer order, a legend,
// markers where asked, the diagonal as a thin grey line.
class XyCurvesPage : public AnswerPage {
    Q_OBJECT
public:
    explicit XyCurvesPage(QWidget* parent = nullptr);
    ~XyCurvesPage() override;

    ExploreAnswerHeader showAnswer(const QJsonObject& answer, bool interactive) override;
    QImage renderFigure(QSize size) const override;
    void writeVectorFigure(const QString& path, QSize size) const override;

    viz::VtkView* view() const { return m_view; }
    // The colour of curve `index` (the legend's), for tests and captions.
    static QColor curveColor(int index);
    // Where a data point is drawn, in framebuffer pixels with a bottom-left origin (as
    // grabFramebuffer() sees them, flipped); nullopt before the chart was painted.
    std::optional<QPointF> scenePointOf(double x, double y) const;

private:
    viz::VtkView* m_view = nullptr;
    std::unique_ptr<XyCurvesChart> m_chart;
    // The answer drawn, so an export builds a chart of its own (the on-screen one stays in the
    // view's window).
    std::unique_ptr<XyCurvesAnswer> m_answer;
};

} // namespace twins::app
