// MapScene's uncertainty encodings: VSUP colouring with its wedge legend, ensemble-robustness
// hatching with its key, and the caption line that states what the figure encodes.
#include "MapSceneUncertainty.h"

#include "MapSceneParts.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/VsupLegend.h"

#include <vtkCamera.h>
#include <vtkCoordinate.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkScalarBarActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace twins::viz {

namespace {
// Hatch lines sit just above the field and below the graticule, borders and coastlines
// (MapScene's layer depths are 0, 1000, 2000 ...), so geography stays readable through them.
constexpr double hatchDepth = 500.0;
// IPCC AR6 atlas maps draw hatching in thin dark grey.
const double hatchColour[3] = {0.12, 0.12, 0.12};
// Screen distance between parallel hatch lines, in pixels at a 1000x650 figure.
constexpr double hatchSpacing = 9.0;

double layoutScale(int width, int height) {
    return std::max(0.5, std::min(width / 1000.0, height / 650.0));
}

} // namespace

void MapScene::createUncertaintyActors() {
    Uncertainty& state = *m_uncertainty;
    vtkRenderer* renderer = m_renderer;
    state.vsupTable = vtkSmartPointer<vtkLookupTable>::New();
    state.caption = vtkSmartPointer<vtkTextActor>::New();
    styleText(state.caption->GetTextProperty(), 11);
    onLightBox(state.caption->GetTextProperty());
    state.caption->GetTextProperty()->SetVerticalJustificationToBottom();
    state.caption->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    state.caption->GetPositionCoordinate()->SetValue(0.02, 0.012);
    state.caption->SetInput("");
    renderer->AddActor2D(state.caption);
    state.hatchLegend = vtkSmartPointer<vtkTextActor>::New();
    styleText(state.hatchLegend->GetTextProperty(), 10);
    state.hatchLegend->GetTextProperty()->SetVerticalJustificationToTop();
    state.hatchLegend->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    state.hatchLegend->GetPositionCoordinate()->SetValue(0.805, 0.36);
    state.hatchLegend->VisibilityOff();
    renderer->AddActor2D(state.hatchLegend);
}

const data::FieldSlice& MapScene::fieldToDraw() const {
    const Uncertainty& state = *m_uncertainty;
    if (state.indexField && state.indexFor == m_field.get()) {
        return *state.indexField;
    }
    return *m_field;
}

vtkLookupTable* MapScene::fieldLookupTable() const {
    const Uncertainty& state = *m_uncertainty;
    return state.indexField && state.indexFor == m_field.get() ? state.vsupTable.Get()
                                                               : m_lookupTable.Get();
}

void MapScene::setVsupUncertainty(std::shared_ptr<const data::FieldSlice> uncertainty,
                                  const VsupPalette& palette,
                                  std::optional<std::pair<double, double>> uncertaintyRange) {
    if (!m_field) {
        throw MapSceneError("VSUP needs a field on the map for its values");
    }
    if (!uncertainty) {
        throw MapSceneError("VSUP needs an uncertainty field");
    }
    try {
        checkSameGrid(*m_field, *uncertainty);
        if (!uncertaintyRange) {
            defaultUncertaintyRange(*uncertainty); // throws without a finite uncertainty
        } else if (!(uncertaintyRange->first < uncertaintyRange->second)) {
            throw VsupError("the uncertainty range must have low < high");
        }
    } catch (const VsupError& error) {
        throw MapSceneError(error.what());
    }
    Uncertainty& state = *m_uncertainty;
    state.vsupUncertainty = std::move(uncertainty);
    state.palette = palette;
    state.explicitUncertaintyRange = uncertaintyRange;
    fillVsupLookupTable(state.vsupTable, palette);
    refreshVsupField();
}

void MapScene::clearVsup() {
    Uncertainty& state = *m_uncertainty;
    const bool wasActive = state.palette.has_value();
    state.vsupUncertainty.reset();
    state.palette.reset();
    state.indexField.reset();
    state.indexFor = nullptr;
    if (wasActive) {
        rebuildField();
        m_scalarBar->SetVisibility(m_field != nullptr);
        rebuildUncertaintyLegends();
        updateCaption();
    }
}

bool MapScene::hasVsup() const {
    return m_uncertainty->palette.has_value() && m_field != nullptr;
}

void MapScene::refreshVsupField() {
    Uncertainty& state = *m_uncertainty;
    if (!state.palette) {
        return;
    }
    if (!m_field) {
        clearVsup();
        return;
    }
    try {
        const auto uncertaintyRange = state.explicitUncertaintyRange
                                          ? *state.explicitUncertaintyRange
                                          : defaultUncertaintyRange(*state.vsupUncertainty);
        state.ranges = {m_range.minimum, m_range.maximum, uncertaintyRange.first,
                        uncertaintyRange.second};
        state.indexField =
            vsupIndexField(*m_field, *state.vsupUncertainty, *state.palette, state.ranges);
        state.indexFor = m_field.get();
    } catch (const VsupError&) {
        // A new field on another grid: its uncertainty no longer applies.
        clearVsup();
        return;
    }
    rebuildField();
    m_scalarBar->VisibilityOff(); // the wedge is the colour legend
    rebuildUncertaintyLegends();
    updateCaption();
}

void MapScene::setHatching(const RobustnessMap& robustness) {
    if (!m_field) {
        throw MapSceneError("hatching needs a field on the map");
    }
    if (robustness.width != m_field->width || robustness.height != m_field->height ||
        robustness.classes.size() != robustness.width * robustness.height) {
        throw MapSceneError("the robustness classes (" + std::to_string(robustness.width) + "x" +
                            std::to_string(robustness.height) + ") are not on the grid of '" +
                            m_field->variable + "' (" + std::to_string(m_field->width) + "x" +
                            std::to_string(m_field->height) + ")");
    }
    m_uncertainty->hatching = robustness;
    rebuildHatching();
    rebuildUncertaintyLegends();
    updateCaption();
}

void MapScene::clearHatching() {
    m_uncertainty->hatching.reset();
    rebuildHatching();
    rebuildUncertaintyLegends();
    updateCaption();
}

bool MapScene::hasHatching() const {
    return m_uncertainty->hatching.has_value() && m_field != nullptr;
}

long long MapScene::hatchSegmentCount() const {
    const auto& actor = m_uncertainty->hatchActor;
    if (!actor || actor->GetMapper() == nullptr) {
        return 0;
    }
    auto* data = vtkPolyData::SafeDownCast(actor->GetMapper()->GetInput());
    return data != nullptr ? data->GetNumberOfLines() : 0;
}

void MapScene::uncertaintyFieldChanged() {
    Uncertainty& state = *m_uncertainty;
    if (state.hatching && (!m_field || state.hatching->width != m_field->width ||
                           state.hatching->height != m_field->height)) {
        state.hatching.reset();
    }
    refreshVsupField();
    rebuildHatching();
    rebuildUncertaintyLegends();
    updateCaption();
}

void MapScene::rebuildHatching() {
    Uncertainty& state = *m_uncertainty;
    if (state.hatchActor) {
        m_renderer->RemoveActor(state.hatchActor);
        state.hatchActor = nullptr;
    }
    if (!state.hatching || !m_field) {
        return;
    }
    vtkCamera* camera = m_renderer->GetActiveCamera();
    const double scale = camera->GetParallelScale();
    const double worldPerPixel = 2.0 * scale / std::max(1, state.pixelHeight);
    // The visible rectangle with a margin of half a view on each side, so small pans need no
    // rebuild; cut to the map's extent.
    const double* focal = camera->GetFocalPoint();
    const double halfHeight = 2.0 * scale;
    const double halfWidth = halfHeight * state.pixelWidth / std::max(1, state.pixelHeight);
    WorldRect visible{focal[0] - halfWidth, focal[0] + halfWidth, focal[1] - halfHeight,
                      focal[1] + halfHeight};
    const MapPolyline outline = m_projection.outline();
    if (!outline.empty()) {
        WorldRect extent{outline.front().x, outline.front().x, outline.front().y,
                         outline.front().y};
        for (const MapPoint& p : outline) {
            extent.xMin = std::min(extent.xMin, p.x);
            extent.xMax = std::max(extent.xMax, p.x);
            extent.yMin = std::min(extent.yMin, p.y);
            extent.yMax = std::max(extent.yMax, p.y);
        }
        visible = {std::max(visible.xMin, extent.xMin), std::min(visible.xMax, extent.xMax),
                   std::max(visible.yMin, extent.yMin), std::min(visible.yMax, extent.yMax)};
    }
    const double spacing = hatchSpacing * layoutScale(state.pixelWidth, state.pixelHeight);
    vtkSmartPointer<vtkPolyData> lines = buildHatchLines(
        *state.hatching, *m_field, m_projection, visible, worldPerPixel, spacing, hatchDepth);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(lines);
    mapper->ScalarVisibilityOff();
    state.hatchActor = vtkSmartPointer<vtkActor>::New();
    state.hatchActor->SetMapper(mapper);
    state.hatchActor->GetProperty()->SetColor(hatchColour[0], hatchColour[1], hatchColour[2]);
    state.hatchActor->GetProperty()->SetLineWidth(
        static_cast<float>(std::max(1.0, layoutScale(state.pixelWidth, state.pixelHeight))));
    state.hatchActor->GetProperty()->LightingOff();
    state.hatchActor->PickableOff();
    m_renderer->AddActor(state.hatchActor);
    state.hatchBuiltScale = scale;
    state.hatchBuiltFocal[0] = focal[0];
    state.hatchBuiltFocal[1] = focal[1];
}

void MapScene::updateForCamera() {
    const Uncertainty& state = *m_uncertainty;
    if (!state.hatching || !m_field) {
        return;
    }
    vtkCamera* camera = m_renderer->GetActiveCamera();
    const double scale = camera->GetParallelScale();
    const double* focal = camera->GetFocalPoint();
    const bool zoomed = std::abs(scale - state.hatchBuiltScale) > 1e-3 * state.hatchBuiltScale;
    // Rebuilt once the view has moved by half its height (the margin built around it).
    const bool panned = std::hypot(focal[0] - state.hatchBuiltFocal[0],
                                   focal[1] - state.hatchBuiltFocal[1]) > scale;
    if (zoomed || panned) {
        rebuildHatching();
    }
}

void MapScene::setViewportSize(int pixelWidth, int pixelHeight) {
    Uncertainty& state = *m_uncertainty;
    pixelWidth = std::max(1, pixelWidth);
    pixelHeight = std::max(1, pixelHeight);
    if (pixelWidth == state.pixelWidth && pixelHeight == state.pixelHeight && !state.hatching) {
        return;
    }
    state.pixelWidth = pixelWidth;
    state.pixelHeight = pixelHeight;
    rebuildHatching();
    rebuildUncertaintyLegends();
}

void MapScene::rebuildUncertaintyLegends() {
    Uncertainty& state = *m_uncertainty;
    for (const auto& prop : state.legendProps) {
        m_renderer->RemoveViewProp(prop);
    }
    state.legendProps.clear();
    const bool hatched = state.hatching && m_field;
    // The colour bar (or wedge) moves up to leave room for the hatching key below it.
    m_scalarBar->SetPosition(0.84, hatched ? 0.40 : 0.10);
    m_scalarBar->SetPosition2(0.14, hatched ? 0.44 : 0.72);
    state.hatchLegend->SetVisibility(hatched);
    if (hatched) {
        state.hatchLegend->SetInput(
            hatchingLegendLines(*state.hatching).join(QLatin1Char('\n')).toUtf8().constData());
    }
    if (!hasVsup() || !state.indexField) {
        return;
    }
    const double w = state.pixelWidth;
    const double h = state.pixelHeight;
    const LegendBox box{0.81 * w, (hatched ? 0.40 : 0.10) * h, 0.19 * w,
                        (hatched ? 0.46 : 0.74) * h,
                        layoutScale(state.pixelWidth, state.pixelHeight)};
    QString valueTitle = QString::fromStdString(m_field->variable);
    if (!m_field->units.empty()) {
        valueTitle += QStringLiteral(" [%1]").arg(QString::fromStdString(m_field->units));
    }
    const data::FieldSlice& u = *state.vsupUncertainty;
    QString uncertaintyTitle = QStringLiteral("Uncertainty: ") + QString::fromStdString(u.variable);
    if (!u.units.empty()) {
        uncertaintyTitle += QStringLiteral(" [%1]").arg(QString::fromStdString(u.units));
    }
    state.legendProps =
        buildVsupLegend(*state.palette, state.ranges, valueTitle, uncertaintyTitle, box);
    for (const auto& prop : state.legendProps) {
        m_renderer->AddViewProp(prop);
    }
}

void MapScene::setCaption(const QString& caption) {
    m_uncertainty->userCaption = caption;
    updateCaption();
}

void MapScene::updateCaption() {
    const Uncertainty& state = *m_uncertainty;
    QStringList lines;
    if (!state.userCaption.isEmpty()) {
        lines << state.userCaption;
    } else {
        if (hasVsup()) {
            lines << QStringLiteral("Colour lightness: uncertainty (VSUP, %1 levels, %2 value "
                                    "bins at the lowest); hue: value")
                         .arg(state.palette->levels())
                         .arg(state.palette->valueBins());
        }
        if (hasHatching()) {
            lines << hatchingCaption(*state.hatching);
        }
    }
    state.caption->SetInput(lines.join(QLatin1Char('\n')).toUtf8().constData());
}

QString MapScene::captionText() const {
    return QString::fromUtf8(m_uncertainty->caption->GetInput());
}

QStringList MapScene::legendTexts() const {
    QStringList texts;
    for (const auto& prop : m_uncertainty->legendProps) {
        if (auto* text = vtkTextActor::SafeDownCast(prop)) {
            texts << QString::fromUtf8(text->GetInput());
        }
    }
    if (m_uncertainty->hatchLegend->GetVisibility() != 0) {
        texts << QString::fromUtf8(m_uncertainty->hatchLegend->GetInput());
    }
    return texts;
}

} // namespace twins::viz
