#pragma once

#include <QObject>

namespace twins::viz {
class FieldView;
}

namespace twins::app {

class LiveExtractView;
class Workspace;

// Opens a run's live in-situ view (LiveExtractView) in a workspace cell: the Runs dock's "Live
// extracts" entry in a run's Results and its context menu's "Show Live Extracts". In the active
// cell, replacing what it showed (View > Back brings that back), or with Ctrl held in a new cell
// while the grid has room, as results open.
class LiveCells : public QObject {
    Q_OBJECT
public:
    explicit LiveCells(Workspace& workspace);

    // The Runs dock's entry points: Ctrl held opens a new cell.
    void open(const QString& runId, const QString& runDirectory);
    void openIn(bool newCell, const QString& runId, const QString& runDirectory);
    // The live view a cell shows, or nullptr.
    LiveExtractView* liveViewIn(viz::FieldView* view) const;

signals:
    void liveViewOpened(viz::FieldView* view, twins::app::LiveExtractView* live);

private:
    void showInCell(viz::FieldView* view, const QString& runId, const QString& runDirectory);

    Workspace& m_workspace;
};

} // namespace twins::app
