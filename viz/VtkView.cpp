#include "twinbench/viz/VtkView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFramebufferObject>
#include <QOpenGLFunctions>
#include <QPainter>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkOpenGLState.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>

#include <algorithm>
#include <cmath>

namespace twins::viz {

VtkView::VtkView(QWidget* parent) : QOpenGLWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);

    // Qt owns the context and the framebuffer; VTK renders into whatever framebuffer is bound
    // when Render() starts (Qt's, or an export FBO).
    m_renderWindow->SetReadyForRendering(false);
    m_renderWindow->SetOwnContext(false);
    m_renderWindow->SetFrameBlitModeToBlitToCurrent();
    m_renderWindow->SetForceMaximumHardwareLineWidth(1);
    m_renderWindow->SetMultiSamples(0);
    m_renderWindow->AddRenderer(m_renderer);

    for (unsigned long event : {vtkCommand::WindowMakeCurrentEvent,
                                vtkCommand::WindowIsCurrentEvent, vtkCommand::WindowFrameEvent}) {
        vtkNew<vtkCallbackCommand> callback;
        callback->SetClientData(this);
        callback->SetCallback(
            [](vtkObject* caller, unsigned long eventId, void* clientData, void* callData) {
                static_cast<VtkView*>(clientData)->onRenderWindowEvent(caller, eventId, callData);
            });
        m_renderWindow->AddObserver(event, callback);
    }

    m_interactor->SetRenderWindow(m_renderWindow);
    m_interactor->EnableRenderOff();
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    m_interactor->SetInteractorStyle(style);
    vtkNew<vtkCallbackCommand> renderRequest;
    renderRequest->SetClientData(this);
    renderRequest->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        static_cast<VtkView*>(clientData)->update();
    });
    m_interactor->AddObserver(vtkCommand::RenderEvent, renderRequest);
    m_interactor->Initialize();
}

VtkView::~VtkView() {
    // QOpenGLWidget's destructor emits aboutToBeDestroyed after our members are gone, so the
    // connection must go first; then free VTK's GL objects while the context still exists.
    if (QOpenGLContext* glContext = context()) {
        disconnect(glContext, &QOpenGLContext::aboutToBeDestroyed, this,
                   &VtkView::releaseGraphicsResources);
        makeCurrent();
        m_renderWindow->Finalize();
        doneCurrent();
    }
}

vtkGenericOpenGLRenderWindow* VtkView::renderWindow() const {
    return m_renderWindow;
}
vtkGenericRenderWindowInteractor* VtkView::interactor() const {
    return m_interactor;
}
vtkRenderer* VtkView::renderer() const {
    return m_renderer;
}

void VtkView::onRenderWindowEvent(vtkObject*, unsigned long eventId, void* callData) {
    switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
        // QOpenGLWidget::makeCurrent() also binds Qt's framebuffer. VTK asks for MakeCurrent
        // in the middle of Render (e.g. while creating its own framebuffers); rebinding Qt's
        // framebuffer then makes VTK attach its textures to Qt's framebuffer (measured:
        // GL_FRAMEBUFFER_UNSUPPORTED, black frames). Only make current when it is not.
        if (context() != nullptr && QOpenGLContext::currentContext() != context()) {
            makeCurrent();
        }
        break;
    case vtkCommand::WindowIsCurrentEvent:
        *static_cast<bool*>(callData) =
            context() != nullptr && QOpenGLContext::currentContext() == context();
        break;
    case vtkCommand::WindowFrameEvent:
        if (!m_insidePaint) {
            update();
        }
        break;
    default:
        break;
    }
}

void VtkView::releaseGraphicsResources() {
    makeCurrent();
    m_renderWindow->Finalize();
    m_renderWindow->SetReadyForRendering(false);
    m_vtkInitialized = false;
}

void VtkView::initializeGL() {
    // A member slot: a lambda with Qt::UniqueConnection is silently not connected.
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this,
            &VtkView::releaseGraphicsResources, Qt::UniqueConnection);
    // VTK reads the framebuffer bindings when it initialises from the current context. Qt 6.4
    // calls initializeGL before the widget's framebuffer exists (binding 0); if VTK records
    // that, its state cache later attaches VTK's own textures to Qt's framebuffer (measured:
    // GL_FRAMEBUFFER_UNSUPPORTED and black frames). So VTK initialises in the first paintGL,
    // with Qt's framebuffer bound.
    m_vtkInitialized = false;
    m_renderWindow->SetReadyForRendering(false);
}

bool VtkView::initializeVtkFromCurrentContext() {
    if (m_vtkInitialized) {
        return true;
    }
    m_renderWindow->SetReadyForRendering(true);
    m_renderWindow->SetMapped(1);
    m_renderWindow->InitializeFromCurrentContext();
    // GLEW fails silently on EGL contexts (Debian's GLEW is GLX only): detect it here.
    vtkOpenGLState* state = m_renderWindow->GetState();
    if (state == nullptr || state->GetVersion().empty()) {
        m_graphicsError = tr("OpenGL could not be initialised for VTK (no GL version). Run "
                             "on an X11 (xcb/GLX) display.");
        m_renderWindow->SetReadyForRendering(false);
        return false;
    }
    m_vtkInitialized = true;
    return true;
}

void VtkView::updateRenderWindowSize() {
    const qreal ratio = devicePixelRatioF();
    const int pixelWidth = std::max(1, static_cast<int>(std::lround(width() * ratio)));
    const int pixelHeight = std::max(1, static_cast<int>(std::lround(height() * ratio)));
    m_renderWindow->SetSize(pixelWidth, pixelHeight);
    m_interactor->UpdateSize(pixelWidth, pixelHeight);
}

void VtkView::resizeGL(int, int) {
    updateRenderWindowSize();
}

void VtkView::makeBackgroundsOpaque() {
    // VTK clears a renderer's viewport with its background alpha, 0 by default, and blends
    // text and volumes with GL_ONE, GL_ONE_MINUS_SRC_ALPHA on alpha: over a background of
    // alpha 0 they leave alpha below 1, which Qt's compositor then blends with the window.
    // Over a background of alpha 1 every pixel stays at 1. This replaces a full-frame
    // alpha-only clear after each on-screen Render (forceOpaqueAlpha, kept for exports): on
    // llvmpipe that pass cost ~10% of a map frame (bench_views_animation). Only for views
    // that ask (setOpaqueBackgrounds): FieldView's RGBA image actor, which VTK draws in its
    // translucent pass, disappeared over an alpha-1 background (measured, test_layout_export).
    vtkRendererCollection* renderers = m_renderWindow->GetRenderers();
    vtkCollectionSimpleIterator position;
    renderers->InitTraversal(position);
    while (vtkRenderer* renderer = renderers->GetNextRenderer(position)) {
        if (renderer->GetBackgroundAlpha() != 1.0) {
            renderer->SetBackgroundAlpha(1.0);
        }
    }
}

void VtkView::forceOpaqueAlpha() {
    // VTK leaves alpha below 1 on text and volume pixels; exported images would be
    // semi-transparent. Clear only the alpha channel to 1.
    QOpenGLFunctions* gl = context()->functions();
    GLboolean mask[4] = {};
    gl->glGetBooleanv(GL_COLOR_WRITEMASK, mask);
    GLfloat clear[4] = {};
    gl->glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
    const GLboolean scissor = gl->glIsEnabled(GL_SCISSOR_TEST);
    gl->glDisable(GL_SCISSOR_TEST);
    gl->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    gl->glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    gl->glClear(GL_COLOR_BUFFER_BIT);
    gl->glColorMask(mask[0], mask[1], mask[2], mask[3]);
    gl->glClearColor(clear[0], clear[1], clear[2], clear[3]);
    if (scissor) {
        gl->glEnable(GL_SCISSOR_TEST);
    }
}

void VtkView::paintGL() {
    if (m_graphicsError.isEmpty()) {
        initializeVtkFromCurrentContext();
    }
    if (!m_graphicsError.isEmpty()) {
        QPainter painter(this);
        painter.fillRect(rect(), Qt::white);
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                         m_graphicsError);
        return;
    }
    m_insidePaint = true;
    updateRenderWindowSize();
    if (m_opaqueBackgrounds) {
        makeBackgroundsOpaque();
    }
    m_renderWindow->Render();
    if (!m_opaqueBackgrounds) {
        forceOpaqueAlpha();
    }
    m_insidePaint = false;
    ++m_frameCount;
    emit frameRendered();
}

QImage VtkView::renderToImage(QSize size) {
    // Export failures are reported through exportError() only: m_graphicsError means the view
    // itself cannot draw, and setting it here would blank the view for good.
    m_exportError.clear();
    if (!size.isValid() || size.isEmpty()) {
        m_exportError = tr("invalid image size %1x%2").arg(size.width()).arg(size.height());
        return {};
    }
    if (context() == nullptr) {
        m_exportError = tr("the view has no OpenGL context yet (it was never shown)");
        return {};
    }
    makeCurrent();
    if (!initializeVtkFromCurrentContext()) {
        doneCurrent();
        m_exportError = m_graphicsError;
        return {};
    }
    QOpenGLFramebufferObjectFormat format;
    format.setAttachment(QOpenGLFramebufferObject::CombinedDepthStencil);
    format.setInternalTextureFormat(GL_RGBA8);
    QOpenGLFramebufferObject framebuffer(size, format);
    if (!framebuffer.isValid()) {
        doneCurrent();
        m_exportError =
            tr("cannot create a %1x%2 offscreen framebuffer").arg(size.width()).arg(size.height());
        return {};
    }
    // Text and lines keep their size relative to the picture: a 1920 px export of a 400 px
    // view gets 4.8x larger fonts, like printing the screen at a higher DPI.
    const int screenWidth = m_renderWindow->GetSize()[0];
    const int screenHeight = m_renderWindow->GetSize()[1];
    const double scale = std::min(static_cast<double>(size.width()) / std::max(1, screenWidth),
                                  static_cast<double>(size.height()) / std::max(1, screenHeight));
    const int screenDpi = m_renderWindow->GetDPI();

    framebuffer.bind();
    m_insidePaint = true;
    m_renderWindow->SetSize(size.width(), size.height());
    m_renderWindow->SetDPI(std::max(1, static_cast<int>(std::lround(screenDpi * scale))));
    m_renderWindow->Render();
    forceOpaqueAlpha();
    QImage image = framebuffer.toImage(true).convertToFormat(QImage::Format_RGB32);
    m_renderWindow->SetDPI(screenDpi);
    m_renderWindow->SetSize(screenWidth, screenHeight);
    m_insidePaint = false;
    framebuffer.release();
    doneCurrent();
    update();
    return image;
}

void VtkView::setEventPosition(QPointF position, Qt::KeyboardModifiers modifiers, int repeat) {
    const qreal ratio = devicePixelRatioF();
    m_interactor->SetEventInformationFlipY(static_cast<int>(std::lround(position.x() * ratio)),
                                           static_cast<int>(std::lround(position.y() * ratio)),
                                           (modifiers & Qt::ControlModifier) ? 1 : 0,
                                           (modifiers & Qt::ShiftModifier) ? 1 : 0, 0, repeat);
}

void VtkView::mousePressEvent(QMouseEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton:
        m_interactor->LeftButtonPressEvent();
        break;
    case Qt::MiddleButton:
        m_interactor->MiddleButtonPressEvent();
        break;
    case Qt::RightButton:
        m_interactor->RightButtonPressEvent();
        break;
    default:
        break;
    }
    event->accept();
}

void VtkView::mouseDoubleClickEvent(QMouseEvent* event) {
    setEventPosition(event->position(), event->modifiers(), 1);
    if (event->button() == Qt::LeftButton) {
        m_interactor->LeftButtonPressEvent();
    }
    event->accept();
}

void VtkView::mouseReleaseEvent(QMouseEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton:
        m_interactor->LeftButtonReleaseEvent();
        break;
    case Qt::MiddleButton:
        m_interactor->MiddleButtonReleaseEvent();
        break;
    case Qt::RightButton:
        m_interactor->RightButtonReleaseEvent();
        break;
    default:
        break;
    }
    event->accept();
}

void VtkView::mouseMoveEvent(QMouseEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    m_interactor->MouseMoveEvent();
    event->accept();
}

void VtkView::wheelEvent(QWheelEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    const int delta = event->angleDelta().y();
    if (delta > 0) {
        m_interactor->MouseWheelForwardEvent();
    } else if (delta < 0) {
        m_interactor->MouseWheelBackwardEvent();
    }
    event->accept();
}

void VtkView::setKeyEventInformation(QKeyEvent* event) {
    // Key events carry no position; VTK styles that pick under the cursor need one.
    setEventPosition(mapFromGlobal(QCursor::pos()), event->modifiers(),
                     event->isAutoRepeat() ? 1 : 0);
    const QByteArray text = event->text().toLatin1();
    m_interactor->SetKeyCode(text.isEmpty() ? '\0' : text.at(0));
}

void VtkView::keyPressEvent(QKeyEvent* event) {
    setKeyEventInformation(event);
    m_interactor->KeyPressEvent();
    m_interactor->CharEvent();
    event->accept();
}

void VtkView::keyReleaseEvent(QKeyEvent* event) {
    setKeyEventInformation(event);
    m_interactor->KeyReleaseEvent();
    event->accept();
}

void VtkView::enterEvent(QEnterEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    m_interactor->EnterEvent();
}

void VtkView::leaveEvent(QEvent*) {
    m_interactor->LeaveEvent();
}

} // namespace twins::viz
