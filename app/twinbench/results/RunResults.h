#pragma once

#include "twinbench/sdk/ModuleMetadata.h"

#include <QObject>

class QMainWindow;

namespace twins::app {

class PointsOverlay;
class Workspace;

// A run's outputs and declared results opened from the Runs dock: datasets and map kinds in
// the workspace's active view (on a map, with the spec's variable and colour map), points
// with a background over that background (PointsOverlay), every other kind in a result dock
// of `window` (ResultDock.h).
class RunResults : public QObject {
    Q_OBJECT
public:
    RunResults(QMainWindow& window, Workspace& workspace);

    // Opens a run's output file in the active view when it is a dataset the views can show.
    void openOutput(const QString& path);
    void openResult(const QString& runId, const QString& runDirectory, const sdk::ResultSpec& spec);

private:
    QMainWindow& m_window;
    Workspace& m_workspace;
    PointsOverlay* m_pointsOverlay = nullptr;
};

} // namespace twins::app
