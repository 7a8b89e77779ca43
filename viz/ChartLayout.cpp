#include "twinbench/viz/ChartLayout.h"

#include "twinbench/viz/ColorBarItem.h"

#include <vtkAxis.h>
#include <vtkChart.h>
#include <vtkChartXY.h>
#include <vtkContext2D.h>
#include <vtkContextScene.h>
#include <vtkDoubleArray.h>
#include <vtkObjectFactory.h>
#include <vtkPen.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace twins::viz {

vtkStandardNewMacro(ChartLayout);

ChartLayout::ChartLayout() {
    styleFigureText(m_titleProperty, 14);
    m_titleProperty->SetJustificationToLeft();
    m_titleProperty->SetVerticalJustificationToTop();
}

ChartLayout::~ChartLayout() = default;

void ChartLayout::addChart(vtkChart* chart, const vtkRectf& area) {
    chart->SetLayoutStrategy(vtkChart::AXES_TO_RECT);
    AddItem(chart);
    m_placements.push_back({chart, area, vtkRectf()});
}

void ChartLayout::addColorBar(ColorBarItem* bar, const vtkRectf& area) {
    AddItem(bar);
    m_placements.push_back({bar, area, vtkRectf()});
}

void ChartLayout::setTitle(const QString& title) {
    m_title = title;
    Modified();
}

vtkRectf ChartLayout::chartRect(vtkChart* chart) const {
    for (const Placement& placement : m_placements) {
        if (placement.item.GetPointer() == chart) {
            return placement.pixels;
        }
    }
    return {};
}

vtkRectf ChartLayout::toPixels(const vtkRectf& area, double pointToPixel) {
    const double width = GetScene()->GetSceneWidth();
    const double height = GetScene()->GetSceneHeight();
    const double left = m_margins.left * pointToPixel;
    const double bottom = m_margins.bottom * pointToPixel;
    const double innerWidth = std::max(1.0, width - left - m_margins.right * pointToPixel);
    const double innerHeight = std::max(1.0, height - bottom - m_margins.top * pointToPixel);
    // Whole pixels, so that image cells and lines do not straddle pixel borders differently
    // from one export to the next.
    const auto x = static_cast<float>(std::round(left + area.GetX() * innerWidth));
    const auto y = static_cast<float>(std::round(bottom + area.GetY() * innerHeight));
    const auto w = static_cast<float>(std::round(area.GetWidth() * innerWidth));
    const auto h = static_cast<float>(std::round(area.GetHeight() * innerHeight));
    return vtkRectf(x, y, std::max(1.0f, w), std::max(1.0f, h));
}

bool ChartLayout::Paint(vtkContext2D* painter) {
    vtkContextScene* scene = GetScene();
    if (scene == nullptr || scene->GetSceneWidth() <= 0 || scene->GetSceneHeight() <= 0) {
        return false;
    }
    int dpi = 72;
    if (m_renderer != nullptr && m_renderer->GetRenderWindow() != nullptr) {
        dpi = m_renderer->GetRenderWindow()->GetDPI();
        int width = 0;
        int height = 0;
        int x = 0;
        int y = 0;
        m_renderer->GetTiledSizeAndOrigin(&width, &height, &x, &y);
        m_viewportOrigin = QPointF(x, y);
    }
    const double pointToPixel = dpi / 72.0;
    for (Placement& placement : m_placements) {
        placement.pixels = toPixels(placement.area, pointToPixel);
        if (auto* chart = vtkChart::SafeDownCast(placement.item)) {
            chart->SetSize(placement.pixels);
        } else if (auto* bar = ColorBarItem::SafeDownCast(placement.item)) {
            bar->setRect(placement.pixels);
        }
    }
    if (!m_title.isEmpty()) {
        painter->ApplyTextProp(m_titleProperty);
        painter->DrawString(static_cast<float>(m_margins.left * pointToPixel * 0.25),
                            static_cast<float>(scene->GetSceneHeight() - 6.0 * pointToPixel),
                            m_title.toUtf8().constData());
    }
    return PaintChildren(painter);
}

void styleFigureText(vtkTextProperty* text, int size, bool bold) {
    text->SetColor(figureTextColor[0], figureTextColor[1], figureTextColor[2]);
    text->SetFontFamilyToArial();
    text->SetFontSize(size);
    text->ShadowOff();
    text->SetBold(bold);
    text->ItalicOff();
}

QString axisTitle(const QString& name, const QString& units) {
    return units.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, units);
}

void styleAxis(vtkAxis* axis, const QString& title) {
    axis->SetTitle(title.toUtf8().constData());
    styleFigureText(axis->GetTitleProperties(), 12);
    styleFigureText(axis->GetLabelProperties(), 10);
    axis->GetPen()->SetColor(40, 40, 40);
    axis->GetGridPen()->SetColor(225, 225, 225);
}

std::optional<QPointF> chartScenePoint(const ChartLayout& layout, vtkChartXY* chart, double x,
                                       double y) {
    const vtkRectf rect = layout.chartRect(chart);
    if (chart == nullptr || rect.GetWidth() <= 1.0f) {
        return std::nullopt;
    }
    const auto fraction = [](vtkAxis* axis, double value) -> std::optional<double> {
        double range[2];
        axis->GetUnscaledRange(range);
        if (axis->GetLogScaleActive()) {
            if (!(value > 0.0)) {
                return std::nullopt;
            }
            return (std::log10(value) - std::log10(range[0])) /
                   (std::log10(range[1]) - std::log10(range[0]));
        }
        return (value - range[0]) / (range[1] - range[0]);
    };
    const auto fx = fraction(chart->GetAxis(vtkAxis::BOTTOM), x);
    const auto fy = fraction(chart->GetAxis(vtkAxis::LEFT), y);
    if (!fx || !fy) {
        return std::nullopt;
    }
    return QPointF(rect.GetX() + *fx * rect.GetWidth(), rect.GetY() + *fy * rect.GetHeight());
}

std::optional<QPointF> chartDataPoint(const ChartLayout& layout, vtkChartXY* chart,
                                      QPointF scenePoint) {
    const vtkRectf rect = layout.chartRect(chart);
    if (chart == nullptr || rect.GetWidth() <= 1.0f || rect.GetHeight() <= 1.0f) {
        return std::nullopt;
    }
    const double fx = (scenePoint.x() - rect.GetX()) / rect.GetWidth();
    const double fy = (scenePoint.y() - rect.GetY()) / rect.GetHeight();
    if (fx < 0.0 || fx > 1.0 || fy < 0.0 || fy > 1.0) {
        return std::nullopt;
    }
    const auto value = [](vtkAxis* axis, double fraction) {
        double range[2];
        axis->GetUnscaledRange(range);
        if (axis->GetLogScaleActive()) {
            return std::pow(10.0, std::log10(range[0]) +
                                      fraction * (std::log10(range[1]) - std::log10(range[0])));
        }
        return range[0] + fraction * (range[1] - range[0]);
    };
    return QPointF(value(chart->GetAxis(vtkAxis::BOTTOM), fx),
                   value(chart->GetAxis(vtkAxis::LEFT), fy));
}

void setRoundTicks(vtkAxis* axis, double low, double high, int maxTicks) {
    if (!(high > low) || maxTicks < 2) {
        return;
    }
    const double rough = (high - low) / (maxTicks - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = 10.0 * magnitude;
    for (double factor : {1.0, 2.0, 5.0}) {
        if (factor * magnitude >= rough) {
            step = factor * magnitude;
            break;
        }
    }
    vtkNew<vtkDoubleArray> positions;
    for (double tick = std::ceil(low / step) * step; tick <= high + 1e-9 * step; tick += step) {
        positions->InsertNextValue(std::abs(tick) < 1e-12 * step ? 0.0 : tick);
    }
    axis->SetCustomTickPositions(positions);
}

} // namespace twins::viz
