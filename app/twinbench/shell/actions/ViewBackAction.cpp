#include "shell/actions/ViewBackAction.h"

#include "twinbench/viz/FieldView.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QMenu>

namespace twins::app {

QAction* ViewBackAction::addTo(QMenu& menu, Workspace& workspace) {
    QAction* action = menu.addAction(tr("&Back"));
    action->setObjectName(QStringLiteral("viewBackAction"));
    action->setShortcuts(QKeySequence::Back);
    action->setToolTip(tr("Show again what the active view showed before"));
    action->setEnabled(false);
    QObject::connect(action, &QAction::triggered, &workspace, [&workspace] { start(workspace); });
    auto follow = [action, &workspace] { action->setEnabled(workspace.grid()->canGoBack()); };
    QObject::connect(workspace.grid(), &ViewGrid::historyChanged, action, follow);
    QObject::connect(workspace.grid(), &ViewGrid::activeViewChanged, action, follow);
    return action;
}

bool ViewBackAction::start(Workspace& workspace) {
    if (!workspace.grid()->goBack()) {
        workspace.showStatus(tr("Nothing to go back to in this view"), 5000);
        return false;
    }
    workspace.showStatus(tr("Back to %1").arg(workspace.grid()->activeCell()->content.title), 5000);
    return true;
}

} // namespace twins::app
