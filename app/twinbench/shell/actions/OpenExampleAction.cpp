#include "shell/actions/OpenExampleAction.h"

#include "workspace/Workspace.h"

#include <QMenu>

namespace twins::app {

void OpenExampleAction::addTo(QMenu& menu, QObject& context, Workspace& workspace) {
    menu.addAction(tr("Open E&xample Dataset"), &context, [&workspace] { start(workspace); });
}

void OpenExampleAction::start(Workspace& workspace) {
    workspace.openExample();
}

} // namespace twins::app
