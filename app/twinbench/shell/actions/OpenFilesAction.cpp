#include "shell/actions/OpenFilesAction.h"

#include "support/DatasetFiles.h"
#include "workspace/Workspace.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>

namespace twins::app {

void OpenFilesAction::addTo(QMenu& menu, QWidget& parent, Workspace& workspace) {
    QAction* action = menu.addAction(tr("&Open..."), &parent,
                                     [&parent, &workspace] { choose(parent, workspace); });
    action->setShortcut(QKeySequence::Open);
}

void OpenFilesAction::start(Workspace& workspace, const QStringList& paths,
                            const QString& variable) {
    workspace.openFiles(paths, variable);
}

void OpenFilesAction::choose(QWidget& parent, Workspace& workspace) {
    QStringList paths;
    for (const QString& path :
         QFileDialog::getOpenFileNames(&parent, tr("Open Data"), QString(), datasetOpenFilter())) {
        paths << (isZarrMetadataFile(path) ? QFileInfo(path).absolutePath() : path);
    }
    if (!paths.isEmpty()) {
        start(workspace, paths);
    }
}

} // namespace twins::app
