#pragma once

#include <QCoreApplication>

class QMenu;
class QWidget;

namespace twins::app {

class Workspace;
struct AnimationRequest;

// File > Export Animation: the active view's variable over one of its dimensions, starting
// from the view's file, indices, projection, colour map and uncertainty encoding; the dialog
// (AnimationDialog) chooses the output, dimension, frames, speed and size.
class ExportAnimationAction {
    Q_DECLARE_TR_FUNCTIONS(ExportAnimationAction)
public:
    // The action is named "exportAnimationAction".
    static void addTo(QMenu& menu, QWidget& parent, Workspace& workspace);
    // The static entry point tests call; AnimationExports::exported tells how it ended.
    static void start(Workspace& workspace, const AnimationRequest& request);
    static void choose(QWidget& parent, Workspace& workspace);
};

} // namespace twins::app
