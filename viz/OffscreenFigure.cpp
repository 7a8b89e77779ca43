#include "twinbench/viz/OffscreenFigure.h"

#include <QFile>
#include <QFileInfo>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkOpenGLGL2PSExporter.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkOpenGLState.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace twins::viz {

OffscreenFigureWindow::OffscreenFigureWindow(std::vector<vtkRenderer*> renderers, QSize size,
                                             int dpi)
    : m_renderers(std::move(renderers)), m_size(size) {
    if (!size.isValid() || size.isEmpty() || size.width() > 16384 || size.height() > 16384) {
        throw FigureRenderError("cannot render a figure of " + std::to_string(size.width()) + "x" +
                                std::to_string(size.height()) +
                                " pixels: expected 1 to 16384 on each side");
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        throw FigureRenderError("offscreen figures render with OpenGL through X11 and "
                                "DISPLAY is not set; run under an X server (xvfb-run -a)");
    }
    // No multisampling: colours of cells and image pixels stay exact.
    vtkOpenGLRenderWindow::SetGlobalMaximumNumberOfMultiSamples(0);
    m_window->SetOffScreenRendering(1);
    m_window->SetMultiSamples(0);
    m_window->SetSize(size.width(), size.height());
    m_window->SetDPI(std::max(8, dpi));
    for (vtkRenderer* renderer : m_renderers) {
        m_window->AddRenderer(renderer);
    }
}

OffscreenFigureWindow::~OffscreenFigureWindow() {
    for (vtkRenderer* renderer : m_renderers) {
        m_window->RemoveRenderer(renderer);
    }
    m_window->Finalize();
}

void OffscreenFigureWindow::render() {
    m_window->Render();
    auto* openGLWindow = vtkOpenGLRenderWindow::SafeDownCast(m_window);
    if (openGLWindow == nullptr || openGLWindow->GetState() == nullptr ||
        openGLWindow->GetState()->GetVersion().empty()) {
        throw FigureRenderError("cannot create an offscreen OpenGL window for the figure");
    }
}

QImage OffscreenFigureWindow::renderImage() {
    render();
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(m_window);
    grab->SetInputBufferTypeToRGB();
    grab->ReadFrontBufferOff(); // the back buffer holds the frame just rendered offscreen
    grab->Update();
    vtkImageData* pixels = grab->GetOutput();
    int dimensions[3] = {0, 0, 0};
    pixels->GetDimensions(dimensions);
    auto* data = static_cast<const unsigned char*>(pixels->GetScalarPointer());
    if (data == nullptr || dimensions[0] != m_size.width() || dimensions[1] != m_size.height()) {
        throw FigureRenderError("offscreen rendering returned a " + std::to_string(dimensions[0]) +
                                "x" + std::to_string(dimensions[1]) + " image instead of " +
                                std::to_string(m_size.width()) + "x" +
                                std::to_string(m_size.height()));
    }
    QImage image(dimensions[0], dimensions[1], QImage::Format_RGB888);
    // VTK's rows go bottom-up, QImage's top-down.
    for (int row = 0; row < dimensions[1]; ++row) {
        std::memcpy(image.scanLine(dimensions[1] - 1 - row),
                    data + static_cast<std::size_t>(row) * dimensions[0] * 3,
                    static_cast<std::size_t>(dimensions[0]) * 3);
    }
    return image.convertToFormat(QImage::Format_RGB32);
}

void OffscreenFigureWindow::writeVector(const QString& path, const QString& title) {
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (suffix != QLatin1String("svg") && suffix != QLatin1String("pdf")) {
        throw FigureRenderError("cannot write '" + path.toStdString() +
                                "' as a vector figure: the name must end in .svg or .pdf");
    }
    if (!QFileInfo(info.absolutePath()).isDir()) {
        throw FigureRenderError("cannot write " + path.toStdString() + ": directory " +
                                info.absolutePath().toStdString() + " does not exist");
    }
    render();
    // GL2PS writes PREFIX.svg / PREFIX.pdf: write beside the target under a temporary prefix.
    const QString prefix = info.absolutePath() + QStringLiteral("/.") + info.completeBaseName() +
                           QStringLiteral(".partial");
    const QString written = prefix + QLatin1Char('.') + suffix;
    QFile::remove(written);
    // The OpenGL2 exporter by name: the vtkGL2PSExporter factory override is registered only
    // in translation units compiled with VTK's autoinit definitions for IOExport.
    vtkNew<vtkOpenGLGL2PSExporter> exporter;
    exporter->SetRenderWindow(m_window);
    exporter->SetFilePrefix(prefix.toUtf8().constData());
    if (suffix == QLatin1String("svg")) {
        exporter->SetFileFormatToSVG();
    } else {
        exporter->SetFileFormatToPDF();
    }
    exporter->CompressOff();
    exporter->DrawBackgroundOn();
    exporter->TextAsPathOff(); // real text: searchable, and tests can find the axis titles
    // Painter's order: primitives as drawn (a map's layers are added bottom-up); a depth sort
    // would mix 2D primitives of equal depth.
    exporter->SetSortToOff();
    exporter->SetTitle(title.toUtf8().constData());
    exporter->Write();
    if (!QFileInfo(written).exists() || QFileInfo(written).size() == 0) {
        QFile::remove(written);
        throw FigureRenderError("VTK's GL2PS exporter wrote nothing for " + path.toStdString());
    }
    QFile::remove(path);
    if (!QFile::rename(written, path)) {
        QFile::remove(written);
        throw FigureRenderError("cannot move the exported figure to " + path.toStdString());
    }
}

int figureDpi(QSize size, QSize designSize) {
    const double scale =
        std::min(static_cast<double>(size.width()) / std::max(1, designSize.width()),
                 static_cast<double>(size.height()) / std::max(1, designSize.height()));
    return std::max(8, static_cast<int>(std::lround(72.0 * scale)));
}

QImage renderOffscreen(const std::vector<vtkRenderer*>& renderers, QSize size, int dpi) {
    return OffscreenFigureWindow(renderers, size, dpi).renderImage();
}

void writeVectorFigure(const std::vector<vtkRenderer*>& renderers, QSize size, const QString& path,
                       const QString& title, int dpi) {
    OffscreenFigureWindow(renderers, size, dpi).writeVector(path, title);
}

} // namespace twins::viz
