#pragma once

#include <QImage>
#include <QSize>
#include <QString>

#include <vtkNew.h>
#include <vtkRenderWindow.h>

namespace twins::app {

class FigurePanels;

// A VTK render window of its own that renders figure panels offscreen at any size: no Qt
// window is created or shown, so scripted figures and animations work without the main
// window, and from a worker thread (the window opens its own X display connection). Needs an
// X display (VTK's offscreen window is GLX-based on Debian).
class OffscreenFigureWindow {
public:
    // Lays the panels out side by side at this size. Text grows with the figure like in the
    // view's export: 72 dpi at about 1000x650 px per panel.
    OffscreenFigureWindow(FigurePanels& panels, QSize size);
    ~OffscreenFigureWindow();
    OffscreenFigureWindow(const OffscreenFigureWindow&) = delete;
    OffscreenFigureWindow& operator=(const OffscreenFigureWindow&) = delete;

    // Renders the panels as they are now and returns the pixels (opaque RGB32, exactly the
    // requested size). Throws FigureExportError when OpenGL is not available or the image has
    // another size.
    QImage renderImage();
    // Renders and writes SVG or PDF with vector paths and real text through VTK's GL2PS
    // exporter, beside the target first and renamed, so a failure never leaves a truncated
    // file under the requested name. Throws FigureExportError.
    void writeVector(const QString& path, bool svg, const QString& title);

private:
    void renderChecked();

    FigurePanels& m_panels;
    QSize m_size;
    vtkNew<vtkRenderWindow> m_window;
};

} // namespace twins::app
