#include "shell/actions/RecentFilesMenu.h"

#include "twinbench/widgets/RecentFiles.h"
#include "workspace/Workspace.h"

#include <QFileInfo>
#include <QMenu>

namespace twins::app {

RecentFilesMenu::RecentFilesMenu(QMenu& menu, Workspace& workspace)
    : QObject(&menu), m_menu(menu.addMenu(tr("Open &Recent"))), m_workspace(workspace) {
    connect(&workspace, &Workspace::recentFilesChanged, this, &RecentFilesMenu::refresh);
    refresh();
}

void RecentFilesMenu::start(Workspace& workspace, const QString& path) {
    workspace.openFiles({path});
}

void RecentFilesMenu::refresh() {
    m_menu->clear();
    const QStringList recent = widgets::RecentFiles::load();
    for (const QString& path : recent) {
        m_menu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] { start(m_workspace, path); })
            ->setToolTip(path);
    }
    if (!recent.isEmpty()) {
        m_menu->addSeparator();
        m_menu->addAction(tr("Clear Menu"), this, [this] {
            widgets::RecentFiles::clear();
            refresh();
        });
    }
    m_menu->setEnabled(!recent.isEmpty());
}

} // namespace twins::app
