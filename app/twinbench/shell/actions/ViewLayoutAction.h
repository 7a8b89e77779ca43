#pragma once

#include <QCoreApplication>

class QMenu;

namespace twins::app {

class Workspace;

// View > Single View, Two Views Side by Side, Four Views: the grid's number of cells (added
// or removed at the end; the others keep what they show).
class ViewLayoutAction {
    Q_DECLARE_TR_FUNCTIONS(ViewLayoutAction)
public:
    // Adds the three layouts.
    static void addTo(QMenu& menu, Workspace& workspace);
    // The static entry point tests call: 1, 2 side by side, or 3-4 in a 2x2 grid.
    static void start(Workspace& workspace, int viewCount);
};

} // namespace twins::app
