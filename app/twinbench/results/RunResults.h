#pragma once

#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonObject>
#include <QObject>

namespace twins::viz {
class FieldView;
}

namespace twins::app {

class BackgroundOverlays;
class ResultView;
class Workspace;

// A run's outputs and declared results opened from the Runs dock into the workspace's cells:
// datasets and map kinds on the cell's map (with the spec's variable and colour map), points
// and tracks with a background over that background (BackgroundOverlays), every other kind
// (volumes, spectrograms, charts, tables, tracks without a background) by its answer page in
// the cell (ResultView). A result opens in the active cell, replacing what it showed (View >
// Back brings that back); with Ctrl held, in a new cell while the grid has room.
class RunResults : public QObject {
    Q_OBJECT
public:
    explicit RunResults(Workspace& workspace);

    // Opens a run's output file in the active cell when it is a dataset the views can show.
    void openOutput(const QString& path);
    // The Runs dock's double-click: in a new cell when Ctrl is held, else in the active one.
    void openResult(const QString& runId, const QString& runDirectory, const sdk::ResultSpec& spec);
    // The entry point tests and other features call.
    void openResultIn(bool newCell, const QString& runId, const QString& runDirectory,
                      const sdk::ResultSpec& spec);
    // An Explore answer opened in a cell (the Explore dock's double-click): in a new cell
    // when `newCell`, else in the active one, drawn by its kind's page.
    void openAnswerIn(bool newCell, const QString& title, const QString& kind,
                      const QJsonObject& answer);
    // The result widget of a view's cell, or nullptr when the cell shows a field or map.
    ResultView* resultViewIn(viz::FieldView* view) const;
    // Results drawn over their background, by cell.
    const BackgroundOverlays& overlays() const { return *m_overlays; }

signals:
    // A result was opened in a cell (its content is recorded; drawing may still be under way).
    void resultOpened(viz::FieldView* view, const QString& title);

private:
    void showAnswerInCell(viz::FieldView* view, const QString& title, const QString& kind,
                          const QJsonObject& answer);
    void showInCell(viz::FieldView* view, const QString& runId, const QString& runDirectory,
                    const sdk::ResultSpec& spec);
    // The result drawn by its own answer page in the cell, with `note` in its caption.
    ResultView* showResultWidget(viz::FieldView* view, const QString& runId,
                                 const QString& runDirectory, const sdk::ResultSpec& spec);

    Workspace& m_workspace;
    BackgroundOverlays* m_overlays = nullptr;
};

} // namespace twins::app
