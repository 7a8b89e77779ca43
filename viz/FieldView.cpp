#include "twinbench/viz/FieldView.h"

#include "MapInteractorStyle.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"

#include <QFileInfo>
#include <QMouseEvent>

#include <vtkCamera.h>
#include <vtkFloatArray.h>
#include <vtkImageMapper3D.h>
#include <vtkImageProperty.h>
#include <vtkPointData.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace twins::viz {

namespace {
// Fractions of the view reserved around the field: title on top, colour bar on the right.
constexpr double fieldLeft = 0.04;
constexpr double fieldRight = 0.80;
constexpr double fieldBottom = 0.05;
constexpr double fieldTop = 0.88;

double spacingOf(const std::vector<double>& coordinates) {
    if (coordinates.size() < 2) {
        return 1.0;
    }
    // The image is drawn on a uniform grid spanning the first to the last coordinate; grids
    // with slightly uneven spacing (e.g. Gaussian latitudes) are drawn to within a fraction of
    // a cell. Curvilinear and irregular grids are the map view's job.
    return (coordinates.back() - coordinates.front()) / static_cast<double>(coordinates.size() - 1);
}

QString formatNumber(double value) {
    if (!std::isfinite(value)) {
        return QStringLiteral("missing");
    }
    return QString::number(value, 'g', 5);
}
} // namespace

FieldView::FieldView(QWidget* parent) : VtkView(parent) {
    vtkNew<MapInteractorStyle> style;
    interactor()->SetInteractorStyle(style);
    renderer()->SetBackground(1.0, 1.0, 1.0);
    renderer()->GetActiveCamera()->ParallelProjectionOn();

    m_colorMapper->SetLookupTable(m_lookupTable);
    m_colorMapper->SetOutputFormatToRGBA();
    m_colorMapper->SetInputData(m_image);
    m_imageActor->GetMapper()->SetInputConnection(m_colorMapper->GetOutputPort());
    // Nearest-neighbour: every grid cell stays one honest colour, no invented smoothness.
    m_imageActor->InterpolateOff();
    // Whole cells: without a border VTK draws edge cells half-size (centre to centre).
    m_imageActor->GetMapper()->BorderOn();
    m_imageActor->VisibilityOff();
    renderer()->AddActor(m_imageActor);

    m_scalarBar->SetLookupTable(m_lookupTable);
    m_scalarBar->SetOrientationToVertical();
    m_scalarBar->SetPosition(0.84, 0.08);
    m_scalarBar->SetPosition2(0.14, 0.78);
    m_scalarBar->SetNumberOfLabels(6);
    m_scalarBar->SetBarRatio(0.25);
    m_scalarBar->UnconstrainedFontSizeOn();
    m_scalarBar->SetLabelFormat("%-#6.4g");
    for (vtkTextProperty* text :
         {m_scalarBar->GetLabelTextProperty(), m_scalarBar->GetTitleTextProperty()}) {
        text->SetColor(0.1, 0.1, 0.1);
        text->SetFontFamilyToArial();
        text->ShadowOff();
        text->ItalicOff();
        text->BoldOff();
        text->SetFontSize(11);
    }
    m_scalarBar->GetTitleTextProperty()->SetFontSize(12);
    m_scalarBar->VisibilityOff();
    renderer()->AddActor2D(m_scalarBar);

    m_title->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
    m_title->GetTextProperty()->SetFontSize(13);
    m_title->GetTextProperty()->SetFontFamilyToArial();
    m_title->GetTextProperty()->SetVerticalJustificationToTop();
    m_title->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    m_title->GetPositionCoordinate()->SetValue(0.02, 0.97);
    m_title->SetInput("Open a NetCDF file (File > Open) and choose a variable.");
    renderer()->AddActor2D(m_title);
}

FieldView::~FieldView() = default;

void FieldView::showField(std::shared_ptr<const data::FieldSlice> field) {
    m_field = std::move(field);
    if (!m_field) {
        showMessage(tr("No field."));
        return;
    }
    const auto width = static_cast<int>(m_field->width);
    const auto height = static_cast<int>(m_field->height);
    m_image->SetDimensions(width, height, 1);
    m_image->SetOrigin(m_field->x.front(), m_field->y.front(), 0.0);
    m_image->SetSpacing(spacingOf(m_field->x), spacingOf(m_field->y), 1.0);
    vtkNew<vtkFloatArray> scalars;
    scalars->SetName(m_field->variable.c_str());
    scalars->SetNumberOfTuples(static_cast<vtkIdType>(m_field->values.size()));
    std::copy(m_field->values.begin(), m_field->values.end(), scalars->GetPointer(0));
    m_image->GetPointData()->SetScalars(scalars);
    m_image->Modified();

    applyColorMap();
    std::string barTitle = m_field->variable;
    if (!m_field->units.empty()) {
        barTitle += " [" + m_field->units + "]";
    }
    m_scalarBar->SetTitle(barTitle.c_str());
    m_imageActor->VisibilityOn();
    m_scalarBar->VisibilityOn();
    updateTitle();
    resetCamera();
    if (m_cursorPosition) {
        emit cursorTextChanged(describePosition(*m_cursorPosition));
    }
}

void FieldView::showMessage(const QString& message) {
    m_field.reset();
    m_imageActor->VisibilityOff();
    m_scalarBar->VisibilityOff();
    m_title->SetInput(message.toUtf8().constData());
    update();
}

void FieldView::setSliceLabel(const QString& label) {
    m_sliceLabel = label;
    updateTitle();
    update();
}

void FieldView::setColorMap(const QString& name) {
    if (!ColorMap::named(name).isValid()) {
        return;
    }
    m_colorMapName = name;
    applyColorMap();
    update();
}

void FieldView::applyColorMap() {
    const ColorMap map = ColorMap::named(m_colorMapName);
    const double minimum = m_field ? m_field->minimum : 0.0;
    const double maximum = m_field ? m_field->maximum : 1.0;
    map.fillLookupTable(m_lookupTable, minimum, maximum);
    m_lookupTable->Modified();
    m_colorMapper->Modified();
}

void FieldView::updateTitle() {
    if (!m_field) {
        return;
    }
    QString text = QString::fromStdString(m_field->title());
    QStringList slices;
    for (const auto& [dimension, index] : m_field->fixedIndices) {
        slices << QStringLiteral("%1 = %2").arg(QString::fromStdString(dimension)).arg(index);
    }
    if (!m_sliceLabel.isEmpty()) {
        text += QStringLiteral("   (") + m_sliceLabel + QStringLiteral(")");
    } else if (!slices.isEmpty()) {
        text += QStringLiteral("   (") + slices.join(QStringLiteral(", ")) + QStringLiteral(")");
    }
    text += QStringLiteral("\n") + QFileInfo(QString::fromStdString(m_field->path)).fileName();
    if (m_field->finiteCount == 0) {
        text += tr("   - every value is missing (fill value or outside the valid range)");
    }
    m_title->SetInput(text.toUtf8().constData());
}

void FieldView::resetCamera() {
    if (!m_field) {
        update();
        return;
    }
    double bounds[6];
    m_image->GetBounds(bounds);
    // Half a cell on each side: cells are drawn centred on their coordinates.
    const double halfX = 0.5 * m_image->GetSpacing()[0];
    const double halfY = 0.5 * m_image->GetSpacing()[1];
    const double worldWidth = std::max(bounds[1] - bounds[0] + 2 * halfX, 1e-12);
    const double worldHeight = std::max(bounds[3] - bounds[2] + 2 * halfY, 1e-12);
    const int* size = renderWindow()->GetSize();
    const double pixelWidth = std::max(1, size[0]);
    const double pixelHeight = std::max(1, size[1]);
    const double availableWidth = (fieldRight - fieldLeft) * pixelWidth;
    const double availableHeight = (fieldTop - fieldBottom) * pixelHeight;
    const double pixelsPerUnit =
        std::min(availableWidth / worldWidth, availableHeight / worldHeight);
    const double centreX = 0.5 * (bounds[0] + bounds[1]);
    const double centreY = 0.5 * (bounds[2] + bounds[3]);
    // Put the field's centre at the centre of its reserved area, not of the whole view.
    const double areaCentreX = (fieldLeft + 0.5 * (fieldRight - fieldLeft)) * pixelWidth;
    const double areaCentreY = (fieldBottom + 0.5 * (fieldTop - fieldBottom)) * pixelHeight;
    const double focalX = centreX + (0.5 * pixelWidth - areaCentreX) / pixelsPerUnit;
    const double focalY = centreY + (0.5 * pixelHeight - areaCentreY) / pixelsPerUnit;

    vtkCamera* camera = renderer()->GetActiveCamera();
    camera->ParallelProjectionOn();
    camera->SetFocalPoint(focalX, focalY, 0.0);
    camera->SetPosition(focalX, focalY, 1000.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->SetParallelScale(0.5 * pixelHeight / pixelsPerUnit);
    renderer()->ResetCameraClippingRange();
    m_fittedCamera = std::array<double, 3>{focalX, focalY, camera->GetParallelScale()};
    update();
}

void FieldView::resizeGL(int width, int height) {
    VtkView::resizeGL(width, height);
    if (!m_field || !m_fittedCamera) {
        return;
    }
    vtkCamera* camera = renderer()->GetActiveCamera();
    const double* focal = camera->GetFocalPoint();
    const auto& fitted = *m_fittedCamera;
    const bool untouched =
        focal[0] == fitted[0] && focal[1] == fitted[1] && camera->GetParallelScale() == fitted[2];
    if (untouched) {
        resetCamera();
    }
}

QPointF FieldView::widgetPositionOf(double x, double y) const {
    vtkRenderer* view = renderer();
    view->SetWorldPoint(x, y, 0.0, 1.0);
    view->WorldToDisplay();
    double display[3];
    view->GetDisplayPoint(display);
    const qreal ratio = devicePixelRatioF();
    const double pixelHeight = renderWindow()->GetSize()[1];
    return {display[0] / ratio, (pixelHeight - display[1]) / ratio};
}

QString FieldView::describePosition(QPointF widgetPosition) const {
    if (!m_field) {
        return {};
    }
    const qreal ratio = devicePixelRatioF();
    const double pixelHeight = renderWindow()->GetSize()[1];
    vtkRenderer* view = renderer();
    view->SetDisplayPoint(widgetPosition.x() * ratio, pixelHeight - widgetPosition.y() * ratio,
                          0.0);
    view->DisplayToWorld();
    double world[4];
    view->GetWorldPoint(world);
    if (world[3] != 0.0) {
        world[0] /= world[3];
        world[1] /= world[3];
    }
    const double* origin = m_image->GetOrigin();
    const double* spacing = m_image->GetSpacing();
    const long column = std::lround((world[0] - origin[0]) / spacing[0]);
    const long row = std::lround((world[1] - origin[1]) / spacing[1]);
    if (column < 0 || row < 0 || column >= static_cast<long>(m_field->width) ||
        row >= static_cast<long>(m_field->height)) {
        return {};
    }
    const double value =
        m_field->at(static_cast<std::size_t>(column), static_cast<std::size_t>(row));
    const QString units = QString::fromStdString(m_field->units);
    QString text = QStringLiteral("%1 %2, %3 %4: %5 %6")
                       .arg(QString::fromStdString(m_field->yName))
                       .arg(formatNumber(m_field->y[static_cast<std::size_t>(row)]))
                       .arg(QString::fromStdString(m_field->xName))
                       .arg(formatNumber(m_field->x[static_cast<std::size_t>(column)]))
                       .arg(formatNumber(value))
                       .arg(std::isfinite(value) ? units : QString())
                       .trimmed();
    if (!m_sliceLabel.isEmpty()) {
        text += QStringLiteral("  |  ") + m_sliceLabel;
    }
    return text;
}

void FieldView::mouseMoveEvent(QMouseEvent* event) {
    VtkView::mouseMoveEvent(event);
    m_cursorPosition = event->position();
    emit cursorTextChanged(describePosition(event->position()));
}

void FieldView::leaveEvent(QEvent* event) {
    VtkView::leaveEvent(event);
    m_cursorPosition.reset();
    emit cursorTextChanged(QString());
}

} // namespace twins::viz
