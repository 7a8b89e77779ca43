#pragma once

#include <QCoreApplication>

class QAction;
class QMenu;

namespace twins::app {

class Workspace;

// View > Back (Alt+Left, the platform's Back key): the active cell shows again what it showed
// before its content was replaced (a result opened over a field, a field over a result);
// enabled while the active cell has such a content (workspace/ViewGrid.h).
class ViewBackAction {
    Q_DECLARE_TR_FUNCTIONS(ViewBackAction)
public:
    // The action is named "viewBackAction".
    static QAction* addTo(QMenu& menu, Workspace& workspace);
    // The static entry point tests call; false when the active cell has nothing to go back to.
    static bool start(Workspace& workspace);
};

} // namespace twins::app
