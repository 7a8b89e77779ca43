#include "shell/actions/ExportLayoutAction.h"

#include "export/ExportFigureDialog.h"
#include "workspace/FigureExports.h"
#include "workspace/Workspace.h"

#include <QMenu>

namespace twins::app {

void ExportLayoutAction::addTo(QMenu& menu, QWidget& parent, Workspace& workspace) {
    menu.addAction(tr("Export &Layout..."), &parent,
                   [&parent, &workspace] { choose(parent, workspace); })
        ->setObjectName(QStringLiteral("exportLayoutAction"));
}

void ExportLayoutAction::start(Workspace& workspace, const QString& path, QSize size) {
    workspace.figures().exportLayoutTo(path, size);
}

void ExportLayoutAction::choose(QWidget& parent, Workspace& workspace) {
    ExportFigureDialog dialog(&parent);
    dialog.setWindowTitle(tr("Export Layout"));
    if (dialog.exec() == QDialog::Accepted) {
        start(workspace, dialog.path(), dialog.size());
    }
}

} // namespace twins::app
