#include "twinbench/viz/ComparisonChart.h"

#include "twinbench/viz/OffscreenFigure.h"

#include <vtkAxis.h>
#include <vtkBrush.h>
#include <vtkChartLegend.h>
#include <vtkContextScene.h>
#include <vtkDoubleArray.h>
#include <vtkPen.h>
#include <vtkPlotArea.h>
#include <vtkPlotLine.h>
#include <vtkPlotPoints.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace twins::viz {

namespace {
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// The main panel's share of the inner area when a ratio panel sits below it.
constexpr float ratioPanelHeight = 0.24f;
constexpr float panelGap = 0.03f;

void setColor(vtkPen* pen, QColor color) {
    pen->SetColor(
        static_cast<unsigned char>(color.red()), static_cast<unsigned char>(color.green()),
        static_cast<unsigned char>(color.blue()), static_cast<unsigned char>(color.alpha()));
}
void setColor(vtkBrush* brush, QColor color) {
    brush->SetColor(
        static_cast<unsigned char>(color.red()), static_cast<unsigned char>(color.green()),
        static_cast<unsigned char>(color.blue()), static_cast<unsigned char>(color.alpha()));
}

vtkSmartPointer<vtkDoubleArray> column(const char* name, const std::vector<double>& values) {
    auto array = vtkSmartPointer<vtkDoubleArray>::New();
    array->SetName(name);
    array->SetNumberOfValues(static_cast<vtkIdType>(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i) {
        array->SetValue(static_cast<vtkIdType>(i), values[i]);
    }
    return array;
}

vtkSmartPointer<vtkTable> table(std::initializer_list<vtkSmartPointer<vtkDoubleArray>> columns) {
    auto result = vtkSmartPointer<vtkTable>::New();
    for (const auto& array : columns) {
        result->AddColumn(array);
    }
    return result;
}

// A histogram as the outline of its bars: two points per bin, at its two edges. Missing
// values (NaN, or not positive on a log axis) break the line rather than drawing a fake 0.
void stepOutline(const std::vector<double>& edges, const std::vector<double>& values, bool logY,
                 std::vector<double>& x, std::vector<double>& y) {
    for (std::size_t bin = 0; bin + 1 < edges.size(); ++bin) {
        double value = values[bin];
        if (logY && !(value > 0.0)) {
            value = missing;
        }
        x.push_back(edges[bin]);
        y.push_back(value);
        x.push_back(edges[bin + 1]);
        y.push_back(value);
    }
}

std::vector<double> binCentres(const std::vector<double>& edges) {
    std::vector<double> centres;
    for (std::size_t bin = 0; bin + 1 < edges.size(); ++bin) {
        centres.push_back(0.5 * (edges[bin] + edges[bin + 1]));
    }
    return centres;
}

double errorAt(const ComparisonSeries& series, std::size_t bin) {
    return series.errors.empty() ? 0.0 : series.errors[bin];
}

// The y range of the main panel: histograms from 0 (or, on a log axis, from half the smallest
// positive value); profiles around their bands. Fixed, so that every export frames the same.
std::pair<double, double> mainRange(const ComparisonSpec& spec) {
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    double smallestPositive = std::numeric_limits<double>::infinity();
    for (const ComparisonSeries* series : {&spec.reference, &spec.generated}) {
        for (std::size_t bin = 0; bin < series->values.size(); ++bin) {
            const double value = series->values[bin];
            if (!std::isfinite(value)) {
                continue;
            }
            const double error =
                spec.kind == ComparisonSpec::Kind::Profile ? errorAt(*series, bin) : 0.0;
            low = std::min(low, value - error);
            high = std::max(high, value + error);
            if (value > 0.0) {
                smallestPositive = std::min(smallestPositive, value);
            }
        }
    }
    if (spec.logY) {
        const double top = std::max(high, smallestPositive);
        return {smallestPositive / 2.0, top * 3.0};
    }
    if (spec.kind == ComparisonSpec::Kind::Histogram) {
        low = std::min(0.0, low);
    }
    double margin = 0.08 * (high - low);
    if (!(margin > 0.0)) {
        margin = std::max(1.0, std::abs(high)) * 0.1;
    }
    return {spec.kind == ComparisonSpec::Kind::Histogram && low >= 0.0 ? 0.0 : low - margin,
            high + margin};
}

void fixRange(vtkAxis* axis, double low, double high) {
    axis->SetBehavior(vtkAxis::FIXED);
    axis->SetUnscaledRange(low, high);
}
} // namespace

QColor comparisonReferenceColor() {
    return {0, 114, 178};
}
QColor comparisonGeneratedColor() {
    return {213, 94, 0};
}
QColor comparisonReferenceFill() {
    const QColor line = comparisonReferenceColor();
    const auto mix = [](int channel) { return qRound(0.35 * channel + 0.65 * 255); };
    return {mix(line.red()), mix(line.green()), mix(line.blue())};
}

void validateComparison(const ComparisonSpec& spec) {
    const std::string title =
        spec.title.isEmpty() ? "a comparison chart" : "'" + spec.title.toStdString() + "'";
    if (spec.binEdges.size() < 2) {
        throw ComparisonChartError(title + " needs at least two bin edges");
    }
    for (std::size_t i = 1; i < spec.binEdges.size(); ++i) {
        if (!std::isfinite(spec.binEdges[i]) || !(spec.binEdges[i] > spec.binEdges[i - 1])) {
            throw ComparisonChartError(title + ": bin edges must be finite and increasing (edge " +
                                       std::to_string(i) + ")");
        }
    }
    const std::size_t bins = spec.binEdges.size() - 1;
    for (const ComparisonSeries* series : {&spec.reference, &spec.generated}) {
        const std::string name = series == &spec.reference ? "reference" : "generated";
        if (series->values.size() != bins) {
            throw ComparisonChartError(title + ": the " + name + " series has " +
                                       std::to_string(series->values.size()) + " values for " +
                                       std::to_string(bins) + " bins");
        }
        if (!series->errors.empty() && series->errors.size() != bins) {
            throw ComparisonChartError(title + ": the " + name + " series has " +
                                       std::to_string(series->errors.size()) + " errors for " +
                                       std::to_string(bins) + " bins");
        }
    }
    const auto anyPositive = [](const ComparisonSeries& series) {
        return std::any_of(series.values.begin(), series.values.end(),
                           [](double value) { return value > 0.0; });
    };
    const auto anyFinite = [](const ComparisonSeries& series) {
        return std::any_of(series.values.begin(), series.values.end(),
                           [](double value) { return std::isfinite(value); });
    };
    if (!anyFinite(spec.reference) && !anyFinite(spec.generated)) {
        throw ComparisonChartError(title + ": neither series has a value to show");
    }
    if (spec.logY && !anyPositive(spec.reference) && !anyPositive(spec.generated)) {
        throw ComparisonChartError(title + ": a log y axis needs positive values, and neither "
                                           "series has one");
    }
}

ComparisonChart::ComparisonChart(const ComparisonSpec& spec) : m_spec(spec) {
    validateComparison(m_spec);
    m_renderer->SetBackground(1.0, 1.0, 1.0);
    m_renderer->AddActor(m_actor);
    m_actor->GetScene()->AddItem(m_layout);
    m_layout->setRenderer(m_renderer);
    m_layout->setTitle(m_spec.title);
    ChartMargins margins;
    margins.right = 20.0;
    m_layout->setMargins(margins);
    buildMain();
    if (m_spec.ratioPanel) {
        buildRatio();
    }
}

ComparisonChart::~ComparisonChart() = default;

void ComparisonChart::buildMain() {
    const float bottom = m_spec.ratioPanel ? ratioPanelHeight + panelGap : 0.0f;
    m_layout->addChart(m_main, vtkRectf(0.0f, bottom, 1.0f, 1.0f - bottom));
    const QString xTitle = axisTitle(m_spec.xName, m_spec.xUnits);
    vtkAxis* xAxis = m_main->GetAxis(vtkAxis::BOTTOM);
    vtkAxis* yAxis = m_main->GetAxis(vtkAxis::LEFT);
    styleAxis(xAxis, m_spec.ratioPanel ? QString() : xTitle);
    styleAxis(yAxis, axisTitle(m_spec.yName, m_spec.yUnits));
    // With a ratio panel the x labels are drawn once, under the ratio panel.
    xAxis->SetLabelsVisible(!m_spec.ratioPanel);
    fixRange(xAxis, m_spec.binEdges.front(), m_spec.binEdges.back());
    yAxis->SetLogScale(m_spec.logY);
    const auto [low, high] = mainRange(m_spec);
    fixRange(yAxis, low, high);

    const std::vector<double>& edges = m_spec.binEdges;
    const bool histogram = m_spec.kind == ComparisonSpec::Kind::Histogram;
    for (const ComparisonSeries* series : {&m_spec.reference, &m_spec.generated}) {
        const bool reference = series == &m_spec.reference;
        const QColor color = reference ? comparisonReferenceColor() : comparisonGeneratedColor();
        if (histogram) {
            std::vector<double> x;
            std::vector<double> y;
            stepOutline(edges, series->values, m_spec.logY, x, y);
            if (reference && m_spec.style == ComparisonSpec::Style::Bars) {
                // Filled bars down to the bottom of the axis (0, or the log axis minimum).
                std::vector<double> base(x.size(), low);
                vtkNew<vtkPlotArea> bars;
                bars->SetInputData(table({column("x", x), column("base", base), column("y", y)}));
                bars->SetInputArray(0, "x");
                bars->SetInputArray(1, "base");
                bars->SetInputArray(2, "y");
                setColor(bars->GetBrush(), comparisonReferenceFill());
                bars->SetLabel(series->label.toUtf8().constData());
                m_main->AddPlot(bars);
            }
            vtkNew<vtkPlotLine> line;
            line->SetInputData(table({column("x", x), column("y", y)}), 0, 1);
            setColor(line->GetPen(), color);
            line->SetWidth(2.0f);
            line->SetMarkerStyle(vtkPlotPoints::NONE);
            line->SetLabel(series->label.toUtf8().constData());
            line->SetLegendVisibility(!(reference && m_spec.style == ComparisonSpec::Style::Bars));
            m_main->AddPlot(line);
        } else {
            const std::vector<double> centres = binCentres(edges);
            if (!series->errors.empty()) {
                std::vector<double> lower(centres.size());
                std::vector<double> upper(centres.size());
                for (std::size_t bin = 0; bin < centres.size(); ++bin) {
                    lower[bin] = series->values[bin] - series->errors[bin];
                    upper[bin] = series->values[bin] + series->errors[bin];
                }
                vtkNew<vtkPlotArea> band;
                band->SetInputData(
                    table({column("x", centres), column("lower", lower), column("upper", upper)}));
                band->SetInputArray(0, "x");
                band->SetInputArray(1, "lower");
                band->SetInputArray(2, "upper");
                QColor fill = color;
                fill.setAlpha(64);
                setColor(band->GetBrush(), fill);
                band->SetLegendVisibility(false);
                m_main->AddPlot(band);
            }
            vtkNew<vtkPlotLine> mean;
            mean->SetInputData(table({column("x", centres), column("mean", series->values)}), 0, 1);
            setColor(mean->GetPen(), color);
            mean->SetWidth(2.0f);
            mean->SetMarkerStyle(reference ? vtkPlotPoints::CIRCLE : vtkPlotPoints::SQUARE);
            mean->SetMarkerSize(6.0f);
            const QString label = series->errors.empty()
                                      ? series->label
                                      : series->label + QStringLiteral(" (mean \u00b1 std)");
            mean->SetLabel(label.toUtf8().constData());
            m_main->AddPlot(mean);
        }
    }
    m_main->SetShowLegend(true);
    styleFigureText(m_main->GetLegend()->GetLabelProperties(), 11);
    m_main->GetLegend()->SetInline(true);
    m_main->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
    m_main->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);
}

void ComparisonChart::buildRatio() {
    m_ratio = vtkSmartPointer<vtkChartXY>::New();
    m_layout->addChart(m_ratio, vtkRectf(0.0f, 0.0f, 1.0f, ratioPanelHeight));
    vtkAxis* xAxis = m_ratio->GetAxis(vtkAxis::BOTTOM);
    vtkAxis* yAxis = m_ratio->GetAxis(vtkAxis::LEFT);
    styleAxis(xAxis, axisTitle(m_spec.xName, m_spec.xUnits));
    styleAxis(yAxis, QStringLiteral("Gen. / ref."));
    const std::vector<double>& edges = m_spec.binEdges;
    fixRange(xAxis, edges.front(), edges.back());

    const std::vector<double> ratios = binRatios(m_spec.generated.values, m_spec.reference.values);
    // Around 1, wide enough for every ratio but not for a single outlier bin: 0.5 to 1.5 at
    // least, at most 0 to 3 (bins beyond are clipped at the panel's edge).
    double low = 0.5;
    double high = 1.5;
    for (double ratio : ratios) {
        if (std::isfinite(ratio)) {
            low = std::min(low, ratio);
            high = std::max(high, ratio);
        }
    }
    low = std::max(0.0, low - 0.1);
    high = std::min(3.0, high + 0.1);
    fixRange(yAxis, low, high);
    setRoundTicks(yAxis, low, high, 4);

    vtkNew<vtkPlotLine> unity;
    unity->SetInputData(
        table({column("x", {edges.front(), edges.back()}), column("one", {1.0, 1.0})}), 0, 1);
    unity->GetPen()->SetColor(110, 110, 110);
    unity->GetPen()->SetLineType(vtkPen::DASH_LINE);
    unity->SetWidth(1.0f);
    unity->SetLegendVisibility(false);
    m_ratio->AddPlot(unity);

    vtkNew<vtkPlotLine> ratioLine;
    if (m_spec.kind == ComparisonSpec::Kind::Histogram) {
        std::vector<double> x;
        std::vector<double> y;
        stepOutline(edges, ratios, false, x, y);
        ratioLine->SetInputData(table({column("x", x), column("ratio", y)}), 0, 1);
        ratioLine->SetMarkerStyle(vtkPlotPoints::NONE);
    } else {
        ratioLine->SetInputData(table({column("x", binCentres(edges)), column("ratio", ratios)}), 0,
                                1);
        ratioLine->SetMarkerStyle(vtkPlotPoints::SQUARE);
        ratioLine->SetMarkerSize(6.0f);
    }
    setColor(ratioLine->GetPen(), comparisonGeneratedColor());
    ratioLine->SetWidth(2.0f);
    m_ratio->AddPlot(ratioLine);
}

std::optional<QPointF> ComparisonChart::scenePointOf(double x, double y, bool ratioPanel) const {
    vtkChartXY* chart = ratioPanel ? m_ratio.GetPointer() : m_main.GetPointer();
    if (chart == nullptr) {
        return std::nullopt;
    }
    return chartScenePoint(*m_layout, chart, x, y);
}

QImage ComparisonChart::renderImage(QSize size) const {
    return renderOffscreen({m_renderer}, size, figureDpi(size, designSize));
}

void ComparisonChart::writeVector(const QString& path, QSize size) const {
    writeVectorFigure({m_renderer}, size, path, m_spec.title, figureDpi(size, designSize));
}

} // namespace twins::viz
