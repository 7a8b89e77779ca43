#include "shell/actions/ExportFigureAction.h"

#include "export/ExportFigureDialog.h"
#include "workspace/FigureExports.h"
#include "workspace/Workspace.h"

#include <QMenu>

namespace twins::app {

void ExportFigureAction::addTo(QMenu& menu, QWidget& parent, Workspace& workspace) {
    menu.addAction(tr("&Export Figure..."), &parent,
                   [&parent, &workspace] { choose(parent, workspace); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
}

void ExportFigureAction::start(Workspace& workspace, const QString& path, QSize size) {
    workspace.figures().exportFigureTo(path, size);
}

void ExportFigureAction::choose(QWidget& parent, Workspace& workspace) {
    ExportFigureDialog dialog(&parent);
    if (dialog.exec() == QDialog::Accepted) {
        start(workspace, dialog.path(), dialog.size());
    }
}

} // namespace twins::app
