#include "results/PointsOverlay.h"

#include "results/ResultDock.h"
#include "support/BackgroundTask.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/widgets/TimeSlider.h"
#include "workspace/MapMode.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QFileInfo>
#include <QMainWindow>

#include <algorithm>
#include <cmath>

namespace twins::app {

PointsOverlay::PointsOverlay(QMainWindow& window, Workspace& workspace)
    : QObject(&workspace), m_window(window), m_workspace(workspace) {
    connect(&workspace.maps(), &MapMode::fieldDrawn, this, &PointsOverlay::onFieldDrawn);
}

PointsOverlay::~PointsOverlay() = default;

void PointsOverlay::open(const QString& runId, const QString& runDirectory,
                         const sdk::ResultSpec& spec) {
    m_workspace.beginWork(tr("Reading %1 and looking for its background...").arg(spec.output));
    // CSV rows and the background's time axis are read off the GUI thread, as ResultView does.
    runInBackground<PointsOverlayData>(
        this, [spec, runDirectory] { return readPointsOverlay(spec, runDirectory); },
        [this, runId, runDirectory, spec](const PointsOverlayData& result) {
            m_workspace.endWork();
            auto data = std::make_shared<const PointsOverlayData>(result);
            if (!data->error.isEmpty()) {
                // As before: the points on an empty map in a result dock, whose caption
                // says why the background is not drawn.
                m_workspace.showStatus(
                    tr("%1: background not drawn: %2").arg(spec.output, data->error), 10000);
                showResultDock(m_window, runId, runDirectory, spec);
                return;
            }
            auto state = std::make_unique<PointsOverlayState>();
            state->data = data;
            state->view = m_workspace.activeView();
            state->backgroundPath = QFileInfo(data->background.path).absoluteFilePath();
            m_state = std::move(state);
            QComboBox* projections = m_workspace.projectionBox();
            if (m_workspace.grid()->activeCell()->projection.isEmpty() &&
                projections->count() > 1) {
                projections->setCurrentIndex(1);
            }
            // A symmetric field (vorticity) reads best on a diverging map centred on 0.
            const QString colorMap = viz::ColorMap::names().contains(spec.colormap) ? spec.colormap
                                     : data->symmetric ? QStringLiteral("coolwarm")
                                                       : QString();
            if (!colorMap.isEmpty()) {
                m_workspace.colorMapBox()->setCurrentText(colorMap);
            }
            m_workspace.openFiles({data->background.path}, data->variable);
        });
}

void PointsOverlay::onFieldDrawn(viz::FieldView* view, viz::MapView* map) {
    if (!m_state || m_state->view != view) {
        return;
    }
    PointsOverlayState& state = *m_state;
    const ShownVariable* shown = m_workspace.grid()->shownIn(view);
    if (shown == nullptr) {
        return;
    }
    const data::FieldSlice* field = map->scene().field();
    const bool background = field != nullptr && shown->path == state.backgroundPath &&
                            QString::fromStdString(field->variable) == state.data->variable;
    if (!background) {
        // The view shows something else now: the detections belong to the background only.
        map->scene().clearOverlays();
        map->scene().setCaption({});
        m_state.reset();
        return;
    }
    const auto index = shown->indices.find(state.data->timeDimension.toStdString());
    const std::size_t step = index == shown->indices.end() ? 0 : index->second;
    if (state.data->symmetric && !state.rangeSet) {
        state.rangeSet = true;
        const double extent = std::max(std::abs(field->minimum), std::abs(field->maximum));
        if (extent > 0.0) {
            map->setColorRange(-extent, extent);
        }
    }
    drawPointsOverlay(*state.data, step, map->scene());
    if (state.startPending) {
        state.startPending = false;
        // Start where there is something to see; the slider re-reads that step, which
        // redraws the overlay through here again.
        if (step != state.data->firstStep && view == m_workspace.activeView()) {
            m_workspace.timeSlider()->setIndex(state.data->timeDimension, state.data->firstStep);
        }
    }
}

} // namespace twins::app
