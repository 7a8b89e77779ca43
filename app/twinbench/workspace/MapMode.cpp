#include "workspace/MapMode.h"

#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapFieldMesh.h"
#include "twinbench/viz/MapProjection.h"
#include "twinbench/viz/MapView.h"
#include "workspace/PropertiesPanel.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QStackedWidget>

namespace twins::app {

MapMode::MapMode(Workspace& workspace) : QObject(&workspace), m_workspace(workspace) {}

viz::MapView* MapMode::activeMap() const {
    const ViewCell* cell = m_workspace.grid()->activeCell();
    return cell == nullptr || cell->projection.isEmpty() ? nullptr : cell->map;
}

viz::MapView* MapMode::mapOf(viz::FieldView* view) {
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    if (cell->map == nullptr) {
        cell->map = new viz::MapView(cell->stack());
        cell->map->setObjectName(view->objectName() + QStringLiteral("Map"));
        cell->map->setColorMap(view->colorMapName());
        cell->stack()->addWidget(cell->map);
        emit mapAdded(view, cell->map);
    }
    return cell->map;
}

void MapMode::setProjectionOfActiveView(const QString& projectionName) {
    viz::FieldView* view = m_workspace.activeView();
    if (ViewCell* cell = m_workspace.grid()->cellOf(view); cell != nullptr) {
        cell->dataGridChosen = projectionName.isEmpty();
    }
    setProjectionOf(view, projectionName);
}

bool MapMode::showOnMapByDefault(viz::FieldView* view) {
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    if (cell == nullptr || !cell->projection.isEmpty() || cell->dataGridChosen ||
        cell->field == nullptr || !viz::isLonLatField(*cell->field)) {
        return false;
    }
    const QString plateCarree = QStringLiteral("plate-carree");
    setProjectionOf(view, plateCarree);
    if (view == m_workspace.activeView() && cell->projection == plateCarree) {
        m_workspace.properties()->showProjection(plateCarree);
    }
    return cell->projection == plateCarree;
}

void MapMode::setProjectionOf(viz::FieldView* view, const QString& projectionName) {
    if (projectionName.isEmpty()) {
        leaveMapMode(view, {});
        return;
    }
    viz::MapView* map = mapOf(view);
    try {
        map->setProjection(viz::MapProjection::fromName(projectionName));
    } catch (const viz::ProjectionError& error) {
        leaveMapMode(view, QString::fromUtf8(error.what()));
        return;
    }
    m_workspace.grid()->cellOf(view)->projection = projectionName;
    showFieldOnMap(view);
}

void MapMode::showFieldOnMap(viz::FieldView* view) {
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    if (cell == nullptr || cell->projection.isEmpty()) {
        return;
    }
    viz::MapView* map = mapOf(view);
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
        emit fieldDrawn(view, map);
    }
    // A mean/spread pair stays in front until its encoding is re-applied or removed.
    if (cell->spread == nullptr) {
        cell->stack()->setCurrentWidget(map);
    }
    map->update();
}

void MapMode::leaveMapMode(viz::FieldView* view, const QString& reason) {
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    cell->projection.clear();
    cell->stack()->setCurrentWidget(view);
    if (view == m_workspace.activeView()) {
        m_workspace.properties()->showProjection(QString());
    }
    if (!reason.isEmpty()) {
        m_workspace.showStatus(tr("Shown on the data grid, not on a map: %1").arg(reason), 10000);
    }
}

} // namespace twins::app
