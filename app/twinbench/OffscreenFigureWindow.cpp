#include "OffscreenFigureWindow.h"

#include "FigureExport.h"
#include "FigurePanels.h"

#include <QFile>
#include <QFileInfo>

#include <vtkImageData.h>
#include <vtkOpenGLGL2PSExporter.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkOpenGLState.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace twins::app {

OffscreenFigureWindow::OffscreenFigureWindow(FigurePanels& panels, QSize size)
    : m_panels(panels), m_size(size) {
    // No multisampling, so cell colours stay exact.
    vtkOpenGLRenderWindow::SetGlobalMaximumNumberOfMultiSamples(0);
    m_window->SetOffScreenRendering(1);
    m_window->SetMultiSamples(0);
    m_window->SetSize(size.width(), size.height());
    const int panelWidth = size.width() / static_cast<int>(panels.panels().size());
    const double scale = std::min(panelWidth / 1000.0, size.height() / 650.0);
    m_window->SetDPI(std::max(36, static_cast<int>(std::lround(72.0 * scale))));
    for (FigurePanels::Panel& panel : panels.panels()) {
        panel.scene->renderer()->SetViewport(panel.viewport);
        m_window->AddRenderer(panel.scene->renderer());
        panel.scene->fitCamera(panelWidth, size.height());
    }
}

OffscreenFigureWindow::~OffscreenFigureWindow() {
    for (FigurePanels::Panel& panel : m_panels.panels()) {
        m_window->RemoveRenderer(panel.scene->renderer());
    }
    m_window->Finalize();
}

void OffscreenFigureWindow::renderChecked() {
    m_window->Render();
    auto* openGLWindow = vtkOpenGLRenderWindow::SafeDownCast(m_window);
    if (openGLWindow == nullptr || openGLWindow->GetState() == nullptr ||
        openGLWindow->GetState()->GetVersion().empty()) {
        throw FigureExportError("cannot create an offscreen OpenGL window for the figure");
    }
}

QImage OffscreenFigureWindow::renderImage() {
    renderChecked();
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
        throw FigureExportError("offscreen rendering returned a " + std::to_string(dimensions[0]) +
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

void OffscreenFigureWindow::writeVector(const QString& path, bool svg, const QString& title) {
    renderChecked();
    // GL2PS writes PREFIX.svg / PREFIX.pdf: write beside the target under a temporary prefix
    // and rename.
    const QFileInfo info(path);
    const QString prefix = info.absolutePath() + QStringLiteral("/.") + info.completeBaseName() +
                           QStringLiteral(".partial");
    const QString written = prefix + (svg ? QStringLiteral(".svg") : QStringLiteral(".pdf"));
    QFile::remove(written);
    // The OpenGL2 exporter by name: the vtkGL2PSExporter factory override is registered only
    // in translation units compiled with VTK's autoinit definitions for IOExport.
    vtkNew<vtkOpenGLGL2PSExporter> exporter;
    exporter->SetRenderWindow(m_window);
    exporter->SetFilePrefix(prefix.toUtf8().constData());
    if (svg) {
        exporter->SetFileFormatToSVG();
    } else {
        exporter->SetFileFormatToPDF();
    }
    exporter->CompressOff();
    exporter->DrawBackgroundOn();
    exporter->TextAsPathOff(); // real text: searchable, and the title stays a <text> element
    exporter->SetSortToSimple();
    exporter->SetTitle(title.toUtf8().constData());
    exporter->Write();
    if (!QFileInfo(written).exists() || QFileInfo(written).size() == 0) {
        QFile::remove(written);
        throw FigureExportError("VTK's GL2PS exporter wrote nothing for " + path.toStdString());
    }
    QFile::remove(path);
    if (!QFile::rename(written, path)) {
        QFile::remove(written);
        throw FigureExportError("cannot move the exported figure to " + path.toStdString());
    }
}

} // namespace twins::app
