#pragma once

#include <QCoreApplication>
#include <QSize>

class QMenu;
class QWidget;

namespace twins::app {

class Workspace;

// File > Export Layout: every view of the grid rendered offscreen at its share of the image
// (not a screen grab) and written as one image.
class ExportLayoutAction {
    Q_DECLARE_TR_FUNCTIONS(ExportLayoutAction)
public:
    // The action is named "exportLayoutAction".
    static void addTo(QMenu& menu, QWidget& parent, Workspace& workspace);
    // The static entry point tests call; FigureExports::figureExported tells how it ended.
    static void start(Workspace& workspace, const QString& path, QSize size);
    static void choose(QWidget& parent, Workspace& workspace);
};

} // namespace twins::app
