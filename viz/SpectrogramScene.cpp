#include "twinbench/viz/SpectrogramScene.h"

#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/OffscreenFigure.h"

#include <vtkAxis.h>
#include <vtkContextScene.h>
#include <vtkDoubleArray.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkPen.h>
#include <vtkPlotHistogram2D.h>
#include <vtkPlotLine.h>
#include <vtkPointData.h>
#include <vtkTable.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace twins::viz {

namespace {
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// Panels, as fractions of the area inside the margins: waterfall top-left, band to its right,
// profile under it, colour bar on the far right (its labels go in the right margin).
const vtkRectf waterfallArea(0.0f, 0.30f, 0.70f, 0.70f);
const vtkRectf bandArea(0.73f, 0.30f, 0.16f, 0.70f);
const vtkRectf profileArea(0.0f, 0.0f, 0.70f, 0.24f);
const vtkRectf colorBarArea(0.93f, 0.30f, 0.04f, 0.70f);

vtkSmartPointer<vtkDoubleArray> column(const char* name, const std::vector<double>& values) {
    auto array = vtkSmartPointer<vtkDoubleArray>::New();
    array->SetName(name);
    array->SetNumberOfValues(static_cast<vtkIdType>(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i) {
        array->SetValue(static_cast<vtkIdType>(i), values[i]);
    }
    return array;
}

void fixRange(vtkAxis* axis, double low, double high) {
    axis->SetBehavior(vtkAxis::FIXED);
    axis->SetUnscaledRange(low, high);
}

// A range around finite values with a little room, for the summary panels.
std::pair<double, double> paddedRange(const std::vector<double>& values) {
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (double value : values) {
        if (std::isfinite(value)) {
            low = std::min(low, value);
            high = std::max(high, value);
        }
    }
    if (!std::isfinite(low)) {
        return {0.0, 1.0};
    }
    double margin = 0.08 * (high - low);
    if (!(margin > 0.0)) {
        margin = std::max(std::abs(high), 1.0) * 0.1;
    }
    return {low - margin, high + margin};
}

vtkSmartPointer<vtkPlotLine> summaryLine(const std::vector<double>& x,
                                         const std::vector<double>& y) {
    vtkNew<vtkTable> table;
    table->AddColumn(column("x", x));
    table->AddColumn(column("y", y));
    auto line = vtkSmartPointer<vtkPlotLine>::New();
    line->SetInputData(table, 0, 1);
    line->GetPen()->SetColor(30, 30, 30);
    line->SetWidth(1.5f);
    line->SetMarkerStyle(vtkPlotPoints::NONE);
    return line;
}
} // namespace

void validateSpectrogram(const SpectrogramData& data) {
    const std::string what =
        data.title.isEmpty() ? "the spectrogram" : "'" + data.title.toStdString() + "'";
    if (data.bins < 1 || data.channels < 1) {
        throw SpectrogramError(what + " needs at least one bin and one channel, got " +
                               std::to_string(data.bins) + " bins x " +
                               std::to_string(data.channels) + " channels");
    }
    const auto expected = static_cast<std::size_t>(data.bins) * data.channels;
    if (data.values.size() != expected) {
        throw SpectrogramError(what + " has " + std::to_string(data.values.size()) + " values; " +
                               std::to_string(data.bins) + " bins x " +
                               std::to_string(data.channels) + " channels need " +
                               std::to_string(expected));
    }
    if (!std::isfinite(data.binStart) || !std::isfinite(data.binStep) || !(data.binStep > 0.0)) {
        throw SpectrogramError(what + ": the bin step must be finite and positive, got " +
                               std::to_string(data.binStep));
    }
    if (!std::isfinite(data.frequencyStart) || !std::isfinite(data.frequencyStep) ||
        data.frequencyStep == 0.0) {
        throw SpectrogramError(what + ": the channel width must be finite and non-zero, got " +
                               std::to_string(data.frequencyStep));
    }
    if (std::none_of(data.values.begin(), data.values.end(),
                     [](float value) { return std::isfinite(value); })) {
        throw SpectrogramError(what + " has no finite value (all flagged)");
    }
    if (!data.mask.empty() && data.mask.size() != expected) {
        throw SpectrogramError(what + ": the overlay has " + std::to_string(data.mask.size()) +
                               " samples; the spectrogram has " + std::to_string(expected));
    }
}

std::vector<double> bandMeans(const SpectrogramData& data) {
    std::vector<double> means(static_cast<std::size_t>(data.channels), missing);
    for (int channel = 0; channel < data.channels; ++channel) {
        double sum = 0.0;
        int count = 0;
        for (int bin = 0; bin < data.bins; ++bin) {
            const float value = data.values[static_cast<std::size_t>(channel) * data.bins + bin];
            if (std::isfinite(value)) {
                sum += value;
                ++count;
            }
        }
        if (count > 0) {
            means[static_cast<std::size_t>(channel)] = sum / count;
        }
    }
    return means;
}

std::vector<double> binMeans(const SpectrogramData& data) {
    std::vector<double> means(static_cast<std::size_t>(data.bins), missing);
    for (int bin = 0; bin < data.bins; ++bin) {
        double sum = 0.0;
        int count = 0;
        for (int channel = 0; channel < data.channels; ++channel) {
            const float value = data.values[static_cast<std::size_t>(channel) * data.bins + bin];
            if (std::isfinite(value)) {
                sum += value;
                ++count;
            }
        }
        if (count > 0) {
            means[static_cast<std::size_t>(bin)] = sum / count;
        }
    }
    return means;
}

SpectrogramScene::SpectrogramScene(const SpectrogramData& data, const SpectrogramStyle& style)
    : m_data(data), m_style(style) {
    validateSpectrogram(m_data);
    const ColorMap map = ColorMap::named(m_style.colorMap);
    if (!map.isValid()) {
        throw SpectrogramError(
            "unknown colour map '" + m_style.colorMap.toStdString() +
            "'; choose one of: " + ColorMap::names().join(QStringLiteral(", ")).toStdString());
    }
    m_range = m_style.range
                  ? explicitColorRange(m_style.range->first, m_style.range->second, m_style.scale)
                  : chooseColorRange(m_data.values, m_style.scale);
    map.fillLookupTable(m_lookupTable, m_range.minimum, m_range.maximum);
    if (m_range.scale == ColorScale::Logarithmic) {
        m_lookupTable->SetScaleToLog10();
    }
    m_lookupTable->Build();

    m_renderer->SetBackground(1.0, 1.0, 1.0);
    m_renderer->AddActor(m_actor);
    m_actor->GetScene()->AddItem(m_layout);
    m_layout->setRenderer(m_renderer);
    ChartMargins margins;
    margins.right = 74.0;
    m_layout->setMargins(margins);
    m_layout->setTitle(
        m_data.mask.empty() || m_data.maskName.isEmpty()
            ? m_data.title
            : QStringLiteral("%1 (red shading: %2)")
                  .arg(m_data.title.isEmpty() ? m_data.valueName : m_data.title, m_data.maskName));
    buildWaterfall();
    buildBand();
    buildProfile();
    m_colorBar->setColors(m_lookupTable, m_range);
    m_colorBar->setTitle(axisTitle(m_data.valueName, m_data.valueUnits));
    m_layout->addColorBar(m_colorBar, colorBarArea);
}

SpectrogramScene::~SpectrogramScene() = default;

double SpectrogramScene::frequencyLow() const {
    return std::min(m_data.frequencyStart,
                    m_data.frequencyStart + m_data.channels * m_data.frequencyStep);
}
double SpectrogramScene::frequencyHigh() const {
    return std::max(m_data.frequencyStart,
                    m_data.frequencyStart + m_data.channels * m_data.frequencyStep);
}
double SpectrogramScene::binHigh() const {
    return m_data.binStart + m_data.bins * m_data.binStep;
}

void SpectrogramScene::buildWaterfall() {
    // Image row 0 is the lowest frequency: descending channels are flipped. On a log scale,
    // values at or below the range's minimum show its lowest colour (not "missing").
    m_image->SetDimensions(m_data.bins, m_data.channels, 1);
    m_image->SetOrigin(m_data.binStart, frequencyLow(), 0.0);
    m_image->SetSpacing(m_data.binStep, std::abs(m_data.frequencyStep), 1.0);
    m_image->AllocateScalars(VTK_FLOAT, 1);
    auto* pixels = static_cast<float*>(m_image->GetScalarPointer());
    const bool descending = m_data.frequencyStep < 0.0;
    const bool log = m_range.scale == ColorScale::Logarithmic;
    for (int channel = 0; channel < m_data.channels; ++channel) {
        const int row = descending ? m_data.channels - 1 - channel : channel;
        for (int bin = 0; bin < m_data.bins; ++bin) {
            float value = m_data.values[static_cast<std::size_t>(channel) * m_data.bins + bin];
            if (log && std::isfinite(value) && value < m_range.minimum) {
                value = static_cast<float>(m_range.minimum);
            }
            pixels[static_cast<std::size_t>(row) * m_data.bins + bin] = value;
        }
    }
    vtkNew<vtkPlotHistogram2D> plot;
    plot->SetInputData(m_image);
    plot->SetTransferFunction(m_lookupTable);
    m_waterfall->AddPlot(plot);
    if (!m_data.mask.empty()) {
        buildMaskOverlay();
    }
    vtkAxis* x = m_waterfall->GetAxis(vtkAxis::BOTTOM);
    vtkAxis* y = m_waterfall->GetAxis(vtkAxis::LEFT);
    // The x labels are drawn once, under the profile panel that shares the axis.
    styleAxis(x, QString());
    x->SetLabelsVisible(false);
    styleAxis(y, axisTitle(m_data.frequencyName, m_data.frequencyUnits));
    x->SetGridVisible(false);
    y->SetGridVisible(false);
    fixRange(x, m_data.binStart, binHigh());
    fixRange(y, frequencyLow(), frequencyHigh());
    m_layout->addChart(m_waterfall, waterfallArea);
}

// The overlay is a second image plot over the waterfall: unmasked samples transparent, masked
// ones a half-transparent red (Paul Tol's vibrant red, distinct from every sequential map the
// waterfall may use), so the data stay visible under it.
void SpectrogramScene::buildMaskOverlay() {
    m_maskImage->SetDimensions(m_data.bins, m_data.channels, 1);
    m_maskImage->SetOrigin(m_data.binStart, frequencyLow(), 0.0);
    m_maskImage->SetSpacing(m_data.binStep, std::abs(m_data.frequencyStep), 1.0);
    m_maskImage->AllocateScalars(VTK_FLOAT, 1);
    auto* pixels = static_cast<float*>(m_maskImage->GetScalarPointer());
    const bool descending = m_data.frequencyStep < 0.0;
    for (int channel = 0; channel < m_data.channels; ++channel) {
        const int row = descending ? m_data.channels - 1 - channel : channel;
        for (int bin = 0; bin < m_data.bins; ++bin) {
            pixels[static_cast<std::size_t>(row) * m_data.bins + bin] =
                m_data.mask[static_cast<std::size_t>(channel) * m_data.bins + bin] != 0 ? 1.0f
                                                                                        : 0.0f;
        }
    }
    m_maskColors->SetNumberOfTableValues(2);
    m_maskColors->SetTableRange(0.0, 1.0);
    m_maskColors->SetTableValue(0, 0.0, 0.0, 0.0, 0.0);
    m_maskColors->SetTableValue(1, 0.800, 0.200, 0.067, 0.55);
    vtkNew<vtkPlotHistogram2D> overlay;
    overlay->SetInputData(m_maskImage);
    overlay->SetTransferFunction(m_maskColors);
    m_waterfall->AddPlot(overlay);
}

void SpectrogramScene::buildBand() {
    const std::vector<double> means = bandMeans(m_data);
    std::vector<double> centres(means.size());
    for (int channel = 0; channel < m_data.channels; ++channel) {
        centres[static_cast<std::size_t>(channel)] =
            m_data.frequencyStart + (channel + 0.5) * m_data.frequencyStep;
    }
    m_band->AddPlot(summaryLine(means, centres));
    vtkAxis* x = m_band->GetAxis(vtkAxis::BOTTOM);
    vtkAxis* y = m_band->GetAxis(vtkAxis::LEFT);
    styleAxis(x, axisTitle(QStringLiteral("Band mean"), m_data.valueUnits));
    styleAxis(y, QString());
    y->SetLabelsVisible(false);
    const auto [low, high] = paddedRange(means);
    fixRange(x, low, high);
    setRoundTicks(x, low, high, 3);
    fixRange(y, frequencyLow(), frequencyHigh());
    m_layout->addChart(m_band, bandArea);
}

void SpectrogramScene::buildProfile() {
    const std::vector<double> means = binMeans(m_data);
    std::vector<double> centres(means.size());
    for (int bin = 0; bin < m_data.bins; ++bin) {
        centres[static_cast<std::size_t>(bin)] = m_data.binStart + (bin + 0.5) * m_data.binStep;
    }
    m_profile->AddPlot(summaryLine(centres, means));
    vtkAxis* x = m_profile->GetAxis(vtkAxis::BOTTOM);
    vtkAxis* y = m_profile->GetAxis(vtkAxis::LEFT);
    styleAxis(x, axisTitle(m_data.binName, m_data.binUnits));
    styleAxis(y, axisTitle(QStringLiteral("Mean"), m_data.valueUnits));
    const auto [low, high] = paddedRange(means);
    fixRange(x, m_data.binStart, binHigh());
    fixRange(y, low, high);
    setRoundTicks(y, low, high, 4);
    m_layout->addChart(m_profile, profileArea);
}

vtkChartXY* SpectrogramScene::chart(Panel panel) const {
    switch (panel) {
    case Panel::Waterfall:
        return m_waterfall;
    case Panel::Band:
        return m_band;
    case Panel::Profile:
        return m_profile;
    }
    return nullptr;
}

std::optional<QPointF> SpectrogramScene::scenePointOf(Panel panel, double x, double y) const {
    return chartScenePoint(*m_layout, chart(panel), x, y);
}

QString SpectrogramScene::describeScenePoint(QPointF scenePoint) const {
    const auto point = chartDataPoint(*m_layout, chart(Panel::Waterfall), scenePoint);
    if (!point) {
        return {};
    }
    const int bin = static_cast<int>(std::floor((point->x() - m_data.binStart) / m_data.binStep));
    const int channel =
        static_cast<int>(std::floor((point->y() - m_data.frequencyStart) / m_data.frequencyStep));
    if (bin < 0 || bin >= m_data.bins || channel < 0 || channel >= m_data.channels) {
        return {};
    }
    const std::size_t index = static_cast<std::size_t>(channel) * m_data.bins + bin;
    const auto withUnits = [](double value, const QString& units) {
        const QString number = QString::number(value, 'g', 5);
        return units.isEmpty() ? number : number + QLatin1Char(' ') + units;
    };
    const float value = m_data.values[index];
    QString text =
        QStringLiteral("%1 %2, %3 %4: %5")
            .arg(m_data.binName.toLower(),
                 withUnits(m_data.binStart + (bin + 0.5) * m_data.binStep, m_data.binUnits),
                 m_data.frequencyName.toLower(),
                 withUnits(m_data.frequencyStart + (channel + 0.5) * m_data.frequencyStep,
                           m_data.frequencyUnits),
                 std::isfinite(value) ? withUnits(value, m_data.valueUnits)
                                      : QStringLiteral("flagged"));
    if (!m_data.mask.empty() && m_data.mask[index] != 0) {
        text += QStringLiteral(" (%1)").arg(m_data.maskName.isEmpty() ? QStringLiteral("masked")
                                                                      : m_data.maskName);
    }
    return text;
}

QImage SpectrogramScene::renderImage(QSize size) const {
    return renderOffscreen({m_renderer}, size, figureDpi(size, designSize));
}

void SpectrogramScene::writeVector(const QString& path, QSize size) const {
    writeVectorFigure({m_renderer}, size, path, m_data.title, figureDpi(size, designSize));
}

} // namespace twins::viz
