#pragma once

#include "twinbench/sdk/ModuleMetadata.h"

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace twins::viz {
class FieldView;
class MapView;
} // namespace twins::viz

namespace twins::app {

class Workspace;
struct PointsOverlayData;
struct TracksOverlayData;

// Points and tracks results drawn over the background their spec names (ResultBackground.h),
// one per workspace cell: the result is read on the thread pool, the background opens in the
// cell on a map, zoomed to the result's extent plus a margin, and every slice drawn there
// redraws the overlay for its time step (points: that step's detections; tracks: every track,
// with the positions at that step).
class BackgroundOverlays : public QObject {
    Q_OBJECT
public:
    explicit BackgroundOverlays(Workspace& workspace);
    ~BackgroundOverlays() override;

    // Opens the result over its background in `view`'s cell. When the background cannot be
    // found or read, `fallback` is called with the reason (the cell then shows the result on
    // its own).
    void open(viz::FieldView* view, const QString& runDirectory, const sdk::ResultSpec& spec,
              std::function<void(const QString& reason)> fallback);

    // Whether a result is drawn over the background of `view`'s cell (for tests), and how
    // many cells have one.
    bool drawsOverlayIn(const viz::FieldView* view) const { return m_states.count(view) > 0; }
    std::size_t overlayCount() const { return m_states.size(); }

private:
    struct State {
        std::shared_ptr<const PointsOverlayData> points;
        std::shared_ptr<const TracksOverlayData> tracks;
        QString backgroundPath; // absolute, as the workspace's open files are named
        QString variable;
        QString timeDimension;
        std::size_t firstStep = 0;
        bool symmetric = false;
        bool startPending = true; // move to the first step with data once shown
        bool zoomPending = true;  // zoom to the data's extent at the first frame
        bool rangeSet = false;    // a symmetric background's range is set once
        // Where the zoom put the camera (focal x, y and scale): while the camera is still
        // there, a resized cell (another one opened beside it) is zoomed to the data again.
        double zoomedCamera[3] = {0.0, 0.0, 0.0};
    };
    void showBackground(viz::FieldView* view, const sdk::ResultSpec& spec, State state,
                        const QString& path);
    void onFieldDrawn(viz::FieldView* view, viz::MapView* map);
    void zoom(State& state, viz::MapView& map);
    bool eventFilter(QObject* watched, QEvent* event) override;

    Workspace& m_workspace;
    std::map<const viz::FieldView*, State> m_states; // by the cell's view
};

} // namespace twins::app
