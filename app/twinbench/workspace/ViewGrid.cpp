#include "workspace/ViewGrid.h"

#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/LinkedMapViews.h"
#include "twinbench/viz/MapView.h"

#include <QApplication>
#include <QGridLayout>
#include <QPainter>
#include <QStackedWidget>

#include <algorithm>
#include <cmath>

namespace twins::app {

namespace {
// Gap between cells of an exported layout, in pixels of a 1000 px wide image.
constexpr double layoutGap = 4.0;
} // namespace

ViewGrid::ViewGrid(QWidget* parent) : QWidget(parent), m_layout(new QGridLayout(this)) {
    m_layout->setContentsMargins(2, 2, 2, 2);
    m_layout->setSpacing(4);
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        // Clicking into a cell (its view, map or a result's widget) makes it the active one.
        for (viz::FieldView* view : m_views) {
            const ViewCell* cell = cellOf(view);
            if (now != nullptr && cell != nullptr && cell->stack()->isAncestorOf(now) &&
                view != activeView()) {
                setActiveView(view);
            }
        }
    });
}

ViewGrid::~ViewGrid() = default;

void ViewGrid::setViewCount(int count) {
    count = std::clamp(count, 1, maximumViews);
    while (m_views.size() < count) {
        auto* view = new viz::FieldView(this);
        view->setObjectName(QStringLiteral("fieldView%1").arg(m_views.size() + 1));
        m_views.append(view);
        emit viewAdded(view);
    }
    while (m_views.size() > count) {
        viz::FieldView* view = m_views.takeLast();
        emit viewRemoved(view);
        m_cells.erase(view); // the cell deletes its widgets, with the view and its map
    }
    for (int i = 0; i < m_views.size(); ++i) {
        const int columns = m_views.size() == 1 ? 1 : 2;
        std::unique_ptr<ViewCell>& cell = m_cells[m_views[i]];
        if (!cell) {
            cell = std::make_unique<ViewCell>(m_views[i], this);
        }
        m_layout->addWidget(cell->stack(), i / columns, i % columns);
    }
    if (!m_activeView || !m_views.contains(m_activeView.data())) {
        setActiveView(m_views.first());
    }
}

viz::FieldView* ViewGrid::activeView() const {
    return m_activeView ? m_activeView.data() : m_views.first();
}

void ViewGrid::setActiveView(viz::FieldView* view) {
    m_activeView = view;
    emit activeViewChanged(view);
}

ViewCell* ViewGrid::cellOf(const viz::FieldView* view) const {
    const auto cell = m_cells.find(view);
    return cell == m_cells.end() ? nullptr : cell->second.get();
}

viz::FieldView* ViewGrid::cellToOpenIn(bool newCell) {
    if (newCell && m_views.size() < maximumViews) {
        setViewCount(static_cast<int>(m_views.size()) + 1);
        setActiveView(m_views.last());
    }
    return activeView();
}

void ViewGrid::setContent(viz::FieldView* view, CellContent content) {
    ViewCell* cell = cellOf(view);
    if (cell == nullptr) {
        return;
    }
    // Opening the same thing again (a re-read, a reopened result) is not a new content.
    if (cell->content.reopen && cell->content.title != content.title) {
        cell->history.push_back(std::move(cell->content));
        if (cell->history.size() > maximumHistory) {
            cell->history.erase(cell->history.begin());
        }
    }
    cell->content = std::move(content);
    emit historyChanged();
}

bool ViewGrid::canGoBack() const {
    const ViewCell* cell = activeCell();
    return cell != nullptr && !cell->history.empty();
}

bool ViewGrid::goBack() {
    ViewCell* cell = activeCell();
    if (cell == nullptr || cell->history.empty()) {
        return false;
    }
    // The current content is dropped, not pushed: Back walks back, like a browser's.
    cell->content = std::move(cell->history.back());
    cell->history.pop_back();
    emit historyChanged();
    const std::function<void(viz::FieldView*)> reopen = cell->content.reopen;
    reopen(activeView());
    return true;
}

ShownVariable* ViewGrid::shownIn(const viz::FieldView* view) const {
    ViewCell* cell = cellOf(view);
    return cell != nullptr && cell->shown ? &*cell->shown : nullptr;
}

QImage ViewGrid::renderLayout(QSize size, QString* error) const {
    const int count = static_cast<int>(m_views.size());
    const int columns = count == 1 ? 1 : 2;
    const int rows = count <= 2 ? 1 : 2;
    const int gap = static_cast<int>(std::lround(layoutGap * size.width() / 1000.0));
    const int cellWidth = (size.width() - gap * (columns - 1)) / columns;
    const int cellHeight = (size.height() - gap * (rows - 1)) / rows;
    if (cellWidth < 16 || cellHeight < 16) {
        if (error != nullptr) {
            *error = tr("%1x%2 is too small for %3 views")
                         .arg(size.width())
                         .arg(size.height())
                         .arg(count);
        }
        return {};
    }
    QImage layout(size, QImage::Format_RGB32);
    layout.fill(Qt::white);
    QPainter painter(&layout);
    for (int i = 0; i < count; ++i) {
        const QPoint origin((i % columns) * (cellWidth + gap), (i / columns) * (cellHeight + gap));
        QList<viz::VtkView*> parts;
        QWidget* shown = cellOf(m_views[i])->currentWidget();
        if (auto* pair = qobject_cast<viz::LinkedMapViews*>(shown)) {
            parts << &pair->left() << &pair->right();
        } else if (auto* vtkView = qobject_cast<viz::VtkView*>(shown)) {
            parts << vtkView;
        }
        if (parts.isEmpty() && shown != nullptr) {
            // A result's own widget (a chart, a table): its picture at the cell's size.
            painter.drawImage(origin, shown->grab().toImage().scaled(cellWidth, cellHeight,
                                                                     Qt::KeepAspectRatio,
                                                                     Qt::SmoothTransformation));
            continue;
        }
        const int partWidth = cellWidth / std::max<int>(1, static_cast<int>(parts.size()));
        for (int p = 0; p < parts.size(); ++p) {
            const QImage image = parts[p]->renderToImage(QSize(partWidth, cellHeight));
            if (image.isNull()) {
                if (error != nullptr) {
                    *error = tr("view %1: %2").arg(i + 1).arg(parts[p]->exportError());
                }
                return {};
            }
            painter.drawImage(origin + QPoint(p * partWidth, 0), image);
        }
    }
    painter.end();
    return layout;
}

} // namespace twins::app
