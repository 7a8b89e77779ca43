#include "twinbench/viz/MapScene.h"

#include "MapLabelLayout.h"
#include "MapSceneParts.h"
#include "MapSceneUncertainty.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/MapFieldMesh.h"
#include "twinbench/viz/MapFieldTexture.h"
#include "twinbench/viz/MapGraticule.h"

#include <QFileInfo>
#include <QStringList>

#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCoordinate.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkImageData.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTexture.h>

#include <algorithm>
#include <cmath>

namespace twins::viz {

using namespace mapLayers;

namespace {

std::vector<MapPolyline> projectAll(const std::vector<GeoPolyline>& lines,
                                    const MapProjection& projection) {
    std::vector<MapPolyline> projected;
    for (const GeoPolyline& line : lines) {
        // Coast data is already dense (a few km); no densification needed beyond 2 degrees.
        for (MapPolyline& piece : projection.projectPolyline(line, 2.0)) {
            projected.push_back(std::move(piece));
        }
    }
    return projected;
}

// The projected-quad mesh's cell values from a field on the same grid; false when the mesh
// has no value/cell arrays.
bool replaceMeshValues(vtkActor& actor, const data::FieldSlice& field);

QString formatValue(double value) {
    return std::isfinite(value) ? QString::number(value, 'g', 5) : QStringLiteral("missing");
}
} // namespace

MapScene::MapScene() : m_uncertainty(std::make_unique<Uncertainty>()) {
    m_renderer->SetBackground(1.0, 1.0, 1.0);
    m_renderer->GetActiveCamera()->ParallelProjectionOn();
    m_lookupTable = vtkSmartPointer<vtkLookupTable>::New();

    m_scalarBar = vtkSmartPointer<vtkScalarBarActor>::New();
    m_scalarBar->SetLookupTable(m_lookupTable);
    m_scalarBar->SetOrientationToVertical();
    m_scalarBar->SetPosition(0.84, 0.10);
    m_scalarBar->SetPosition2(0.14, 0.72);
    m_scalarBar->SetNumberOfLabels(6);
    // Every colour-map entry in the bar (VTK's default of 64 would blend neighbours).
    m_scalarBar->SetMaximumNumberOfColors(256);
    m_scalarBar->SetBarRatio(0.25);
    m_scalarBar->UnconstrainedFontSizeOn();
    m_scalarBar->SetLabelFormat("%-#6.4g");
    styleText(m_scalarBar->GetLabelTextProperty(), 11);
    styleText(m_scalarBar->GetTitleTextProperty(), 12);
    m_scalarBar->VisibilityOff();
    m_renderer->AddActor2D(m_scalarBar);

    m_title = vtkSmartPointer<vtkTextActor>::New();
    styleText(m_title->GetTextProperty(), 14);
    m_title->GetTextProperty()->SetVerticalJustificationToTop();
    m_title->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    m_title->GetPositionCoordinate()->SetValue(0.02, 0.975);
    m_renderer->AddActor2D(m_title);

    m_source = vtkSmartPointer<vtkTextActor>::New();
    styleText(m_source->GetTextProperty(), 11);
    m_source->GetTextProperty()->SetVerticalJustificationToTop();
    m_source->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    m_source->GetPositionCoordinate()->SetValue(0.02, 0.915);
    m_renderer->AddActor2D(m_source);
    onLightBox(m_title->GetTextProperty());
    onLightBox(m_source->GetTextProperty());

    m_labelLayout = std::make_unique<MapLabelLayout>(m_renderer);
    m_labelLayout->setTitles({m_title}, 14);

    createUncertaintyActors();
    clearField(QStringLiteral("No field on the map."));
    rebuildBackground();
}

MapScene::~MapScene() = default;

void MapScene::setProjection(const MapProjection& projection) {
    m_projection = projection;
    rebuildBackground();
    rebuildField();
    rebuildOverlays();
    updateTitle();
    rebuildHatching();
}

void MapScene::setField(std::shared_ptr<const data::FieldSlice> field) {
    if (!field) {
        clearField(QStringLiteral("No field on the map."));
        return;
    }
    QString reason;
    if (!isLonLatField(*field, &reason)) {
        throw MapSceneError("cannot draw " + field->variable +
                            " on a map: " + reason.toStdString());
    }
    ColorRange range;
    try {
        range = chooseColorRange(field->values, m_range.scale);
    } catch (const ColorRangeError& error) {
        if (m_range.scale != ColorScale::Logarithmic) {
            throw MapSceneError(field->variable + ": " + error.what());
        }
        // Log scale on data without positive values: fall back to linear, which always works
        // when there is any finite value.
        try {
            range = chooseColorRange(field->values, ColorScale::Linear);
        } catch (const ColorRangeError& linearError) {
            throw MapSceneError(field->variable + ": " + linearError.what());
        }
    }
    m_field = std::move(field);
    m_range = range;
    rebuildField();
    rebuildOverlays();
    applyColorMap();
    std::string barTitle = m_field->variable;
    if (!m_field->units.empty()) {
        barTitle += " [" + m_field->units + "]";
    }
    m_scalarBar->SetTitle(barTitle.c_str());
    m_scalarBar->VisibilityOn();
    updateTitle();
    uncertaintyFieldChanged();
}

bool MapScene::replaceFieldValues(std::shared_ptr<const data::FieldSlice> field) {
    if (!field || !m_field || !m_fieldActor || hasVsup() || field->x != m_field->x ||
        field->y != m_field->y || field->values.size() != m_field->values.size()) {
        return false;
    }
    if (m_fieldImage) {
        m_field = std::move(field);
        refreshFieldTexture();
    } else if (!replaceMeshValues(*m_fieldActor, *field)) {
        return false;
    } else {
        m_field = std::move(field);
    }
    if (std::any_of(m_overlays.begin(), m_overlays.end(), [](const Overlay& overlay) {
            return overlay.kind == Overlay::Kind::Contours;
        })) {
        rebuildOverlays();
    }
    updateTitle();
    uncertaintyFieldChanged();
    m_valuesReplaced = true;
    return true;
}

void MapScene::setThinLines(bool thin) {
    if (!thin) {
        for (const auto& [property, width] : m_thinnedLines) {
            property->SetLineWidth(float(width));
        }
        m_thinnedLines.clear();
        return;
    }
    vtkActorCollection* actors = m_renderer->GetActors();
    actors->InitTraversal();
    while (vtkActor* actor = actors->GetNextActor()) {
        vtkProperty* property = actor->GetProperty();
        if (property->GetLineWidth() > 1.0f) {
            m_thinnedLines.emplace_back(property, property->GetLineWidth());
            property->SetLineWidth(1.0f);
        }
    }
}

void MapScene::setTextureFieldMinimumCells(std::size_t cells) {
    if (cells != m_textureMinimumCells) {
        m_textureMinimumCells = cells;
        rebuildField();
    }
}

void MapScene::refreshFieldTexture() {
    if (m_fieldImage && m_field) {
        fieldColorImage(fieldToDraw(), fieldLookupTable(), m_fieldImage);
    }
}

namespace {
bool replaceMeshValues(vtkActor& actor, const data::FieldSlice& field) {
    auto* mesh = vtkPolyData::SafeDownCast(actor.GetMapper()->GetInputDataObject(0, 0));
    vtkFloatArray* values = nullptr;
    vtkIdTypeArray* sourceCells = nullptr;
    if (mesh != nullptr) {
        values = vtkFloatArray::SafeDownCast(mesh->GetCellData()->GetArray("value"));
        sourceCells = vtkIdTypeArray::SafeDownCast(mesh->GetCellData()->GetArray("cell"));
    }
    if (values == nullptr || sourceCells == nullptr) {
        return false;
    }
    const vtkIdType count = values->GetNumberOfTuples();
    float* target = values->GetPointer(0);
    const vtkIdType* source = sourceCells->GetPointer(0);
    for (vtkIdType i = 0; i < count; ++i) {
        target[i] = field.values[static_cast<std::size_t>(source[i])];
    }
    values->Modified();
    return true;
}
} // namespace

void MapScene::setSliceLabel(const QString& label) {
    m_sliceLabel = label;
    updateTitle();
}

void MapScene::clearField(const QString& message) {
    m_field.reset();
    m_fieldImage = nullptr;
    if (m_fieldActor) {
        m_renderer->RemoveActor(m_fieldActor);
        m_fieldActor = nullptr;
    }
    m_scalarBar->VisibilityOff();
    m_title->SetInput(message.toUtf8().constData());
    m_source->SetInput("");
    uncertaintyFieldChanged();
}

bool MapScene::setColorMap(const QString& name) {
    if (!ColorMap::named(name).isValid()) {
        return false;
    }
    m_colorMapName = name;
    applyColorMap();
    return true;
}

void MapScene::setColorScale(ColorScale scale) {
    if (m_field) {
        m_range = chooseColorRange(m_field->values, scale);
    } else {
        m_range.scale = scale;
    }
    applyColorMap();
}

void MapScene::setColorRange(double minimum, double maximum) {
    m_range = explicitColorRange(minimum, maximum, m_range.scale);
    applyColorMap();
}

void MapScene::applyColorMap() {
    const ColorMap map = ColorMap::named(m_colorMapName);
    // Linear while the range changes: VTK rejects a log scale over a range that is not yet
    // positive.
    m_lookupTable->SetScaleToLinear();
    map.fillLookupTable(m_lookupTable, m_range.minimum, m_range.maximum);
    if (m_range.scale == ColorScale::Logarithmic) {
        m_lookupTable->SetScaleToLog10();
    }
    m_lookupTable->Modified();
    refreshVsupField();
    refreshFieldTexture();
}

void MapScene::setCoastlineResolution(CoastlineResolution resolution) {
    if (resolution != m_coastResolution) {
        m_coastResolution = resolution;
        rebuildBackground();
    }
}

void MapScene::setGraticuleSpacing(double degrees) {
    if (degrees > 0.0 && degrees != m_graticuleSpacing) {
        m_graticuleSpacing = degrees;
        rebuildBackground();
    }
}

void MapScene::rebuildField() {
    if (m_fieldActor) {
        m_renderer->RemoveActor(m_fieldActor);
        m_fieldActor = nullptr;
    }
    if (!m_field) {
        return;
    }
    m_fieldImage = nullptr;
    // fieldToDraw / fieldLookupTable: the field itself, or its VSUP palette indices.
    const data::FieldSlice& field = fieldToDraw();
    vtkNew<vtkPolyDataMapper> mapper;
    m_fieldActor = vtkSmartPointer<vtkActor>::New();
    if (field.values.size() >= m_textureMinimumCells && isRegularLonLatGrid(field)) {
        mapper->SetInputData(
            buildProjectedTextureMesh(field, m_projection, textureMeshDegrees(m_projection)));
        mapper->ScalarVisibilityOff();
        m_fieldImage = fieldColorImage(field, fieldLookupTable());
        vtkNew<vtkTexture> texture;
        texture->SetInputData(m_fieldImage);
        texture->InterpolateOff(); // one texel is one grid cell, drawn sharp like a quad
        texture->SetColorModeToDirectScalars();
        texture->EdgeClampOn();
        m_fieldActor->SetTexture(texture);
        // Colour maps are opaque (NaN included). Without this VTK scans every texel's alpha
        // (vtkTexture::IsTranslucent) on each frame after a new time step: the largest cost
        // of a frame in perf on bench_views_animation.
        m_fieldActor->ForceOpaqueOn();
    } else {
        mapper->SetInputData(buildProjectedFieldMesh(field, m_projection));
        mapper->SetScalarModeToUseCellData();
        mapper->SetColorModeToMapScalars();
        mapper->SetLookupTable(fieldLookupTable());
        mapper->UseLookupTableScalarRangeOn();
        mapper->ScalarVisibilityOn();
    }
    m_fieldActor->SetMapper(mapper);
    // Unlit: every cell shows exactly its colour-map colour.
    m_fieldActor->GetProperty()->LightingOff();
    m_fieldActor->SetPosition(0.0, 0.0, fieldDepth);
    m_renderer->AddActor(m_fieldActor);
}

void MapScene::clearLabels() {
    for (const auto& label : m_labelActors) {
        m_renderer->RemoveActor2D(label);
    }
    m_labelActors.clear();
    m_labelLayout->setLabels({});
}

void MapScene::rebuildBackground() {
    for (vtkActor* actor :
         {m_graticuleActor.Get(), m_borderActor.Get(), m_coastActor.Get(), m_outlineActor.Get()}) {
        if (actor != nullptr) {
            m_renderer->RemoveActor(actor);
        }
    }
    clearLabels();

    const MapPolyline outline = m_projection.outline();
    const double outlineColor[3] = {0.0, 0.0, 0.0};
    m_outlineActor = lineActor(polylineData({outline}, outlineDepth), outlineColor, 1.5);

    const Graticule graticule = buildGraticule(m_projection, m_graticuleSpacing);
    const double graticuleColor[3] = {0.62, 0.62, 0.62};
    m_graticuleActor =
        lineActor(polylineData(graticule.lines, graticuleDepth), graticuleColor, 0.8);

    const double borderColor[3] = {0.38, 0.38, 0.38};
    m_borderActor = lineActor(
        polylineData(projectAll(coastlinePolylines(CoastlineLayer::Borders, m_coastResolution),
                                m_projection),
                     borderDepth),
        borderColor, 0.8);
    // Near-black coastlines read on every colour map used here.
    const double coastColor[3] = {0.08, 0.08, 0.08};
    m_coastActor = lineActor(
        polylineData(projectAll(coastlinePolylines(CoastlineLayer::Shorelines, m_coastResolution),
                                m_projection),
                     coastDepth),
        coastColor, 1.2);
    for (vtkActor* actor :
         {m_graticuleActor.Get(), m_borderActor.Get(), m_coastActor.Get(), m_outlineActor.Get()}) {
        m_renderer->AddActor(actor);
    }

    // Labels sit just outside the edge they belong to; the offset is a fraction of the map.
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
    if (!outline.empty()) {
        xMin = xMax = outline.front().x;
        yMin = yMax = outline.front().y;
        for (const MapPoint& p : outline) {
            xMin = std::min(xMin, p.x);
            xMax = std::max(xMax, p.x);
            yMin = std::min(yMin, p.y);
            yMax = std::max(yMax, p.y);
        }
    }
    const double offset = 0.008 * std::max(xMax - xMin, yMax - yMin);
    // In order of rank: where labels crowd, MapLabelLayout keeps the earlier ones.
    std::vector<GraticuleLabel> labels = graticule.labels;
    std::stable_sort(
        labels.begin(), labels.end(),
        [](const GraticuleLabel& a, const GraticuleLabel& b) { return a.rank < b.rank; });
    for (const GraticuleLabel& label : labels) {
        auto text = vtkSmartPointer<vtkTextActor>::New();
        text->SetInput(label.text.toUtf8().constData());
        styleText(text->GetTextProperty(), 10);
        double x = label.anchor.x;
        double y = label.anchor.y;
        switch (label.placement) {
        case GraticuleLabel::Placement::LeftOfPoint:
            text->GetTextProperty()->SetJustificationToRight();
            text->GetTextProperty()->SetVerticalJustificationToCentered();
            x -= offset;
            break;
        case GraticuleLabel::Placement::BelowPoint:
            text->GetTextProperty()->SetJustificationToCentered();
            text->GetTextProperty()->SetVerticalJustificationToTop();
            y -= offset;
            break;
        case GraticuleLabel::Placement::OnPoint:
            text->GetTextProperty()->SetJustificationToCentered();
            text->GetTextProperty()->SetVerticalJustificationToCentered();
            text->GetTextProperty()->SetColor(0.3, 0.3, 0.3);
            break;
        }
        text->GetPositionCoordinate()->SetCoordinateSystemToWorld();
        text->GetPositionCoordinate()->SetValue(x, y, outlineDepth);
        m_renderer->AddActor2D(text);
        m_labelActors.push_back(text);
    }
    m_labelLayout->setLabels(m_labelActors);
}

void MapScene::updateTitle() {
    if (!m_field) {
        return;
    }
    QString title = QString::fromStdString(m_field->title());
    QStringList slices;
    if (!m_sliceLabel.isEmpty()) {
        slices << m_sliceLabel;
    } else {
        for (const auto& [dimension, index] : m_field->fixedIndices) {
            slices << QStringLiteral("%1 = %2").arg(QString::fromStdString(dimension)).arg(index);
        }
    }
    if (!slices.isEmpty()) {
        title += QStringLiteral("   (") + slices.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    m_title->SetInput(title.toUtf8().constData());
    const QString source = QStringLiteral("Source: %1   |   %2 projection")
                               .arg(QFileInfo(QString::fromStdString(m_field->path)).fileName(),
                                    m_projection.description());
    m_source->SetInput(source.toUtf8().constData());
}

QStringList MapScene::shownGraticuleLabels() const {
    QStringList shown;
    for (const auto& label : m_labelActors) {
        if (label->GetVisibility()) {
            shown << QString::fromUtf8(label->GetInput());
        }
    }
    return shown;
}

QString MapScene::titleText() const {
    return QString::fromUtf8(m_title->GetInput()) + QLatin1Char('\n') +
           QString::fromUtf8(m_source->GetInput());
}

void MapScene::fitCamera(int pixelWidth, int pixelHeight) {
    const MapPolyline outline = m_projection.outline();
    double xMin = -1, xMax = 1, yMin = -1, yMax = 1;
    if (!outline.empty()) {
        xMin = xMax = outline.front().x;
        yMin = yMax = outline.front().y;
        for (const MapPoint& p : outline) {
            xMin = std::min(xMin, p.x);
            xMax = std::max(xMax, p.x);
            yMin = std::min(yMin, p.y);
            yMax = std::max(yMax, p.y);
        }
    }
    const double width = std::max(1, pixelWidth);
    const double height = std::max(1, pixelHeight);
    const double pixelsPerUnit = std::min((mapRight - mapLeft) * width / (xMax - xMin),
                                          (mapTop - mapBottom) * height / (yMax - yMin));
    // The map's centre goes to the centre of its reserved area, not of the window.
    const double areaCentreX = 0.5 * (mapLeft + mapRight) * width;
    const double areaCentreY = 0.5 * (mapBottom + mapTop) * height;
    const double focalX = 0.5 * (xMin + xMax) + (0.5 * width - areaCentreX) / pixelsPerUnit;
    const double focalY = 0.5 * (yMin + yMax) + (0.5 * height - areaCentreY) / pixelsPerUnit;
    vtkCamera* camera = m_renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    camera->SetFocalPoint(focalX, focalY, 0.0);
    camera->SetPosition(focalX, focalY, 1.0e8);
    camera->SetViewUp(0.0, 1.0, 0.0);
    m_fittedScale = 0.5 * height / pixelsPerUnit;
    camera->SetParallelScale(m_fittedScale);
    m_renderer->ResetCameraClippingRange();
    setViewportSize(pixelWidth, pixelHeight);
}

double MapScene::zoomFactor() const {
    const double scale = m_renderer->GetActiveCamera()->GetParallelScale();
    return scale > 0.0 ? m_fittedScale / scale : 1.0;
}

std::optional<GeoPoint> MapScene::geoPointAt(MapPoint world) const {
    return m_projection.inverse(world);
}

QString MapScene::describe(MapPoint world) const {
    if (!m_field) {
        return {};
    }
    const auto geo = geoPointAt(world);
    if (!geo) {
        return {};
    }
    const QString position = latitudeLabel(geo->lat) + QLatin1Char(' ') + longitudeLabel(geo->lon);
    const auto cell = fieldCellAt(*m_field, *geo);
    if (!cell) {
        return position;
    }
    const double value = m_field->at(cell->column, cell->row);
    QString text = QStringLiteral("%1: %2").arg(position, formatValue(value));
    if (std::isfinite(value) && !m_field->units.empty()) {
        text += QLatin1Char(' ') + QString::fromStdString(m_field->units);
    }
    return text;
}

} // namespace twins::viz
