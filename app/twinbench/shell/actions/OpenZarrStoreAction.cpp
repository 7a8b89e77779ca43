#include "shell/actions/OpenZarrStoreAction.h"

#include "workspace/Workspace.h"

#include <QFileDialog>
#include <QMenu>

namespace twins::app {

void OpenZarrStoreAction::addTo(QMenu& menu, QWidget& parent, Workspace& workspace) {
    menu.addAction(tr("Open &Zarr Store..."), &parent,
                   [&parent, &workspace] { choose(parent, workspace); })
        ->setObjectName(QStringLiteral("openZarrStoreAction"));
}

void OpenZarrStoreAction::start(Workspace& workspace, const QString& directory) {
    workspace.openFiles({directory});
}

void OpenZarrStoreAction::choose(QWidget& parent, Workspace& workspace) {
    const QString directory = QFileDialog::getExistingDirectory(
        &parent, tr("Open Zarr Store"), QString(), QFileDialog::ShowDirsOnly);
    if (!directory.isEmpty()) {
        start(workspace, directory);
    }
}

} // namespace twins::app
