#pragma once

#include <QColor>
#include <QPointF>
#include <QString>

#include <vtkAbstractContextItem.h>
#include <vtkNew.h>
#include <vtkRect.h>
#include <vtkSmartPointer.h>

#include <optional>
#include <vector>

class vtkAxis;
class vtkChart;
class vtkChartXY;
class vtkRenderer;
class vtkTextProperty;

namespace twins::viz {

class ColorBarItem;

// Margins around a figure's plotting area, in points (1/72 inch at the render window's DPI),
// so they grow with the text when a figure is exported larger.
struct ChartMargins {
    double left = 62.0;
    double bottom = 44.0;
    double right = 16.0;
    double top = 30.0;
};

// Lays out several charts (and colour bars) of one context scene so that their plot areas
// line up exactly: each chart's axes are put on a rectangle given in fractions of the area
// inside the margins (vtkChart::AXES_TO_RECT), recomputed on every paint from the scene's size
// in pixels. VTK's own layouts size each chart from its labels, so a waterfall and its side
// panels would not share their axes. Also draws the figure's title in the top margin.
class ChartLayout : public vtkAbstractContextItem {
public:
    static ChartLayout* New();
    vtkTypeMacro(ChartLayout, vtkAbstractContextItem);

    // The renderer whose vtkContextActor draws this layout (not owned): its window's DPI sizes
    // the margins and its viewport places the charts in window pixels. The context scene
    // does not know its renderer when it is drawn by a vtkContextActor.
    void setRenderer(vtkRenderer* renderer) { m_renderer = renderer; }
    void setMargins(const ChartMargins& margins) { m_margins = margins; }
    // `area`: x, y, width, height as fractions of the inner area, origin bottom-left.
    void addChart(vtkChart* chart, const vtkRectf& area);
    void addColorBar(ColorBarItem* bar, const vtkRectf& area);
    void setTitle(const QString& title);
    QString title() const { return m_title; }

    // Plot area of a chart in scene pixels (origin bottom-left) as of the last paint.
    vtkRectf chartRect(vtkChart* chart) const;
    // Lower-left pixel of the scene's renderer in its window, as of the last paint.
    QPointF viewportOrigin() const { return m_viewportOrigin; }

    bool Paint(vtkContext2D* painter) override;

protected:
    ChartLayout();
    ~ChartLayout() override;

private:
    ChartLayout(const ChartLayout&) = delete;
    void operator=(const ChartLayout&) = delete;

    struct Placement {
        vtkSmartPointer<vtkAbstractContextItem> item;
        vtkRectf area;
        vtkRectf pixels;
    };
    vtkRectf toPixels(const vtkRectf& area, double pointToPixel);
    std::vector<Placement> m_placements;
    ChartMargins m_margins;
    QString m_title;
    QPointF m_viewportOrigin;
    vtkRenderer* m_renderer = nullptr;
    vtkNew<vtkTextProperty> m_titleProperty;
};

// The figures' common look (as in the map figures): dark grey Arial text, no shadows.
const double figureTextColor[3] = {0.1, 0.1, 0.1};
void styleFigureText(vtkTextProperty* text, int size, bool bold = false);
// Axis title with units, "Frequency (MHz)"; just the name when there are no units.
QString axisTitle(const QString& name, const QString& units);
// Axis title, fonts, tick label format and grid of a chart axis.
void styleAxis(vtkAxis* axis, const QString& title);

// Puts at most `maxTicks` ticks at round values (1, 2 or 5 x 10^n apart) inside [low, high] on
// a linear axis: VTK's automatic ticks on a short fixed range land on odd values (1.28119).
void setRoundTicks(vtkAxis* axis, double low, double high, int maxTicks);

// Maps a data point of a chart to scene pixels through the chart's plot rectangle and its
// axes' ranges (log10 axes in log space); std::nullopt before the chart was painted.
std::optional<QPointF> chartScenePoint(const ChartLayout& layout, vtkChartXY* chart, double x,
                                       double y);
// The inverse: the data point (x, y) drawn at a scene pixel (origin bottom-left), or nullopt
// outside the chart's plot area or before it was laid out.
std::optional<QPointF> chartDataPoint(const ChartLayout& layout, vtkChartXY* chart,
                                      QPointF scenePoint);

} // namespace twins::viz
