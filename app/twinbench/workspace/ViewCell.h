#pragma once

#include "twinbench/widgets/TimeSlider.h"

#include <QString>
#include <QStringList>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QStackedWidget;
class QWidget;

namespace twins::data {
struct FieldSlice;
}
namespace twins::viz {
class FieldView;
class LinkedMapViews;
class MapView;
} // namespace twins::viz

namespace twins::app {

struct UncertaintyChoice;

// What a view shows, so the slider can re-read it at other indices.
struct ShownVariable {
    QString path;
    QString variable;
    std::vector<widgets::SliceDimension> dimensions;
    std::map<std::string, std::size_t> indices;
};

// What a cell shows, so that a cell whose content was replaced can show it again (View >
// Back): a file's variable, a run's result, a comparison. Whoever opens something in a cell
// describes it here; the grid keeps the replaced ones.
struct CellContent {
    QString title; // "t2m of example.nc", "Detected tracks — run 2024...": for the status bar
    // The fields ("path|variable") this content draws in the cell's view or map (a result's
    // background): showing one of them in the cell is part of this content, not a new one.
    QStringList fields;
    // Shows this content again in the given cell's view (empty: nothing to bring back).
    std::function<void(viz::FieldView*)> reopen;
};

// One view of the workspace and everything it shows: the cell widget stacking the data grid
// (FieldView), the map once a projection is chosen, and the mean/spread pair of an uncertainty
// encoding; the shown variable with its slider dimensions; the last field read; and the newest
// request numbers, so a slow old read never replaces a newer one. One object per view instead
// of parallel maps keyed by the view.
class ViewCell {
public:
    // Makes the cell widget (a child of `parent`) holding `view`.
    ViewCell(viz::FieldView* view, QWidget* parent);
    // Deletes the cell widget with the view, its map and its pair.
    ~ViewCell();
    ViewCell(const ViewCell&) = delete;
    ViewCell& operator=(const ViewCell&) = delete;

    viz::FieldView* fieldView() const { return m_view; }
    QStackedWidget* stack() const { return m_stack; }
    // The widget the cell shows now: its map, its mean/spread pair, a result's own widget,
    // or the data grid.
    QWidget* currentWidget() const;
    // A result drawn by a widget of its own (volume, spectrogram, chart, table) in front of
    // the cell's view; the cell owns it and replaces the previous one. nullptr: none.
    QWidget* resultWidget() const { return m_result; }
    void showResultWidget(QWidget* widget);
    // Deletes the result widget and brings the map (in map mode) or the data grid back.
    void clearResultWidget();

    viz::MapView* map = nullptr; // made when a projection is first chosen
    QString projection;          // empty: the data grid
    // The data grid was chosen for this cell (Properties, or View > Back to a data grid): a
    // longitude/latitude field then stays off the map instead of opening on Plate Carree.
    bool dataGridChosen = false;
    std::optional<ShownVariable> shown;
    std::shared_ptr<const data::FieldSlice> field;
    int latestRequest = 0;
    std::shared_ptr<UncertaintyChoice> uncertainty;
    viz::LinkedMapViews* spread = nullptr; // the mean/spread pair, while shown
    int latestUncertaintyRequest = 0;
    CellContent content;
    std::vector<CellContent> history; // replaced contents, the newest last
    // A field computed from others (a comparison's A-B) is re-made for other indices by this
    // instead of being re-read from a file; empty for a file's variable.
    std::function<void(const std::map<std::string, std::size_t>& indices)> reread;

private:
    viz::FieldView* m_view = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_result = nullptr;
};

} // namespace twins::app
