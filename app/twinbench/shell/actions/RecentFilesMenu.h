#pragma once

#include <QObject>

class QMenu;

namespace twins::app {

class Workspace;

// File > Open Recent: one action per recently opened file (widgets::RecentFiles), newest
// first, and Clear Menu; rebuilt whenever the workspace opens a file or fails to.
class RecentFilesMenu : public QObject {
    Q_OBJECT
public:
    // Adds the submenu to `menu`.
    RecentFilesMenu(QMenu& menu, Workspace& workspace);

    // The static entry point of one entry: opens a recent file again.
    static void start(Workspace& workspace, const QString& path);
    void refresh();

private:
    QMenu* m_menu = nullptr;
    Workspace& m_workspace;
};

} // namespace twins::app
