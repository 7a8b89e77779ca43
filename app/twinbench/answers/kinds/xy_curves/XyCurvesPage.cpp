#include "answers/kinds/xy_curves/XyCurvesPage.h"

#include "answers/AnswerKinds.h"
#include "answers/ResultColumns.h"
#include "answers/kinds/xy_curves/XyCurvesAnswer.h"
#include "twinbench/viz/ChartLayout.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/OffscreenFigure.h"
#include "twinbench/viz/VtkView.h"

#include <QVBoxLayout>

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextActor.h>
#include <vtkContextScene.h>
#include <vtkDoubleArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkInteractorStyleUser.h>
#include <vtkNew.h>
#include <vtkPen.h>
#include <vtkPlotLine.h>
#include <vtkPlotPoints.h>
#include <vtkRenderer.h>
#include <vtkTable.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::app {

namespace {

vtkSmartPointer<vtkTable> pointsTable(const std::vector<double>& x, const std::vector<double>& y) {
    auto table = vtkSmartPointer<vtkTable>::New();
    for (const auto& [name, values] : {std::pair{"x", &x}, std::pair{"y", &y}}) {
        vtkNew<vtkDoubleArray> column;
        column->SetName(name);
        column->SetNumberOfValues(static_cast<vtkIdType>(values->size()));
        for (std::size_t i = 0; i < values->size(); ++i) {
            column->SetValue(static_cast<vtkIdType>(i), (*values)[i]);
        }
        table->AddColumn(column);
    }
    return table;
}

// The finite range of one axis over every curve, widened a little so markers are not cut;
// log axes keep positive bounds.
std::pair<double, double> axisRange(const XyCurvesAnswer& answer, bool xAxis) {
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const XyCurve& curve : answer.curves) {
        for (std::size_t i = 0; i < curve.x.size(); ++i) {
            if (std::isfinite(curve.x[i]) && std::isfinite(curve.y[i])) {
                const double value = xAxis ? curve.x[i] : curve.y[i];
                low = std::min(low, value);
                high = std::max(high, value);
            }
        }
    }
    if (xAxis ? answer.logX : answer.logY) {
        return {low / 1.3, high * 1.3};
    }
    if (answer.diagonal) { // the diagonal spans both axes: show it whole
        low = std::min(low, 0.0);
        high = std::max(high, 1.0);
    }
    double margin = 0.04 * (high - low);
    if (!(margin > 0.0)) {
        margin = std::max(1.0, std::abs(high)) * 0.1;
    }
    return {low - margin, high + margin};
}

} // namespace

// The chart in a renderer of its own, so the page's view shows it and exports it like the
// comparison charts.
class XyCurvesChart {
public:
    explicit XyCurvesChart(const XyCurvesAnswer& answer) {
        m_renderer->SetBackground(1.0, 1.0, 1.0);
        m_renderer->AddActor(m_actor);
        m_actor->GetScene()->AddItem(m_layout);
        m_layout->setRenderer(m_renderer);
        const QString title =
            answer.header.conditions.isEmpty()
                ? answer.header.title
                : QStringLiteral("%1 (%2)").arg(answer.header.title, answer.header.conditions);
        m_layout->setTitle(title);
        viz::ChartMargins margins;
        margins.right = 20.0;
        m_layout->setMargins(margins);
        m_layout->addChart(m_chart, vtkRectf(0.0f, 0.0f, 1.0f, 1.0f));
        vtkAxis* xAxis = m_chart->GetAxis(vtkAxis::BOTTOM);
        vtkAxis* yAxis = m_chart->GetAxis(vtkAxis::LEFT);
        viz::styleAxis(xAxis, viz::axisTitle(answer.xName, answer.xUnits));
        viz::styleAxis(yAxis, viz::axisTitle(answer.yName, answer.yUnits));
        xAxis->SetLogScale(answer.logX);
        yAxis->SetLogScale(answer.logY);
        const auto [xLow, xHigh] = axisRange(answer, true);
        const auto [yLow, yHigh] = axisRange(answer, false);
        for (auto [axis, low, high] : {std::tuple{xAxis, xLow, xHigh}, {yAxis, yLow, yHigh}}) {
            axis->SetBehavior(vtkAxis::FIXED);
            axis->SetUnscaledRange(low, high);
        }
        if (answer.diagonal) {
            const double from = std::max(xLow, yLow);
            const double to = std::min(xHigh, yHigh);
            vtkNew<vtkPlotLine> diagonal;
            diagonal->SetInputData(pointsTable({from, to}, {from, to}), 0, 1);
            diagonal->GetPen()->SetColor(150, 150, 150);
            diagonal->SetWidth(1.0f);
            diagonal->SetLegendVisibility(false);
            m_chart->AddPlot(diagonal);
        }
        for (int index = 0; index < answer.curves.size(); ++index) {
            const XyCurve& curve = answer.curves.at(index);
            vtkNew<vtkPlotLine> line;
            line->SetInputData(pointsTable(curve.x, curve.y), 0, 1);
            const QColor color = XyCurvesPage::curveColor(index);
            line->GetPen()->SetColor(static_cast<unsigned char>(color.red()),
                                     static_cast<unsigned char>(color.green()),
                                     static_cast<unsigned char>(color.blue()));
            line->SetWidth(2.0f);
            line->SetMarkerStyle(curve.markers ? vtkPlotPoints::CIRCLE : vtkPlotPoints::NONE);
            line->SetMarkerSize(7.0f);
            line->SetLabel(curve.name.toUtf8().constData());
            m_chart->AddPlot(line);
        }
        m_chart->SetShowLegend(true);
        viz::styleFigureText(m_chart->GetLegend()->GetLabelProperties(), 11);
        m_chart->GetLegend()->SetInline(true);
        m_chart->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
        m_chart->GetLegend()->SetVerticalAlignment(vtkChartLegend::BOTTOM);
    }

    vtkRenderer* renderer() const { return m_renderer; }
    const viz::ChartLayout& layout() const { return *m_layout; }
    vtkChartXY* chart() const { return m_chart; }

private:
    vtkNew<vtkRenderer> m_renderer;
    vtkNew<vtkContextActor> m_actor;
    vtkNew<viz::ChartLayout> m_layout;
    vtkNew<vtkChartXY> m_chart;
};

XyCurvesPage::XyCurvesPage(QWidget* parent) : AnswerPage(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = new viz::VtkView(this);
    // A chart has no camera to turn: mouse drags must not rotate anything.
    vtkNew<vtkInteractorStyleUser> style;
    m_view->interactor()->SetInteractorStyle(style);
    layout->addWidget(m_view);
}

XyCurvesPage::~XyCurvesPage() = default;

QColor XyCurvesPage::curveColor(int index) {
    return viz::ColorMap::categorical(index);
}

ExploreAnswerHeader XyCurvesPage::showAnswer(const QJsonObject& json, bool /*interactive*/) {
    const XyCurvesAnswer answer = readXyCurvesAnswer(json);
    auto chart = std::make_unique<XyCurvesChart>(answer);
    m_view->renderWindow()->RemoveRenderer(m_chart ? m_chart->renderer() : m_view->renderer());
    m_chart = std::move(chart);
    m_view->renderWindow()->AddRenderer(m_chart->renderer());
    m_view->update();
    m_answer = std::make_unique<XyCurvesAnswer>(answer);
    return {}; // the chart carries its title and conditions
}

QImage XyCurvesPage::renderFigure(QSize size) const {
    if (!m_answer) {
        throw viz::FigureRenderError("there is no chart to export");
    }
    const XyCurvesChart figure(*m_answer);
    return viz::renderOffscreen({figure.renderer()}, size, viz::figureDpi(size, {800, 600}));
}

void XyCurvesPage::writeVectorFigure(const QString& path, QSize size) const {
    if (!m_answer) {
        throw viz::FigureRenderError("there is no chart to write to " + path.toStdString());
    }
    const XyCurvesChart figure(*m_answer);
    viz::writeVectorFigure({figure.renderer()}, size, path, m_answer->header.title,
                           viz::figureDpi(size, {800, 600}));
}

std::optional<QPointF> XyCurvesPage::scenePointOf(double x, double y) const {
    if (!m_chart) {
        return std::nullopt;
    }
    return viz::chartScenePoint(m_chart->layout(), m_chart->chart(), x, y);
}

AnswerKind xyCurvesAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("xy_curves");
    kind.makePage = [](QWidget* parent) { return new XyCurvesPage(parent); };
    kind.readResult = [](const sdk::ResultSpec& spec, const QString& path) {
        return xyCurvesAnswer(spec, readResultCsv(spec, path));
    };
    kind.figureWriters = {ExportFormat::Writer::RasterImage, ExportFormat::Writer::VectorPaths};
    return kind;
}

} // namespace twins::app
