#include "export/OffscreenFigureWindow.h"

#include "export/FigureExport.h"
#include "export/FigurePanels.h"

#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace twins::app {

namespace {

// viz reports FigureRenderError; the export commands report FigureExportError to the user.
template <typename Action> auto asExportError(Action&& action) {
    try {
        return action();
    } catch (const viz::FigureRenderError& error) {
        throw FigureExportError(error.what());
    }
}

} // namespace

OffscreenFigureWindow::OffscreenFigureWindow(FigurePanels& panels, QSize size) : m_panels(panels) {
    const int panelWidth = size.width() / static_cast<int>(panels.panels().size());
    const double scale = std::min(panelWidth / 1000.0, size.height() / 650.0);
    const int dpi = std::max(36, static_cast<int>(std::lround(72.0 * scale)));
    std::vector<vtkRenderer*> renderers;
    for (FigurePanels::Panel& panel : panels.panels()) {
        panel.scene->renderer()->SetViewport(panel.viewport);
        renderers.push_back(panel.scene->renderer());
        panel.scene->fitCamera(panelWidth, size.height());
    }
    m_window = asExportError(
        [&] { return std::make_unique<viz::OffscreenFigureWindow>(renderers, size, dpi); });
}

OffscreenFigureWindow::~OffscreenFigureWindow() = default;

QImage OffscreenFigureWindow::renderImage() {
    return asExportError([&] { return m_window->renderImage(); });
}

void OffscreenFigureWindow::writeVector(const QString& path, const QString& title) {
    // GL2PS writes 2D actors as paths and rasterises 3D ones: the maps stand in 2D actors for
    // their layers while the file is written, then go back to drawing as on screen.
    const auto vectorExport = [this](bool on) {
        for (FigurePanels::Panel& panel : m_panels.panels()) {
            panel.scene->setVectorExport(on);
        }
    };
    vectorExport(true);
    try {
        asExportError([&] { m_window->writeVector(path, title); });
    } catch (...) {
        vectorExport(false);
        throw;
    }
    vectorExport(false);
}

} // namespace twins::app
