#include "shell/actions/LinkViewsAction.h"

#include "workspace/LinkedViews.h"
#include "workspace/Workspace.h"

#include <QMenu>
#include <QSignalBlocker>

namespace twins::app {

QAction* LinkViewsAction::addTo(QMenu& menu, Workspace& workspace) {
    QAction* action = menu.addAction(tr("&Link Views"));
    action->setObjectName(QStringLiteral("linkViewsAction"));
    action->setCheckable(true);
    action->setToolTip(
        tr("Move time and camera of every view together (views showing the same dimension)"));
    QObject::connect(action, &QAction::toggled, &workspace,
                     [&workspace](bool linked) { start(workspace, linked); });
    QObject::connect(&workspace.links(), &LinkedViews::linkedChanged, action,
                     [action](bool linked) {
                         const QSignalBlocker blocker(action);
                         action->setChecked(linked);
                     });
    return action;
}

void LinkViewsAction::start(Workspace& workspace, bool linked) {
    workspace.links().setLinked(linked);
}

} // namespace twins::app
