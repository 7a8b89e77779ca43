#include "twinbench/viz/ComparisonChartView.h"

#include "twinbench/viz/OffscreenFigure.h"

#include <QFileInfo>

#include <vtkInteractorStyleUser.h>

namespace twins::viz {

namespace {
// PNG through the offscreen renderer, SVG/PDF through GL2PS, both from a fresh chart so the
// view's own window is never touched.
void writeFigure(const ComparisonSpec& spec, const QString& path, QSize size) {
    const ComparisonChart chart(spec);
    if (QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0) {
        const QImage image = chart.renderImage(size);
        if (!image.save(path, "PNG")) {
            throw FigureRenderError("cannot write " + path.toStdString());
        }
        return;
    }
    chart.writeVector(path, size);
}
} // namespace

ComparisonChartView::ComparisonChartView(QWidget* parent) : VtkView(parent) {
    // A chart has no camera to turn: mouse drags must not rotate anything.
    vtkNew<vtkInteractorStyleUser> style;
    interactor()->SetInteractorStyle(style);
}

ComparisonChartView::~ComparisonChartView() = default;

bool ComparisonChartView::setComparison(const ComparisonSpec& spec, QString* error) {
    std::unique_ptr<ComparisonChart> chart;
    try {
        chart = std::make_unique<ComparisonChart>(spec);
    } catch (const std::exception& failure) {
        if (error != nullptr) {
            *error = QString::fromUtf8(failure.what());
        }
        return false;
    }
    renderWindow()->RemoveRenderer(m_chart ? m_chart->renderer() : renderer());
    m_chart = std::move(chart);
    renderWindow()->AddRenderer(m_chart->renderer());
    update();
    return true;
}

QImage ComparisonChartView::renderFigure(QSize size) const {
    if (!m_chart) {
        throw FigureRenderError("there is no chart to render");
    }
    return ComparisonChart(m_chart->spec()).renderImage(size);
}

void ComparisonChartView::exportFigure(const QString& path, QSize size) const {
    if (!m_chart) {
        throw FigureRenderError("there is no chart to export to " + path.toStdString());
    }
    writeFigure(m_chart->spec(), path, size);
}

} // namespace twins::viz
