#pragma once

#include <QCoreApplication>
#include <QSize>

class QMenu;
class QWidget;

namespace twins::app {

class Workspace;

// File > Export Figure: the active view (its map when it shows one) rendered offscreen at a
// chosen size and written as PNG, JPEG or TIFF (ExportFigureDialog).
class ExportFigureAction {
    Q_DECLARE_TR_FUNCTIONS(ExportFigureAction)
public:
    static void addTo(QMenu& menu, QWidget& parent, Workspace& workspace);
    // The static entry point tests call; FigureExports::figureExported tells how it ended.
    static void start(Workspace& workspace, const QString& path, QSize size);
    static void choose(QWidget& parent, Workspace& workspace);
};

} // namespace twins::app
