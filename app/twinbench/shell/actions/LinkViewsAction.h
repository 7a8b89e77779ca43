#pragma once

#include <QCoreApplication>

class QAction;
class QMenu;

namespace twins::app {

class Workspace;

// View > Link Views (checkable): time and camera of every view move together
// (workspace/LinkedViews.h); the check mark follows the workspace when it is linked otherwise.
class LinkViewsAction {
    Q_DECLARE_TR_FUNCTIONS(LinkViewsAction)
public:
    // The action is named "linkViewsAction".
    static QAction* addTo(QMenu& menu, Workspace& workspace);
    // The static entry point tests call.
    static void start(Workspace& workspace, bool linked);
};

} // namespace twins::app
