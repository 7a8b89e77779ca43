#include "twinbench/viz/SpectrogramView.h"

#include "twinbench/viz/OffscreenFigure.h"

#include <QFileInfo>
#include <QMouseEvent>

#include <vtkInteractorStyleUser.h>

namespace twins::viz {

SpectrogramView::SpectrogramView(QWidget* parent) : VtkView(parent) {
    // The panels share axes; a camera drag would only move one of them.
    vtkNew<vtkInteractorStyleUser> style;
    interactor()->SetInteractorStyle(style);
}

SpectrogramView::~SpectrogramView() = default;

bool SpectrogramView::setSpectrogram(const SpectrogramData& data, const SpectrogramStyle& style,
                                     QString* error) {
    std::unique_ptr<SpectrogramScene> scene;
    try {
        scene = std::make_unique<SpectrogramScene>(data, style);
    } catch (const std::exception& failure) {
        if (error != nullptr) {
            *error = QString::fromUtf8(failure.what());
        }
        return false;
    }
    renderWindow()->RemoveRenderer(m_scene ? m_scene->renderer() : renderer());
    m_scene = std::move(scene);
    renderWindow()->AddRenderer(m_scene->renderer());
    update();
    return true;
}

bool SpectrogramView::setColorMap(const QString& name, QString* error) {
    if (!m_scene) {
        return false;
    }
    SpectrogramStyle style = m_scene->style();
    style.colorMap = name;
    return setSpectrogram(m_scene->data(), style, error);
}

bool SpectrogramView::setColorScale(ColorScale scale, QString* error) {
    if (!m_scene) {
        return false;
    }
    SpectrogramStyle style = m_scene->style();
    style.scale = scale;
    style.range.reset(); // a linear range rarely suits a log scale and the reverse
    return setSpectrogram(m_scene->data(), style, error);
}

std::optional<QPointF> SpectrogramView::widgetPositionOf(SpectrogramScene::Panel panel, double x,
                                                         double y) const {
    if (!m_scene) {
        return std::nullopt;
    }
    const auto scenePoint = m_scene->scenePointOf(panel, x, y);
    if (!scenePoint) {
        return std::nullopt;
    }
    const qreal ratio = devicePixelRatioF();
    const int pixelHeight = renderWindow()->GetSize()[1];
    return QPointF(scenePoint->x() / ratio, (pixelHeight - scenePoint->y()) / ratio);
}

QString SpectrogramView::describePosition(QPointF widgetPosition) const {
    if (!m_scene) {
        return {};
    }
    const qreal ratio = devicePixelRatioF();
    const int pixelHeight = renderWindow()->GetSize()[1];
    return m_scene->describeScenePoint(
        QPointF(widgetPosition.x() * ratio, pixelHeight - widgetPosition.y() * ratio));
}

void SpectrogramView::mouseMoveEvent(QMouseEvent* event) {
    VtkView::mouseMoveEvent(event);
    emit cursorTextChanged(describePosition(event->position()));
}

void SpectrogramView::leaveEvent(QEvent* event) {
    VtkView::leaveEvent(event);
    emit cursorTextChanged(QString());
}

QImage SpectrogramView::renderFigure(QSize size) const {
    if (!m_scene) {
        throw FigureRenderError("there is no spectrogram to render");
    }
    return SpectrogramScene(m_scene->data(), m_scene->style()).renderImage(size);
}

void SpectrogramView::exportFigure(const QString& path, QSize size) const {
    if (!m_scene) {
        throw FigureRenderError("there is no spectrogram to export to " + path.toStdString());
    }
    const SpectrogramScene figure(m_scene->data(), m_scene->style());
    if (QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0) {
        if (!figure.renderImage(size).save(path, "PNG")) {
            throw FigureRenderError("cannot write " + path.toStdString());
        }
        return;
    }
    figure.writeVector(path, size);
}

} // namespace twins::viz
