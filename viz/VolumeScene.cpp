#include "twinbench/viz/VolumeScene.h"

#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/OffscreenFigure.h"

#include <vtkActor.h>
#include <vtkAxis.h>
#include <vtkCamera.h>
#include <vtkContextScene.h>
#include <vtkImageProperty.h>
#include <vtkOutlineSource.h>
#include <vtkPlotHistogram2D.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkTextProperty.h>
#include <vtkVolumeProperty.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::viz {

namespace {
constexpr int tableSize = 256;

// The sums' charts as orthographic views sharing axes (fractions of the chart renderer's
// inner area): x-y top left, layer-y to its right (same y), x-layer below (same x).
const vtkRectf sumAreas[3] = {
    vtkRectf(0.62f, 0.50f, 0.30f, 0.50f), // along x: layer across, y up
    vtkRectf(0.0f, 0.0f, 0.56f, 0.34f),   // along y: x across, layer up
    vtkRectf(0.0f, 0.50f, 0.56f, 0.50f),  // along z: x across, y up
};
const vtkRectf sumBarArea(0.64f, 0.0f, 0.05f, 0.34f);

void styleText(vtkTextProperty* text, int size) {
    styleFigureText(text, size);
}

// Fills a 256-entry table with the transfer function's colours over [minimum, maximum]
// (log10-spaced on a log scale); NaN shows in the maps' neutral grey.
void fillTable(vtkLookupTable* table, const TransferFunction& function, const ColorRange& range) {
    table->SetScaleToLinear();
    table->SetNumberOfTableValues(tableSize);
    table->SetNanColor(0.62, 0.62, 0.62, 1.0);
    table->SetUseBelowRangeColor(false);
    table->SetUseAboveRangeColor(false);
    table->Build();
    for (int i = 0; i < tableSize; ++i) {
        const QColor color = function.colorAt((i + 0.5) / tableSize);
        table->SetTableValue(i, color.redF(), color.greenF(), color.blueF(), 1.0);
    }
    table->SetTableRange(range.minimum, range.maximum);
    if (range.scale == ColorScale::Logarithmic) {
        table->SetScaleToLog10();
    }
    table->Modified();
}

ColorRange rangeOf(const std::vector<float>& values, bool log) {
    return chooseColorRange(values, log ? ColorScale::Logarithmic : ColorScale::Linear);
}

QColor tableColor(vtkLookupTable* table, double value) {
    double rgb[3] = {0.0, 0.0, 0.0};
    table->GetColor(value, rgb);
    return QColor::fromRgbF(static_cast<float>(rgb[0]), static_cast<float>(rgb[1]),
                            static_cast<float>(rgb[2]));
}
} // namespace

VolumeScene::VolumeScene()
    : m_function(TransferFunction::fromColorMap(ColorMap::named(QStringLiteral("viridis")))) {
    m_volumeRenderer->SetBackground(1.0, 1.0, 1.0);
    m_volumeRenderer->SetViewport(0.0, 0.0, volumeViewportWidth, 1.0);
    m_chartRenderer->SetBackground(1.0, 1.0, 1.0);
    m_chartRenderer->SetViewport(volumeViewportWidth, 0.0, 1.0, 1.0);

    vtkVolumeProperty* property = m_volume->GetProperty();
    property->SetColor(m_volumeColors);
    property->SetScalarOpacity(m_volumeOpacity);
    property->SetInterpolationTypeToLinear();
    // Unshaded: a shower is a cloud of deposits, not a surface; shading would darken cells by
    // the gradient of their neighbours and make colours disagree with the colour bar.
    property->ShadeOff();
    m_volumeMapper->SetInputData(m_volumeImage);
    m_volumeMapper->SetBlendModeToComposite();
    m_volume->SetMapper(m_volumeMapper);
    m_volume->VisibilityOff();
    m_volumeRenderer->AddVolume(m_volume);

    for (int axis = 0; axis < 3; ++axis) {
        auto& mapper = m_sliceMappers[static_cast<std::size_t>(axis)];
        auto& slice = m_slices[static_cast<std::size_t>(axis)];
        mapper->SetInputData(m_sliceImage);
        mapper->SetOrientation(axis);
        slice->SetMapper(mapper);
        slice->GetProperty()->SetLookupTable(m_sliceTable);
        slice->GetProperty()->UseLookupTableScalarRangeOn();
        slice->GetProperty()->SetInterpolationTypeToNearest();
        slice->VisibilityOff();
        m_volumeRenderer->AddViewProp(slice);
    }

    m_cellBar->SetLookupTable(m_cellTable);
    m_cellBar->SetOrientationToVertical();
    m_cellBar->SetPosition(0.86, 0.06);
    m_cellBar->SetPosition2(0.13, 0.68);
    m_cellBar->SetNumberOfLabels(5);
    m_cellBar->SetMaximumNumberOfColors(tableSize);
    m_cellBar->SetBarRatio(0.28);
    m_cellBar->UnconstrainedFontSizeOn();
    m_cellBar->SetVerticalTitleSeparation(6);
    m_cellBar->SetLabelFormat("%-#6.3g");
    styleText(m_cellBar->GetLabelTextProperty(), 10);
    styleText(m_cellBar->GetTitleTextProperty(), 11);
    m_cellBar->VisibilityOff();
    m_volumeRenderer->AddActor2D(m_cellBar);

    styleText(m_title->GetTextProperty(), 14);
    m_title->GetTextProperty()->SetVerticalJustificationToTop();
    m_title->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    m_title->GetPositionCoordinate()->SetValue(0.03, 0.975);
    m_title->SetInput("No volume");
    m_volumeRenderer->AddActor2D(m_title);

    m_chartRenderer->AddActor(m_chartActor);
    m_chartActor->GetScene()->AddItem(m_layout);
    m_layout->setRenderer(m_chartRenderer);
    ChartMargins margins;
    margins.left = 52.0;
    margins.right = 10.0;
    margins.top = 34.0;
    m_layout->setMargins(margins);
    for (int axis = 0; axis < 3; ++axis) {
        vtkChartXY* chart = m_sumCharts[static_cast<std::size_t>(axis)];
        vtkNew<vtkPlotHistogram2D> plot;
        plot->SetInputData(m_sumImages[static_cast<std::size_t>(axis)]);
        plot->SetTransferFunction(m_sumTable);
        chart->AddPlot(plot);
        chart->GetAxis(vtkAxis::BOTTOM)->SetGridVisible(false);
        chart->GetAxis(vtkAxis::LEFT)->SetGridVisible(false);
        chart->SetVisible(false);
        m_layout->addChart(chart, sumAreas[axis]);
    }
    m_sumBar->SetVisible(false);
    m_layout->addColorBar(m_sumBar, sumBarArea);
}

VolumeScene::~VolumeScene() = default;

void VolumeScene::setVolume(const VolumeGrid& grid) {
    validateVolume(grid);
    std::array<Projection2D, 3> sums{sumAlong(grid, 0), sumAlong(grid, 1), sumAlong(grid, 2)};
    bool log = m_logScale;
    const auto ranges = [&](bool logScale) {
        std::vector<float> allSums;
        for (const Projection2D& sum : sums) {
            allSums.insert(allSums.end(), sum.values.begin(), sum.values.end());
        }
        return std::make_pair(rangeOf(grid.values, logScale), rangeOf(allSums, logScale));
    };
    std::pair<ColorRange, ColorRange> chosen;
    try {
        chosen = ranges(log);
    } catch (const ColorRangeError&) {
        // A grid without positive cells cannot be shown on a log scale: show it linearly.
        log = false;
        chosen = ranges(false);
    }
    m_grid = grid;
    m_sums = std::move(sums);
    m_logScale = log;
    m_cellRange = chosen.first;
    m_sumRange = chosen.second;
    for (int axis = 0; axis < 3; ++axis) {
        m_sliceIndex[static_cast<std::size_t>(axis)] =
            grid.dims[static_cast<std::size_t>(axis)] / 2;
    }
    rebuildData();
    rebuildColors();
    updateSlices();
    updateTitle();
    m_volume->SetVisibility(m_volumeVisible);
    m_cellBar->VisibilityOn();
    for (auto& chart : m_sumCharts) {
        chart->SetVisible(true);
    }
    m_sumBar->SetVisible(true);
    resetCamera();
}

void VolumeScene::setLogScale(bool log) {
    if (log == m_logScale) {
        return;
    }
    if (!hasVolume()) {
        m_logScale = log;
        return;
    }
    std::vector<float> allSums;
    for (const Projection2D& sum : m_sums) {
        allSums.insert(allSums.end(), sum.values.begin(), sum.values.end());
    }
    const ColorRange cells = rangeOf(m_grid.values, log); // throws without positive values
    const ColorRange sums = rangeOf(allSums, log);
    m_logScale = log;
    m_cellRange = cells;
    m_sumRange = sums;
    rebuildData();
    rebuildColors();
    updateTitle();
}

void VolumeScene::setTransferFunction(const TransferFunction& function) {
    m_function = function;
    if (hasVolume()) {
        rebuildColors();
    }
}

void VolumeScene::setSliceIndex(int axis, int index) {
    if (axis < 0 || axis > 2) {
        return;
    }
    const int cells = std::max(1, m_grid.dims[static_cast<std::size_t>(axis)]);
    m_sliceIndex[static_cast<std::size_t>(axis)] = std::clamp(index, 0, cells - 1);
    updateSlices();
}

void VolumeScene::setSlicesVisible(bool visible) {
    m_slicesVisible = visible;
    updateSlices();
}

void VolumeScene::setVolumeVisible(bool visible) {
    m_volumeVisible = visible;
    m_volume->SetVisibility(visible && hasVolume());
}

double VolumeScene::displayValue(double value, const ColorRange& range) const {
    if (!std::isfinite(value)) {
        return value;
    }
    if (range.scale == ColorScale::Logarithmic) {
        return std::log10(std::max(value, range.minimum));
    }
    return value;
}

void VolumeScene::rebuildData() {
    const auto& dims = m_grid.dims;
    for (vtkImageData* image : {m_volumeImage.GetPointer(), m_sliceImage.GetPointer()}) {
        image->SetDimensions(dims[0], dims[1], dims[2]);
        image->SetSpacing(m_grid.spacing[0], m_grid.spacing[1], m_grid.spacing[2]);
        image->SetOrigin(0.0, 0.0, 0.0);
        image->AllocateScalars(VTK_FLOAT, 1);
    }
    const bool log = m_cellRange.scale == ColorScale::Logarithmic;
    const double lowest = displayValue(m_cellRange.minimum, m_cellRange);
    auto* volumeValues = static_cast<float*>(m_volumeImage->GetScalarPointer());
    auto* sliceValues = static_cast<float*>(m_sliceImage->GetScalarPointer());
    for (std::size_t i = 0; i < m_grid.values.size(); ++i) {
        const float value = m_grid.values[i];
        // The ray caster cannot take NaN: missing cells are transparent (lowest value).
        volumeValues[i] = std::isfinite(value)
                              ? static_cast<float>(displayValue(value, m_cellRange))
                              : static_cast<float>(lowest);
        // No log of an empty cell: below the range, which the slice table leaves clear.
        sliceValues[i] = log && std::isfinite(value) && value <= 0.0
                             ? static_cast<float>(0.1 * m_cellRange.minimum)
                             : value;
    }
    m_volumeImage->Modified();
    m_sliceImage->Modified();
    m_volume->GetProperty()->SetScalarOpacityUnitDistance(
        *std::min_element(m_grid.spacing.begin(), m_grid.spacing.end()));

    // Sums in the axes' physical coordinates: cell c covers [c, c + 1) x spacing.
    const std::array<std::array<int, 2>, 3> planeAxes{{{2, 1}, {0, 2}, {0, 1}}};
    for (int axis = 0; axis < 3; ++axis) {
        const Projection2D& sum = m_sums[static_cast<std::size_t>(axis)];
        vtkImageData* image = m_sumImages[static_cast<std::size_t>(axis)];
        const auto [across, up] = planeAxes[static_cast<std::size_t>(axis)];
        image->SetDimensions(sum.width, sum.height, 1);
        image->SetSpacing(m_grid.spacing[static_cast<std::size_t>(across)],
                          m_grid.spacing[static_cast<std::size_t>(up)], 1.0);
        image->SetOrigin(0.0, 0.0, 0.0);
        image->AllocateScalars(VTK_DOUBLE, 1);
        auto* values = static_cast<double*>(image->GetScalarPointer());
        for (std::size_t i = 0; i < sum.values.size(); ++i) {
            values[i] = m_sumRange.scale == ColorScale::Logarithmic
                            ? std::max(sum.values[i], m_sumRange.minimum)
                            : sum.values[i];
        }
        image->Modified();
        vtkChartXY* chart = m_sumCharts[static_cast<std::size_t>(axis)];
        vtkAxis* x = chart->GetAxis(vtkAxis::BOTTOM);
        vtkAxis* y = chart->GetAxis(vtkAxis::LEFT);
        const auto title = [&](int gridAxis) {
            return axisTitle(m_grid.axisNames[static_cast<std::size_t>(gridAxis)],
                             m_grid.axisUnits[static_cast<std::size_t>(gridAxis)]);
        };
        styleAxis(x, title(across));
        styleAxis(y, axis == 0 ? QString() : title(up));
        // layer-y shares the y axis of x-y on its left: no second set of labels.
        y->SetLabelsVisible(axis != 0);
        x->SetGridVisible(false);
        y->SetGridVisible(false);
        x->SetBehavior(vtkAxis::FIXED);
        y->SetBehavior(vtkAxis::FIXED);
        x->SetUnscaledRange(0.0, sum.width * m_grid.spacing[static_cast<std::size_t>(across)]);
        y->SetUnscaledRange(0.0, sum.height * m_grid.spacing[static_cast<std::size_t>(up)]);
        chart->GetPlot(0)->Modified();
    }
}

void VolumeScene::rebuildColors() {
    const double low = displayValue(m_cellRange.minimum, m_cellRange);
    const double high = displayValue(m_cellRange.maximum, m_cellRange);
    const double width = high > low ? high - low : 1.0;
    m_volumeColors->RemoveAllPoints();
    for (const ColorPoint& point : m_function.colorPoints()) {
        m_volumeColors->AddRGBPoint(low + point.position * width, point.color.redF(),
                                    point.color.greenF(), point.color.blueF());
    }
    m_volumeOpacity->RemoveAllPoints();
    for (const OpacityPoint& point : m_function.opacityPoints()) {
        m_volumeOpacity->AddPoint(low + point.position * width, point.opacity);
    }
    fillTable(m_cellTable, m_function, m_cellRange);
    fillTable(m_sliceTable, m_function, m_cellRange);
    m_sliceTable->SetBelowRangeColor(1.0, 1.0, 1.0, 0.0);
    m_sliceTable->SetUseBelowRangeColor(m_cellRange.scale == ColorScale::Logarithmic);
    fillTable(m_sumTable, m_function, m_sumRange);
    const QString cellTitle = axisTitle(m_grid.name, m_grid.units);
    m_cellBar->SetTitle(cellTitle.toUtf8().constData());
    m_sumBar->setColors(m_sumTable, m_sumRange);
    m_sumBar->setTitle(axisTitle(QStringLiteral("Summed ") + m_grid.name.toLower(), m_grid.units));
    for (auto& chart : m_sumCharts) {
        chart->GetPlot(0)->Modified();
    }
}

void VolumeScene::updateSlices() {
    for (int axis = 0; axis < 3; ++axis) {
        m_sliceMappers[static_cast<std::size_t>(axis)]->SetSliceNumber(
            m_sliceIndex[static_cast<std::size_t>(axis)]);
        m_slices[static_cast<std::size_t>(axis)]->SetVisibility(m_slicesVisible && hasVolume());
    }
}

void VolumeScene::updateTitle() {
    QString title = m_grid.title.isEmpty() ? m_grid.name : m_grid.title;
    title += QStringLiteral("\n%1 x %2 x %3 cells, %4 scale")
                 .arg(m_grid.dims[0])
                 .arg(m_grid.dims[1])
                 .arg(m_grid.dims[2])
                 .arg(m_logScale ? QStringLiteral("log") : QStringLiteral("linear"));
    m_title->SetInput(title.toUtf8().constData());
    m_layout->setTitle(QStringLiteral("Sums along each axis"));

    if (!m_outline) {
        m_outline = vtkSmartPointer<vtkActor>::New();
        m_outline->GetProperty()->SetColor(0.35, 0.35, 0.35);
        m_outline->GetProperty()->LightingOff();
        m_outline->PickableOff();
        m_volumeRenderer->AddActor(m_outline);
    }
    vtkNew<vtkOutlineSource> box;
    box->SetBounds(0.0, m_grid.dims[0] * m_grid.spacing[0], 0.0, m_grid.dims[1] * m_grid.spacing[1],
                   0.0, m_grid.dims[2] * m_grid.spacing[2]);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(box->GetOutputPort());
    m_outline->SetMapper(mapper);
}

std::vector<double> VolumeScene::normalisedCellValues() const {
    std::vector<double> positions;
    const double low = displayValue(m_cellRange.minimum, m_cellRange);
    const double high = displayValue(m_cellRange.maximum, m_cellRange);
    if (!(high > low)) {
        return positions;
    }
    positions.reserve(m_grid.values.size());
    for (float value : m_grid.values) {
        if (std::isfinite(value)) {
            positions.push_back((displayValue(value, m_cellRange) - low) / (high - low));
        }
    }
    return positions;
}

QColor VolumeScene::cellColor(double value) const {
    return tableColor(m_cellTable, value);
}

QColor VolumeScene::sumColor(double sum) const {
    return tableColor(m_sumTable, sum);
}

void VolumeScene::resetCamera() {
    vtkCamera* camera = m_volumeRenderer->GetActiveCamera();
    const double centre[3] = {0.5 * m_grid.dims[0] * m_grid.spacing[0],
                              0.5 * m_grid.dims[1] * m_grid.spacing[1],
                              0.5 * m_grid.dims[2] * m_grid.spacing[2]};
    camera->SetFocalPoint(centre);
    // From in front of layer 0, the way particles enter, turned so the layers show in depth.
    camera->SetPosition(centre[0], centre[1], centre[2] - 1.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->Azimuth(-35.0);
    camera->Elevation(25.0);
    camera->OrthogonalizeViewUp();
    m_volumeRenderer->ResetCamera();
    // ResetCamera fits the height; the 3-D viewport is a little narrower than tall.
    camera->Zoom(0.85);
}

void VolumeScene::copyCamera(const VolumeScene& other) {
    m_volumeRenderer->GetActiveCamera()->DeepCopy(other.m_volumeRenderer->GetActiveCamera());
    m_volumeRenderer->ResetCameraClippingRange();
}

std::optional<QPointF> VolumeScene::sumCellScenePoint(int axis, int column, int row) const {
    if (axis < 0 || axis > 2 || !hasVolume()) {
        return std::nullopt;
    }
    const std::array<std::array<int, 2>, 3> planeAxes{{{2, 1}, {0, 2}, {0, 1}}};
    const auto [across, up] = planeAxes[static_cast<std::size_t>(axis)];
    const double x = (column + 0.5) * m_grid.spacing[static_cast<std::size_t>(across)];
    const double y = (row + 0.5) * m_grid.spacing[static_cast<std::size_t>(up)];
    const auto point =
        chartScenePoint(*m_layout, m_sumCharts[static_cast<std::size_t>(axis)], x, y);
    if (!point) {
        return std::nullopt;
    }
    // The chart renderer's pixels start where its viewport did in the last frame.
    return *point + m_layout->viewportOrigin();
}

QImage VolumeScene::renderImage(QSize size) const {
    return renderOffscreen(renderers(), size, figureDpi(size, designSize));
}

void VolumeScene::writeVector(const QString& path, QSize size) const {
    writeVectorFigure(renderers(), size, path, m_grid.title.isEmpty() ? m_grid.name : m_grid.title,
                      figureDpi(size, designSize));
}

} // namespace twins::viz
