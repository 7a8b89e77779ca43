#include "twinbench/viz/VtkVersion.h"

#include <QByteArray>
#include <QSurfaceFormat>
#include <QtGlobal>

#include <vtkOpenGLRenderWindow.h>
#include <vtkVersion.h>

namespace twins::viz {

std::string vtkLibraryVersion() {
    return vtkVersion::GetVTKVersion();
}

void prepareOpenGLBeforeApplication() {
    // VTK's GL loader (Debian's GLEW) only works with GLX contexts: keep Qt on X11/GLX even in
    // a Wayland session (XWayland) unless the user chose otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("xcb"));
    }
    if (qEnvironmentVariableIsEmpty("QT_XCB_GL_INTEGRATION")) {
        qputenv("QT_XCB_GL_INTEGRATION", QByteArrayLiteral("xcb_glx"));
    }
    // Order matters (VTK-QT.md): the default format must be set before QApplication exists,
    // core profile 3.2+ for VTK's OpenGL2 backend, no multisampling (VTK blits, and MSAA
    // framebuffers cannot be blitted into Qt's single-sample one).
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    format.setAlphaBufferSize(8);
    format.setSamples(0);
    format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    QSurfaceFormat::setDefaultFormat(format);
    vtkOpenGLRenderWindow::SetGlobalMaximumNumberOfMultiSamples(0);
}

} // namespace twins::viz
