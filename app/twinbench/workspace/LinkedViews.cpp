#include "workspace/LinkedViews.h"

#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "workspace/MapMode.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkRenderer.h>

#include <algorithm>

namespace twins::app {

namespace {
void copyCamera(vtkRenderer* from, vtkRenderer* to) {
    vtkCamera* source = from->GetActiveCamera();
    vtkCamera* camera = to->GetActiveCamera();
    camera->SetFocalPoint(source->GetFocalPoint());
    camera->SetPosition(source->GetPosition());
    camera->SetViewUp(source->GetViewUp());
    camera->SetParallelScale(source->GetParallelScale());
    to->ResetCameraClippingRange();
}
} // namespace

LinkedViews::LinkedViews(Workspace& workspace) : QObject(&workspace), m_workspace(workspace) {}

void LinkedViews::setLinked(bool linked) {
    const bool changed = m_linked != linked;
    m_linked = linked;
    if (linked) {
        viz::FieldView* active = m_workspace.activeView();
        if (const ShownVariable* shown = m_workspace.grid()->shownIn(active)) {
            followIndicesOf(active, shown->indices);
        }
        viz::MapView* map = m_workspace.maps().activeMap();
        followCameraOf(map != nullptr ? static_cast<viz::VtkView*>(map) : active);
    }
    m_workspace.showStatus(
        linked ? tr("Views linked: time and camera move together") : tr("Views unlinked"), 5000);
    if (changed) {
        emit linkedChanged(linked);
    }
}

void LinkedViews::watchCameraOf(viz::FieldView* view) {
    // The map view has cameraMoved for the same.
    vtkNew<vtkCallbackCommand> moved;
    struct Context {
        LinkedViews* links;
        viz::FieldView* view;
    };
    moved->SetClientData(new Context{this, view});
    moved->SetClientDataDeleteCallback([](void* data) { delete static_cast<Context*>(data); });
    moved->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        auto* context = static_cast<Context*>(clientData);
        context->links->followCameraOf(context->view);
    });
    view->interactor()->AddObserver(vtkCommand::RenderEvent, moved);
}

void LinkedViews::followCameraOf(viz::VtkView* leader) {
    if (!m_linked || m_followingCamera || leader == nullptr) {
        return;
    }
    m_followingCamera = true;
    auto* leaderMap = qobject_cast<viz::MapView*>(leader);
    for (viz::FieldView* view : m_workspace.views()) {
        const ViewCell* cell = m_workspace.grid()->cellOf(view);
        if (leaderMap != nullptr) {
            // Maps follow maps of the same projection (the same world coordinates).
            viz::MapView* map = cell->map;
            if (map == nullptr || map == leaderMap || cell->projection.isEmpty()) {
                continue;
            }
            if (map->scene().projection().description() ==
                leaderMap->scene().projection().description()) {
                map->followCamera(*leaderMap);
            }
        } else if (view != leader && cell->projection.isEmpty()) {
            copyCamera(leader->renderer(), view->renderer());
            view->update();
        }
    }
    m_followingCamera = false;
}

void LinkedViews::followIndicesOf(viz::FieldView* source,
                                  const std::map<std::string, std::size_t>& indices) {
    if (!m_linked) {
        return;
    }
    for (viz::FieldView* view : m_workspace.views()) {
        ShownVariable* shown = m_workspace.grid()->shownIn(view);
        if (view == source || shown == nullptr || shown->dimensions.empty()) {
            continue;
        }
        // Only the dimensions this cell's variable has, clamped to its length.
        std::map<std::string, std::size_t> cellIndices = shown->indices;
        bool changed = false;
        for (const widgets::SliceDimension& dimension : shown->dimensions) {
            const auto wanted = indices.find(dimension.name.toStdString());
            if (wanted == indices.end() || dimension.length == 0) {
                continue;
            }
            const std::size_t index = std::min(wanted->second, dimension.length - 1);
            std::size_t& current = cellIndices[dimension.name.toStdString()];
            if (current != index) {
                current = index;
                changed = true;
            }
        }
        if (changed) {
            shown->indices = cellIndices;
            if (const ViewCell* cell = m_workspace.grid()->cellOf(view); cell->reread) {
                cell->reread(cellIndices); // a computed field (A-B) is made again
            } else {
                m_workspace.requestField(view, shown->path, shown->variable, cellIndices, false);
            }
        }
    }
}

} // namespace twins::app
