// Map mode of the main window's views: the same field on a projected map with coastlines
// (viz::MapView), chosen per view in the Properties dock. The data-grid FieldView stays
// underneath, so leaving map mode or showing a field that is not on a lon/lat grid falls back
// to it with the reason in the status bar.
#include "shell/MainWindow.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapProjection.h"
#include "twinbench/viz/MapView.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>

namespace twins::app {

viz::MapView* MainWindow::activeMapView() const {
    viz::FieldView* view = activeView();
    const ViewCell* cell = cellOf(view);
    return cell == nullptr || cell->projection.isEmpty() ? nullptr : cell->map;
}

viz::MapView* MainWindow::mapViewFor(viz::FieldView* view) {
    viz::MapView*& map = cellOf(view)->map;
    if (map == nullptr) {
        QStackedWidget* cell = cellOf(view)->stack();
        map = new viz::MapView(cell);
        map->setObjectName(view->objectName() + QStringLiteral("Map"));
        map->setColorMap(view->colorMapName());
        cell->addWidget(map);
        connect(map, &viz::MapView::cursorTextChanged, this, [this](const QString& text) {
            if (m_cursorLabel != nullptr) {
                m_cursorLabel->setText(text);
            }
        });
        connect(map, &viz::MapView::cameraMoved, this, [this, map] { followCameraOf(map); });
        connect(map, &viz::MapView::frameRendered, this, [this, map] {
            if (m_awaitingFieldFrame && map->isVisible()) {
                m_awaitingFieldFrame = false;
                emit fieldFrameRendered();
            }
        });
    }
    return map;
}

void MainWindow::setProjectionOfActiveView(const QString& projectionName) {
    viz::FieldView* view = activeView();
    if (projectionName.isEmpty()) {
        leaveMapMode(view, {});
        return;
    }
    viz::MapView* map = mapViewFor(view);
    try {
        map->setProjection(viz::MapProjection::fromName(projectionName));
    } catch (const viz::ProjectionError& error) {
        leaveMapMode(view, QString::fromUtf8(error.what()));
        return;
    }
    cellOf(view)->projection = projectionName;
    showFieldOnMap(view);
}

void MainWindow::showFieldOnMap(viz::FieldView* view) {
    ViewCell* cell = cellOf(view);
    if (cell == nullptr || cell->projection.isEmpty()) {
        return;
    }
    viz::MapView* map = mapViewFor(view);
    if (const std::shared_ptr<const data::FieldSlice>& field = cell->field; field != nullptr) {
        // The next step of the variable already on the map only swaps cell values: far
        // cheaper than a new projected mesh, and the camera and colour range stay, so steps
        // compare. Anything else is a new field.
        const data::FieldSlice* current = map->scene().field();
        const bool nextStep = current != nullptr && current->path == field->path &&
                              current->variable == field->variable &&
                              map->scene().replaceFieldValues(field);
        if (!nextStep) {
            QString error;
            if (!map->setField(field, &error)) {
                leaveMapMode(view, error);
                return;
            }
            map->resetCamera();
        }
        map->scene().setSliceLabel(view->sliceLabel());
        updatePointsOverlay(view, map);
    }
    // A mean/spread pair stays in front until its encoding is re-applied or removed.
    if (cell->spread == nullptr) {
        cell->stack()->setCurrentWidget(map);
    }
    map->update();
}

void MainWindow::leaveMapMode(viz::FieldView* view, const QString& reason) {
    cellOf(view)->projection.clear();
    cellOf(view)->stack()->setCurrentWidget(view);
    if (view == activeView() && m_projectionBox != nullptr) {
        const QSignalBlocker blocker(m_projectionBox);
        m_projectionBox->setCurrentIndex(0);
    }
    if (!reason.isEmpty()) {
        statusBar()->showMessage(tr("Shown on the data grid, not on a map: %1").arg(reason), 10000);
    }
}

} // namespace twins::app
