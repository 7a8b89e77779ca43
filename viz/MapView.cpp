#include "twinbench/viz/MapView.h"

#include "MapInteractorStyle.h"

#include <QMouseEvent>

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>

#include <algorithm>
#include <limits>

namespace twins::viz {

MapView::MapView(QWidget* parent) : VtkView(parent), m_scene(std::make_unique<MapScene>()) {
    vtkNew<MapInteractorStyle> style;
    interactor()->SetInteractorStyle(style);
    // The view's own renderer stays (VtkView owns it) but draws nothing: the scene's
    // renderer, shared with figure export, is the one shown.
    renderWindow()->RemoveRenderer(renderer());
    renderWindow()->AddRenderer(m_scene->renderer());
    // No alpha pass after each frame: the animation's frame rate (see VtkView).
    setOpaqueBackgrounds(true);
    interactor()->GetInteractorStyle()->SetDefaultRenderer(m_scene->renderer());

    vtkNew<vtkCallbackCommand> cameraMoved;
    cameraMoved->SetClientData(this);
    cameraMoved->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        auto* view = static_cast<MapView*>(clientData);
        view->m_userMovedCamera = true;
        view->updateDetailForZoom();
        view->m_scene->updateForCamera(); // hatching keeps its screen density
        emit view->cameraMoved();
    });
    // The interactor style ends every pan/zoom with an EndInteractionEvent or a render
    // request; both come after the camera moved.
    interactor()->AddObserver(vtkCommand::RenderEvent, cameraMoved);

    m_settle = new QTimer(this);
    m_settle->setSingleShot(true);
    m_settle->setInterval(settleDelay);
    connect(m_settle, &QTimer::timeout, this, [this] { update(); });
    vtkNew<vtkCallbackCommand> rendering;
    rendering->SetClientData(this);
    rendering->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        static_cast<MapView*>(clientData)->chooseLineDetail();
    });
    m_scene->renderer()->AddObserver(vtkCommand::StartEvent, rendering);
}

void MapView::chooseLineDetail() {
    // The scene's renderer also draws figure exports, in their own offscreen windows: those
    // always get full widths.
    if (m_scene->renderer()->GetRenderWindow() != renderWindow()) {
        m_scene->setThinLines(false);
        m_drewThinLines = false;
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const bool animating = m_scene->takeValuesReplaced() && now - m_lastFrame < animationFrameGap;
    m_lastFrame = now;
    // Every animation frame: lines rebuilt meanwhile (a new projection, zoom detail) start
    // at full width. Only lines still wider than 1 pixel are touched.
    if (animating || m_drewThinLines) {
        m_scene->setThinLines(animating);
    }
    m_drewThinLines = animating;
    if (animating) {
        m_settle->start(); // the full-width frame once the animation stops
    }
}

MapView::~MapView() = default;

bool MapView::setField(std::shared_ptr<const data::FieldSlice> field, QString* error) {
    try {
        m_scene->setField(std::move(field));
    } catch (const std::exception& failure) {
        const QString message = QString::fromUtf8(failure.what());
        m_scene->clearField(message);
        if (error != nullptr) {
            *error = message;
        }
        update();
        return false;
    }
    resetCamera();
    return true;
}

void MapView::setProjection(const MapProjection& projection) {
    m_scene->setProjection(projection);
    resetCamera();
}

bool MapView::setColorMap(const QString& name) {
    const bool known = m_scene->setColorMap(name);
    update();
    return known;
}

bool MapView::setColorScale(ColorScale scale, QString* error) {
    try {
        m_scene->setColorScale(scale);
    } catch (const std::exception& failure) {
        if (error != nullptr) {
            *error = QString::fromUtf8(failure.what());
        }
        return false;
    }
    update();
    return true;
}

bool MapView::setColorRange(double minimum, double maximum, QString* error) {
    try {
        m_scene->setColorRange(minimum, maximum);
    } catch (const std::exception& failure) {
        if (error != nullptr) {
            *error = QString::fromUtf8(failure.what());
        }
        return false;
    }
    update();
    return true;
}

void MapView::resetCamera() {
    const int* size = renderWindow()->GetSize();
    const qreal ratio = devicePixelRatioF();
    // Before the first paint the render window has no size yet; use the widget's.
    const int pixelWidth = size[0] > 1 ? size[0] : qRound(width() * ratio);
    const int pixelHeight = size[1] > 1 ? size[1] : qRound(height() * ratio);
    m_scene->fitCamera(pixelWidth, pixelHeight);
    m_userMovedCamera = false;
    updateDetailForZoom();
    update();
}

void MapView::zoomTo(double west, double south, double east, double north, double margin) {
    if (!(east >= west) || !(north >= south)) {
        return; // no point: keep the whole map
    }
    const double padLon = std::max(2.0, margin * (east - west));
    const double padLat = std::max(2.0, margin * (north - south));
    const MapProjection& projection = m_scene->projection();
    double xMin = std::numeric_limits<double>::infinity();
    double xMax = -xMin, yMin = xMin, yMax = -xMin;
    // The box's edges, sampled: a projected box is not a rectangle on most projections.
    for (int i = 0; i <= 8; ++i) {
        const double lon = west - padLon + i * (east - west + 2 * padLon) / 8;
        const double lat = south - padLat + i * (north - south + 2 * padLat) / 8;
        for (const GeoPoint point : {GeoPoint{lon, std::max(-90.0, south - padLat)},
                                     GeoPoint{lon, std::min(90.0, north + padLat)},
                                     GeoPoint{west - padLon, std::clamp(lat, -90.0, 90.0)},
                                     GeoPoint{east + padLon, std::clamp(lat, -90.0, 90.0)}}) {
            if (const auto projected = projection.forward(point)) {
                xMin = std::min(xMin, projected->x);
                xMax = std::max(xMax, projected->x);
                yMin = std::min(yMin, projected->y);
                yMax = std::max(yMax, projected->y);
            }
        }
    }
    if (!(xMax > xMin) || !(yMax > yMin)) {
        return;
    }
    const int* size = renderWindow()->GetSize();
    const double ratio = devicePixelRatioF();
    const double pixelWidth = size[0] > 1 ? size[0] : std::max(1.0, width() * ratio);
    const double pixelHeight = size[1] > 1 ? size[1] : std::max(1.0, height() * ratio);
    // The box goes into the area MapScene::fitCamera reserves for the map (x 0.07-0.80 and
    // y 0.08-0.85 of the view), clear of the title, the caption and the colour bar.
    const double pixelsPerUnit =
        std::min(0.73 * pixelWidth / (xMax - xMin), 0.77 * pixelHeight / (yMax - yMin));
    const double focalX = 0.5 * (xMin + xMax) + 0.065 * pixelWidth / pixelsPerUnit;
    const double focalY = 0.5 * (yMin + yMax) + 0.035 * pixelHeight / pixelsPerUnit;
    vtkCamera* camera = m_scene->renderer()->GetActiveCamera();
    camera->SetFocalPoint(focalX, focalY, 0.0);
    camera->SetPosition(focalX, focalY, 1.0e8);
    camera->SetParallelScale(0.5 * pixelHeight / pixelsPerUnit);
    m_scene->renderer()->ResetCameraClippingRange();
    // What a user's zoom ends with: the map takes it as the user's camera (finer coastlines,
    // kept on resize) and tells linked cells.
    interactor()->Render();
    update();
}

void MapView::followCamera(const MapView& leader) {
    vtkCamera* source = leader.m_scene->renderer()->GetActiveCamera();
    vtkCamera* camera = m_scene->renderer()->GetActiveCamera();
    camera->SetFocalPoint(source->GetFocalPoint());
    camera->SetPosition(source->GetPosition());
    camera->SetViewUp(source->GetViewUp());
    camera->SetParallelScale(source->GetParallelScale());
    m_scene->renderer()->ResetCameraClippingRange();
    m_userMovedCamera = true;
    updateDetailForZoom();
    m_scene->updateForCamera();
    update();
}

void MapView::resizeGL(int width, int height) {
    VtkView::resizeGL(width, height);
    m_scene->setViewportSize(renderWindow()->GetSize()[0], renderWindow()->GetSize()[1]);
    // Keep the whole map in view while the user has not zoomed or panned.
    if (!m_userMovedCamera) {
        m_scene->fitCamera(renderWindow()->GetSize()[0], renderWindow()->GetSize()[1]);
    }
}

void MapView::updateDetailForZoom() {
    const double zoom = m_scene->zoomFactor();
    m_scene->setCoastlineResolution(zoom >= 3.0 ? CoastlineResolution::Low
                                                : CoastlineResolution::Crude);
    m_scene->setGraticuleSpacing(zoom >= 4.0 ? 10.0 : zoom >= 2.0 ? 15.0 : 30.0);
}

MapPoint MapView::worldPointAt(QPointF widgetPosition) const {
    const qreal ratio = devicePixelRatioF();
    const double pixelHeight = renderWindow()->GetSize()[1];
    vtkRenderer* view = m_scene->renderer();
    view->SetDisplayPoint(widgetPosition.x() * ratio, pixelHeight - widgetPosition.y() * ratio,
                          0.0);
    view->DisplayToWorld();
    double world[4];
    view->GetWorldPoint(world);
    if (world[3] != 0.0) {
        world[0] /= world[3];
        world[1] /= world[3];
    }
    return {world[0], world[1]};
}

std::optional<QPointF> MapView::widgetPositionOf(GeoPoint point) const {
    const auto projected = m_scene->projection().forward(point);
    if (!projected) {
        return std::nullopt;
    }
    vtkRenderer* view = m_scene->renderer();
    view->SetWorldPoint(projected->x, projected->y, 0.0, 1.0);
    view->WorldToDisplay();
    double display[3];
    view->GetDisplayPoint(display);
    const qreal ratio = devicePixelRatioF();
    const double pixelHeight = renderWindow()->GetSize()[1];
    return QPointF(display[0] / ratio, (pixelHeight - display[1]) / ratio);
}

std::optional<GeoPoint> MapView::geoPointAt(QPointF widgetPosition) const {
    return m_scene->geoPointAt(worldPointAt(widgetPosition));
}

QString MapView::describePosition(QPointF widgetPosition) const {
    return m_scene->describe(worldPointAt(widgetPosition));
}

void MapView::mouseMoveEvent(QMouseEvent* event) {
    VtkView::mouseMoveEvent(event);
    emit cursorTextChanged(describePosition(event->position()));
}

void MapView::leaveEvent(QEvent* event) {
    VtkView::leaveEvent(event);
    emit cursorTextChanged(QString());
}

} // namespace twins::viz
