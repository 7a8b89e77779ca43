#include "shell/actions/ResetCameraAction.h"

#include "twinbench/viz/FieldView.h"
#include "workspace/Workspace.h"

#include <QMenu>

namespace twins::app {

void ResetCameraAction::addTo(QMenu& menu, Workspace& workspace) {
    menu.addAction(tr("&Reset Camera"), &workspace, [&workspace] { start(workspace); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
}

void ResetCameraAction::start(Workspace& workspace) {
    workspace.activeView()->resetCamera();
}

} // namespace twins::app
