#pragma once

#include "twinbench/viz/OffscreenFigure.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <memory>

namespace twins::app {

class FigurePanels;

// Figure panels laid out side by side in viz's offscreen window (twinbench/viz/OffscreenFigure.h):
// no Qt window is created or shown, so scripted figures and animations work without the main
// window, and one OpenGL context serves every frame of an animation.
class OffscreenFigureWindow {
public:
    // Lays the panels out side by side at this size. Text grows with the figure like in the
    // view's export: 72 dpi at about 1000x650 px per panel.
    OffscreenFigureWindow(FigurePanels& panels, QSize size);
    ~OffscreenFigureWindow();
    OffscreenFigureWindow(const OffscreenFigureWindow&) = delete;
    OffscreenFigureWindow& operator=(const OffscreenFigureWindow&) = delete;

    // Renders the panels as they are now (opaque RGB32, exactly the requested size). Throws
    // FigureExportError.
    QImage renderImage();
    // Renders and writes SVG or PDF (by the suffix of `path`) with vector paths and real text,
    // never leaving a truncated file under `path`. Throws FigureExportError.
    void writeVector(const QString& path, const QString& title);

private:
    FigurePanels& m_panels;
    std::unique_ptr<viz::OffscreenFigureWindow> m_window;
};

} // namespace twins::app
