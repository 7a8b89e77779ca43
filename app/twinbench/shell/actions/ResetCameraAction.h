#pragma once

#include <QCoreApplication>

class QMenu;

namespace twins::app {

class Workspace;

// View > Reset Camera (Ctrl+0): the active view shows its whole field again.
class ResetCameraAction {
    Q_DECLARE_TR_FUNCTIONS(ResetCameraAction)
public:
    static void addTo(QMenu& menu, Workspace& workspace);
    static void start(Workspace& workspace);
};

} // namespace twins::app
