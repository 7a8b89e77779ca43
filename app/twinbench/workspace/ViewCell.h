#pragma once

#include "twinbench/widgets/TimeSlider.h"

#include <QString>

#include <cstddef>
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
    // The widget the cell shows now: its map, its mean/spread pair, or the data grid.
    QWidget* currentWidget() const;

    viz::MapView* map = nullptr; // made when a projection is first chosen
    QString projection;          // empty: the data grid
    std::optional<ShownVariable> shown;
    std::shared_ptr<const data::FieldSlice> field;
    int latestRequest = 0;
    std::shared_ptr<UncertaintyChoice> uncertainty;
    viz::LinkedMapViews* spread = nullptr; // the mean/spread pair, while shown
    int latestUncertaintyRequest = 0;

private:
    viz::FieldView* m_view = nullptr;
    QStackedWidget* m_stack = nullptr;
};

} // namespace twins::app
