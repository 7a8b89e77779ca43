#pragma once

#include "twinbench/viz/ChartLayout.h"
#include "twinbench/viz/ComparisonData.h"

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QSize>
#include <QString>

#include <vtkChartXY.h>
#include <vtkContextActor.h>
#include <vtkNew.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <optional>
#include <stdexcept>
#include <vector>

namespace twins::viz {

class ComparisonChartError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// What a validation chart compares: generated against reference data, binned the same way.
struct ComparisonSpec {
    enum class Kind {
        Histogram, // counts (or densities) per bin
        Profile,   // mean per bin with a band of +- one standard deviation (the errors)
    };
    enum class Style {
        Step, // both histograms as step lines
        Bars, // the reference as filled bars, the generated histogram as a step line over it
    };
    Kind kind = Kind::Histogram;
    Style style = Style::Step;
    QString title;
    QString xName;
    QString xUnits;
    QString yName;
    QString yUnits;
    std::vector<double> binEdges; // bins + 1, strictly increasing
    ComparisonSeries reference;
    ComparisonSeries generated;
    bool logY = false;
    bool ratioPanel = true; // generated / reference under the main panel, with a line at 1
};

// Checks the spec (edges, one value per bin in both series, errors empty or one per bin,
// something positive to show on a log axis); throws ComparisonChartError saying what is wrong.
void validateComparison(const ComparisonSpec& spec);

// The colours every comparison uses (Okabe-Ito, distinguishable with colour-vision
// deficiencies): reference blue, generated vermillion; the bars' fill is the reference colour
// at 35% on white, opaque so that it prints and exports the same everywhere.
QColor comparisonReferenceColor();
QColor comparisonGeneratedColor();
QColor comparisonReferenceFill();

// A validation figure built from VTK's chart classes (vtkChartXY in a vtkContextActor) in one
// vtkRenderer, so it renders in a VtkView, offscreen at any size, and to SVG/PDF through the
// same GL2PS exporter as the map figures, with vector lines and real text. (Qt Charts would
// render only through Qt's painter: no shared offscreen/GL2PS path with the other figures and
// a second look for axis text.) Layout: the main panel on top and, when asked for, the ratio
// panel below it with the same x axis; title in the top margin; legend in the main panel.
class ComparisonChart {
public:
    // Throws ComparisonChartError for an invalid spec.
    explicit ComparisonChart(const ComparisonSpec& spec);
    ~ComparisonChart();
    ComparisonChart(const ComparisonChart&) = delete;
    ComparisonChart& operator=(const ComparisonChart&) = delete;

    const ComparisonSpec& spec() const { return m_spec; }
    vtkRenderer* renderer() const { return m_renderer; }
    vtkChartXY* mainChart() const { return m_main; }
    vtkChartXY* ratioChart() const { return m_ratio; } // nullptr without a ratio panel

    // Scene pixel (origin bottom-left of the render window) where a data point of the main
    // (or ratio) panel is drawn, as of the last render; std::nullopt before the first render
    // or off a log axis.
    std::optional<QPointF> scenePointOf(double x, double y, bool ratioPanel = false) const;

    // Convenience: the figure offscreen (PNG pixels) or as SVG/PDF; see OffscreenFigure.h.
    static constexpr QSize designSize{600, 450};
    QImage renderImage(QSize size) const;
    void writeVector(const QString& path, QSize size) const;

private:
    void buildMain();
    void buildRatio();

    ComparisonSpec m_spec;
    vtkNew<vtkRenderer> m_renderer;
    vtkNew<vtkContextActor> m_actor;
    vtkNew<ChartLayout> m_layout;
    vtkNew<vtkChartXY> m_main;
    vtkSmartPointer<vtkChartXY> m_ratio;
};

} // namespace twins::viz
