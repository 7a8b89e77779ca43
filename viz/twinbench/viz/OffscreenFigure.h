#pragma once

#include <QImage>
#include <QSize>
#include <QString>

#include <vtkNew.h>

#include <stdexcept>
#include <vector>

class vtkRenderer;
class vtkRenderWindow;

namespace twins::viz {

class FigureRenderError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An offscreen VTK window of its own holding a figure's renderers (each keeps its own viewport)
// for its lifetime, so several frames (an animation) reuse one OpenGL context. No Qt window is
// needed and the pixels do not depend on any widget's size or screen. The renderers are
// detached again on destruction. Needs an X display (VTK's offscreen window is GLX based on
// Debian). Throws FigureRenderError.
class OffscreenFigureWindow {
public:
    OffscreenFigureWindow(std::vector<vtkRenderer*> renderers, QSize size, int dpi = 72);
    ~OffscreenFigureWindow();
    OffscreenFigureWindow(const OffscreenFigureWindow&) = delete;
    OffscreenFigureWindow& operator=(const OffscreenFigureWindow&) = delete;

    // Renders the renderers as they are now: opaque RGB32 pixels of exactly the window's size.
    QImage renderImage();
    // Renders and writes SVG or PDF (by the suffix of `path`), as writeVectorFigure does.
    void writeVector(const QString& path, const QString& title);

private:
    void render();

    std::vector<vtkRenderer*> m_renderers;
    QSize m_size;
    vtkNew<vtkRenderWindow> m_window;
};

// Renders a figure's renderers (each keeps its own viewport) in an offscreen VTK window of its
// own, so no Qt window is needed and the pixels do not depend on any widget's size or screen.
// `dpi` sets the text size: 72 is the on-screen size for a figure of about 800x600 pixels.
// The renderers are detached again afterwards, so a scene can be rendered more than once.
// Needs an X display (VTK's offscreen window is GLX based on Debian). Throws FigureRenderError.
QImage renderOffscreen(const std::vector<vtkRenderer*>& renderers, QSize size, int dpi = 72);

// Writes the same figure as SVG or PDF (chosen by the suffix of `path`) through VTK's GL2PS
// exporter: lines, polygons and text stay vectors (text as <text>, searchable); volumes and
// images are embedded as pixels. Writes under a temporary name and renames, so a failure never
// leaves a partial file under `path`. Throws FigureRenderError naming the file.
void writeVectorFigure(const std::vector<vtkRenderer*>& renderers, QSize size, const QString& path,
                       const QString& title, int dpi = 72);

// The text size for an export of `size` pixels of a figure designed at `designSize` (72 dpi):
// a figure exported larger keeps its proportions, like printing at a higher DPI.
int figureDpi(QSize size, QSize designSize);

} // namespace twins::viz
