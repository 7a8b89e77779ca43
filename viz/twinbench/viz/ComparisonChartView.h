#pragma once

#include "twinbench/viz/ComparisonChart.h"
#include "twinbench/viz/VtkView.h"

#include <memory>

namespace twins::viz {

// A VtkView showing one validation comparison chart (histograms, or profiles with error
// bands, with the ratio panel under them). renderToImage() exports PNG at any size;
// exportFigure() writes PNG, SVG or PDF of the same chart without using the view's window.
class ComparisonChartView : public VtkView {
    Q_OBJECT
public:
    explicit ComparisonChartView(QWidget* parent = nullptr);
    ~ComparisonChartView() override;

    // Returns false with *error set (and keeps the previous chart) for an invalid spec.
    bool setComparison(const ComparisonSpec& spec, QString* error = nullptr);
    const ComparisonChart* chart() const { return m_chart.get(); }

    // Writes the chart to PATH (.png, .svg or .pdf) at `size` pixels; throws
    // FigureRenderError (no chart yet, bad path, rendering failed).
    void exportFigure(const QString& path, QSize size) const;
    // The same chart as an image at `size` pixels, from a chart of its own.
    QImage renderFigure(QSize size) const;

private:
    std::unique_ptr<ComparisonChart> m_chart;
};

} // namespace twins::viz
