#pragma once

#include "workspace/ViewCell.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <map>
#include <memory>

class QGridLayout;

namespace twins::viz {
class FieldView;
} // namespace twins::viz

namespace twins::app {

// The centre of the window: one to four view cells in a grid (1: one view; 2: side by side;
// 3-4: 2x2), one of them active (the one Properties, the time slider and the exports act on).
class ViewGrid : public QWidget {
    Q_OBJECT
public:
    static constexpr int maximumViews = 4;

    explicit ViewGrid(QWidget* parent = nullptr);
    ~ViewGrid() override;

    // Adds or removes cells at the end; a removed cell deletes its widgets.
    void setViewCount(int count);
    QList<viz::FieldView*> views() const { return m_views; }
    viz::FieldView* activeView() const;
    void setActiveView(viz::FieldView* view);
    // The cell of a view (nullptr for a view that is not one of this grid's).
    ViewCell* cellOf(const viz::FieldView* view) const;
    ViewCell* activeCell() const { return cellOf(activeView()); }
    // What a view shows, or nullptr before anything was asked of it.
    ShownVariable* shownIn(const viz::FieldView* view) const;
    // The cell something is opened in: with `newCell`, a new cell while the layout has room
    // (fewer than maximumViews), else the active one, whose content is then replaced. The
    // cell is made active.
    viz::FieldView* cellToOpenIn(bool newCell);
    // Records what a view's cell shows from now on. A different content it replaces is kept
    // (at most maximumHistory per cell) for goBack().
    void setContent(viz::FieldView* view, CellContent content);
    static constexpr std::size_t maximumHistory = 16;
    // True when the active cell has a replaced content to bring back.
    bool canGoBack() const;
    // Shows the active cell's previous content again (View > Back); false when it has none.
    bool goBack();
    // The whole grid rendered offscreen at this size (each cell rendered at its share, not a
    // screen grab); a null image with *error set when a cell cannot be rendered.
    QImage renderLayout(QSize size, QString* error = nullptr) const;

signals:
    // A new cell's data-grid view, before it is placed (to connect to it).
    void viewAdded(viz::FieldView* view);
    // A cell is about to be deleted with its view (fewer cells): whoever keeps something by
    // the view's pointer drops it now, before a new view may be made at the same address.
    void viewRemoved(viz::FieldView* view);
    void activeViewChanged(viz::FieldView* view);
    // A cell's content or history changed (View > Back follows canGoBack()).
    void historyChanged();

private:
    QGridLayout* m_layout = nullptr;
    QList<viz::FieldView*> m_views;
    std::map<const viz::FieldView*, std::unique_ptr<ViewCell>> m_cells;
    QPointer<viz::FieldView> m_activeView;
};

} // namespace twins::app
