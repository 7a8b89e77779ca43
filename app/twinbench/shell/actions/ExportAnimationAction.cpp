#include "shell/actions/ExportAnimationAction.h"

#include "export/AnimationDialog.h"
#include "export/AnimationExport.h"
#include "workspace/AnimationExports.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QMenu>

namespace twins::app {

void ExportAnimationAction::addTo(QMenu& menu, QWidget& parent, Workspace& workspace) {
    menu.addAction(tr("Export &Animation..."), &parent,
                   [&parent, &workspace] { choose(parent, workspace); })
        ->setObjectName(QStringLiteral("exportAnimationAction"));
}

void ExportAnimationAction::start(Workspace& workspace, const AnimationRequest& request) {
    workspace.animations().exportTo(request);
}

void ExportAnimationAction::choose(QWidget& parent, Workspace& workspace) {
    AnimationRequest request;
    QString why;
    if (!workspace.animations().requestForActiveView(request, &why)) {
        workspace.reportError(tr("Cannot export an animation"), why, QString());
        return;
    }
    AnimationDialog dialog(workspace.grid()->activeCell()->shown->dimensions, &parent);
    if (dialog.exec() == QDialog::Accepted) {
        dialog.fill(request);
        start(workspace, request);
    }
}

} // namespace twins::app
