#pragma once

#include "results/ResultPointsOverlay.h"

#include <QObject>

#include <memory>

class QMainWindow;

namespace twins::viz {
class FieldView;
class MapView;
} // namespace twins::viz

namespace twins::app {

class Workspace;

// A points result with a background (ResultPointsOverlay.h) in the workspace: the detections
// are read on the thread pool, the background opens in the active view on a map, and every
// slice drawn there redraws the detections of its time step. When the background cannot be
// found the result opens in a result dock of `window`, its caption saying why.
class PointsOverlay : public QObject {
    Q_OBJECT
public:
    PointsOverlay(QMainWindow& window, Workspace& workspace);
    ~PointsOverlay() override;

    void open(const QString& runId, const QString& runDirectory, const sdk::ResultSpec& spec);

private:
    void onFieldDrawn(viz::FieldView* view, viz::MapView* map);

    QMainWindow& m_window;
    Workspace& m_workspace;
    // The points result drawn over its background, and the view that shows it.
    std::unique_ptr<PointsOverlayState> m_state;
};

} // namespace twins::app
