#include "shell/actions/OpenUrlAction.h"

#include "remote/OpenUrlDialog.h"

#include <QMenu>

namespace twins::app {

void OpenUrlAction::addTo(QMenu& menu, QWidget& parent, Workspace& workspace) {
    menu.addAction(tr("Open &URL..."), &parent,
                   [&parent, &workspace] { choose(parent, workspace); })
        ->setObjectName(QStringLiteral("openUrlAction"));
}

OpenUrlDialog* OpenUrlAction::start(QWidget& parent, Workspace& workspace, const QString& url) {
    OpenUrlDialog* dialog = choose(parent, workspace);
    dialog->setUrl(url);
    dialog->openUrl();
    return dialog;
}

OpenUrlDialog* OpenUrlAction::choose(QWidget& parent, Workspace& workspace) {
    // Not modal: the window stays usable while a slow server answers.
    auto* dialog = new OpenUrlDialog(workspace, &parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

} // namespace twins::app
