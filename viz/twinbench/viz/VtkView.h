#pragma once

#include <QImage>
#include <QOpenGLWidget>
#include <QString>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkNew.h>
#include <vtkRenderer.h>

namespace twins::viz {

// A QOpenGLWidget that hosts a VTK render window. Debian's VTK 9.1 Qt module is built for Qt5,
// so this bridge (Qt owns the context, VTK draws into it) replaces QVTKOpenGLNativeWidget; the
// call order follows ../shared/VTK-QT.md. Rendering happens only in paintGL, on demand: VTK
// asks for a frame through update(), there is no render loop.
class VtkView : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkView(QWidget* parent = nullptr);
    ~VtkView() override;

    vtkGenericOpenGLRenderWindow* renderWindow() const;
    vtkGenericRenderWindowInteractor* interactor() const;
    // The view's renderer (background and camera); callers add props to it.
    vtkRenderer* renderer() const;

    // Renders the scene into an offscreen framebuffer of the given size in pixels (any size,
    // independent of the widget's) and returns it as an opaque image. Text and line widths are
    // scaled with the image so the export looks like the screen, only sharper. Returns a null
    // image and sets exportError() when it cannot (no context, framebuffer too large, ...).
    QImage renderToImage(QSize size);

    // Number of frames drawn by paintGL so far (for tests and benchmarks).
    int frameCount() const { return m_frameCount; }
    // Non-empty when OpenGL could not be initialised; the widget then shows this text.
    QString graphicsError() const { return m_graphicsError; }
    // Why the last renderToImage() returned a null image; empty after a successful one.
    QString exportError() const { return m_exportError; }

signals:
    // Emitted after each frame paintGL drew.
    void frameRendered();

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;

    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

protected:
    // Renderers clear with background alpha 1, so no alpha pass is needed after a frame (see
    // makeBackgroundsOpaque). Only for views checked to draw correctly that way (the map view:
    // test_map_view checks every pixel); FieldView's RGBA image actor did not.
    void setOpaqueBackgrounds(bool on) { m_opaqueBackgrounds = on; }

private slots:
    void releaseGraphicsResources();

private:
    bool initializeVtkFromCurrentContext();
    void onRenderWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);
    void updateRenderWindowSize();
    void makeBackgroundsOpaque();
    void forceOpaqueAlpha();
    void setEventPosition(QPointF position, Qt::KeyboardModifiers modifiers, int repeat = 0);
    void setKeyEventInformation(QKeyEvent* event);

    vtkNew<vtkGenericOpenGLRenderWindow> m_renderWindow;
    vtkNew<vtkGenericRenderWindowInteractor> m_interactor;
    vtkNew<vtkRenderer> m_renderer;
    bool m_insidePaint = false;
    bool m_opaqueBackgrounds = false;
    bool m_vtkInitialized = false;
    int m_frameCount = 0;
    QString m_graphicsError;
    QString m_exportError;
};

} // namespace twins::viz
