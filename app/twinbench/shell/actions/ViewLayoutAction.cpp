#include "shell/actions/ViewLayoutAction.h"

#include "workspace/Workspace.h"

#include <QMenu>

namespace twins::app {

void ViewLayoutAction::addTo(QMenu& menu, Workspace& workspace) {
    const std::pair<QString, int> layouts[] = {
        {tr("&Single View"), 1}, {tr("&Two Views Side by Side"), 2}, {tr("&Four Views"), 4}};
    for (const auto& [title, count] : layouts) {
        menu.addAction(title, &workspace, [&workspace, count = count] { start(workspace, count); });
    }
}

void ViewLayoutAction::start(Workspace& workspace, int viewCount) {
    workspace.setViewCount(viewCount);
}

} // namespace twins::app
