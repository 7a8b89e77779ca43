#include "workspace/UncertaintyController.h"

#include "support/BackgroundTask.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/widgets/DataBrowser.h"
#include "workspace/MapMode.h"
#include "workspace/PropertiesPanel.h"
#include "workspace/UncertaintyLayer.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QPointer>

namespace twins::app {

namespace {
using Encoding = UncertaintyChoice::Encoding;
}

UncertaintyController::UncertaintyController(Workspace& workspace)
    : QObject(&workspace), m_workspace(workspace) {}

void UncertaintyController::refreshPanel() {
    QStringList candidates;
    const ViewCell* cell = m_workspace.grid()->activeCell();
    if (cell != nullptr && cell->shown) {
        if (const auto dataset = m_workspace.dataset(cell->shown->path)) {
            for (const data::DatasetVariable* variable : dataset->variables()) {
                const QString key = widgets::variableKey(*variable);
                if (variable->rank() >= 2 && variable->isNumeric() &&
                    key != cell->shown->variable) {
                    candidates << key;
                }
            }
        }
    }
    UncertaintyPanel* panel = m_workspace.properties()->uncertaintyPanel();
    panel->setVariables(candidates);
    panel->setChoice(cell != nullptr && cell->uncertainty ? *cell->uncertainty
                                                          : UncertaintyChoice{});
}

void UncertaintyController::apply(const UncertaintyChoice& choice) {
    ViewCell* cell = m_workspace.grid()->activeCell();
    UncertaintyPanel* panel = m_workspace.properties()->uncertaintyPanel();
    if (choice.encoding == Encoding::None) {
        clearUncertaintyLayer(*cell);
        cell->uncertainty.reset();
        panel->setStatus(tr("No uncertainty encoding."), false);
        emit applied(true, panel->statusText());
        return;
    }
    if (cell->field == nullptr) {
        panel->setStatus(tr("Show a field in this view first."), true);
        emit applied(false, panel->statusText());
        return;
    }
    if (choice.variable.isEmpty()) {
        panel->setStatus(tr("Choose the variable that carries the uncertainty."), true);
        emit applied(false, panel->statusText());
        return;
    }
    request(cell->fieldView(), choice);
}

void UncertaintyController::reapply(viz::FieldView* view) {
    if (const ViewCell* cell = m_workspace.grid()->cellOf(view);
        cell != nullptr && cell->uncertainty) {
        request(view, *cell->uncertainty);
    }
}

void UncertaintyController::report(viz::FieldView* view, const QString& text, bool error) {
    if (view == m_workspace.activeView()) {
        m_workspace.properties()->uncertaintyPanel()->setStatus(text, error);
    }
    if (error) {
        m_workspace.showStatus(text, 10000);
    }
    emit applied(!error, text);
}

void UncertaintyController::request(viz::FieldView* view, const UncertaintyChoice& choice) {
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    if (!cell->shown || cell->field == nullptr) {
        return;
    }
    std::shared_ptr<const data::Dataset> dataset = m_workspace.dataset(cell->shown->path);
    if (!dataset) {
        return;
    }
    const int requestNumber = ++m_requests;
    cell->latestUncertaintyRequest = requestNumber;
    QPointer<viz::FieldView> target(view);
    m_workspace.beginWork(tr("Reading %1 (uncertainty)...").arg(choice.variable));
    runInBackground<UncertaintyLayer>(
        this,
        [dataset, field = cell->field, choice, indices = cell->shown->indices] {
            return readUncertaintyLayer(dataset, field, choice, indices);
        },
        [this, target, requestNumber, choice](const UncertaintyLayer& layer) {
            m_workspace.endWork();
            ViewCell* cell = target ? m_workspace.grid()->cellOf(target.data()) : nullptr;
            if (cell == nullptr || cell->latestUncertaintyRequest != requestNumber) {
                return;
            }
            viz::FieldView* view = target.data();
            const QString refused = tr("Cannot show %1 as %2: %3");
            if (!layer.error.isEmpty()) {
                report(view, refused.arg(choice.variable, choice.encodingName(), layer.error),
                       true);
                return;
            }
            // Encodings live on the map: a view on the data grid moves to Plate Carree.
            if (cell->projection.isEmpty()) {
                if (view != m_workspace.activeView()) {
                    return;
                }
                m_workspace.maps().setProjectionOfActiveView(QStringLiteral("plate-carree"));
                if (cell->projection.isEmpty()) {
                    report(view,
                           tr("Cannot show %1 as %2: the field is not on a longitude/latitude "
                              "grid, so it has no map")
                               .arg(choice.variable, choice.encodingName()),
                           true);
                    return;
                }
                m_workspace.properties()->showProjection(QStringLiteral("plate-carree"));
            }
            clearUncertaintyLayer(*cell);
            cell->uncertainty = std::make_shared<UncertaintyChoice>(choice);
            if (choice.needsThreshold()) {
                cell->uncertainty->threshold = layer.threshold; // the panel shows the one used
            }
            viz::MapView* map = m_workspace.maps().mapOf(view);
            QString shownText;
            try {
                shownText = drawUncertaintyLayer(*cell, *map, choice, layer);
            } catch (const std::exception& error) {
                cell->uncertainty.reset();
                clearUncertaintyLayer(*cell);
                report(view,
                       refused.arg(choice.variable, choice.encodingName(),
                                   QString::fromUtf8(error.what())),
                       true);
                return;
            }
            map->update();
            report(view, shownText, false);
        });
}

} // namespace twins::app
