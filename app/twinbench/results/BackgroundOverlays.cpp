#include "results/BackgroundOverlays.h"

#include "answers/kinds/points/PointsResult.h"
#include "results/ResultPointsOverlay.h"
#include "results/ResultTracksOverlay.h"
#include "support/BackgroundTask.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/widgets/TimeSlider.h"
#include "workspace/MapMode.h"
#include "workspace/PropertiesPanel.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QPointer>
#include <QTimer>

#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::app {

namespace {

// The lon/lat box of every detection that is drawn.
GeoExtent extentOf(const PointsOverlayData& data) {
    GeoExtent extent{
        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (const auto& step : data.detectionsOfStep) {
        for (const PointDetection& detection : step) {
            extent.west = std::min(extent.west, detection.centre.lon);
            extent.east = std::max(extent.east, detection.centre.lon);
            extent.south = std::min(extent.south, detection.centre.lat);
            extent.north = std::max(extent.north, detection.centre.lat);
        }
    }
    return extent;
}

} // namespace

BackgroundOverlays::BackgroundOverlays(Workspace& workspace)
    : QObject(&workspace), m_workspace(workspace) {
    connect(&workspace.maps(), &MapMode::fieldDrawn, this, &BackgroundOverlays::onFieldDrawn);
    // A removed cell's overlay goes with it: a view made later at the same address must not
    // inherit it.
    connect(workspace.grid(), &ViewGrid::viewRemoved, this,
            [this](viz::FieldView* view) { m_states.erase(view); });
}

BackgroundOverlays::~BackgroundOverlays() = default;

void BackgroundOverlays::open(viz::FieldView* view, const QString& runDirectory,
                              const sdk::ResultSpec& spec,
                              std::function<void(const QString&)> fallback) {
    m_workspace.beginWork(tr("Reading %1 and looking for its background...").arg(spec.output));
    QPointer<viz::FieldView> target(view);
    const bool tracks = !isPointsResultWithBackground(spec); // else tracks
    struct Read {
        std::shared_ptr<const PointsOverlayData> points;
        std::shared_ptr<const TracksOverlayData> tracks;
    };
    // The rows and the background's time axis are read off the GUI thread.
    runInBackground<Read>(
        this,
        [spec, runDirectory, tracks] {
            Read read;
            if (tracks) {
                read.tracks = std::make_shared<const TracksOverlayData>(
                    readTracksOverlay(spec, runDirectory));
            } else {
                read.points = std::make_shared<const PointsOverlayData>(
                    readPointsOverlay(spec, runDirectory));
            }
            return read;
        },
        [this, target, spec, fallback](const Read& read) {
            m_workspace.endWork();
            if (!target || !m_workspace.views().contains(target.data())) {
                return; // the cell was closed meanwhile
            }
            const QString error = read.tracks ? read.tracks->error : read.points->error;
            if (!error.isEmpty()) {
                m_workspace.showStatus(tr("%1: background not drawn: %2").arg(spec.output, error),
                                       10000);
                fallback(error);
                return;
            }
            State state;
            state.points = read.points;
            state.tracks = read.tracks;
            const PointsBackground& background =
                read.tracks ? read.tracks->background : read.points->background;
            state.variable = read.tracks ? read.tracks->variable : read.points->variable;
            state.symmetric = read.tracks ? read.tracks->symmetric : read.points->symmetric;
            state.timeDimension =
                read.tracks ? read.tracks->timeDimension : read.points->timeDimension;
            state.firstStep = read.tracks ? read.tracks->firstStep : read.points->firstStep;
            state.backgroundPath = QFileInfo(background.path).absoluteFilePath();
            showBackground(target.data(), spec, std::move(state), background.path);
        });
}

void BackgroundOverlays::showBackground(viz::FieldView* view, const sdk::ResultSpec& spec,
                                        State state, const QString& path) {
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    // The background is part of the result the cell shows, not a new content of the cell.
    cell->content.fields << path + QLatin1Char('|') + state.variable;
    const QString variable = state.variable;
    const bool symmetric = state.symmetric;
    m_states[view] = std::move(state);
    m_workspace.setActiveView(view);
    QComboBox* projections = m_workspace.projectionBox();
    if (cell->projection.isEmpty() && projections->count() > 1) {
        projections->setCurrentIndex(1);
    }
    // A symmetric field (vorticity) reads best on a diverging map centred on 0.
    const QString colorMap = viz::ColorMap::names().contains(spec.colormap) ? spec.colormap
                             : symmetric ? QStringLiteral("coolwarm")
                                         : QString();
    if (!colorMap.isEmpty()) {
        m_workspace.colorMapBox()->setCurrentText(colorMap);
    }
    m_workspace.openFiles({path}, variable, view);
}

void BackgroundOverlays::zoom(State& state, viz::MapView& map) {
    zoomMapTo(map, state.tracks ? state.tracks->extent : extentOf(*state.points));
    vtkCamera* camera = map.scene().renderer()->GetActiveCamera();
    state.zoomedCamera[0] = camera->GetFocalPoint()[0];
    state.zoomedCamera[1] = camera->GetFocalPoint()[1];
    state.zoomedCamera[2] = camera->GetParallelScale();
}

bool BackgroundOverlays::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::Resize) {
        return false;
    }
    for (auto& [view, state] : m_states) {
        const ViewCell* cell = m_workspace.grid()->cellOf(view);
        if (cell == nullptr || cell->map != watched || state.zoomPending) {
            continue;
        }
        vtkCamera* camera = cell->map->scene().renderer()->GetActiveCamera();
        const double* focal = camera->GetFocalPoint();
        const double scale = camera->GetParallelScale();
        const double tolerance = 1e-9 * std::max(1.0, std::abs(state.zoomedCamera[2]));
        const bool untouched = std::abs(focal[0] - state.zoomedCamera[0]) <= tolerance * 1e3 &&
                               std::abs(focal[1] - state.zoomedCamera[1]) <= tolerance * 1e3 &&
                               std::abs(scale - state.zoomedCamera[2]) <= tolerance;
        if (untouched) {
            // After the view has taken its new size (its resizeGL runs after this filter).
            QPointer<viz::MapView> map(cell->map);
            const viz::FieldView* key = view;
            QTimer::singleShot(0, this, [this, map, key] {
                const auto found = m_states.find(key);
                if (map && found != m_states.end()) {
                    zoom(found->second, *map);
                }
            });
        }
    }
    return false;
}

void BackgroundOverlays::onFieldDrawn(viz::FieldView* view, viz::MapView* map) {
    const auto found = m_states.find(view);
    if (found == m_states.end()) {
        return;
    }
    State& state = found->second;
    const ShownVariable* shown = m_workspace.grid()->shownIn(view);
    if (shown == nullptr) {
        return;
    }
    const data::FieldSlice* field = map->scene().field();
    const bool background = field != nullptr && shown->path == state.backgroundPath &&
                            QString::fromStdString(field->variable) == state.variable;
    if (!background) {
        // The cell shows something else now: the overlay belongs to the background only.
        map->scene().clearOverlays();
        map->scene().setCaption({});
        m_states.erase(found);
        return;
    }
    const auto index = shown->indices.find(state.timeDimension.toStdString());
    const std::size_t step = index == shown->indices.end() ? 0 : index->second;
    if (state.symmetric && !state.rangeSet) {
        state.rangeSet = true;
        const double extent = std::max(std::abs(field->minimum), std::abs(field->maximum));
        if (extent > 0.0) {
            map->setColorRange(-extent, extent);
        }
    }
    if (state.zoomPending) {
        // Before drawing: the dots are sized for the zoom they are drawn at.
        state.zoomPending = false;
        zoom(state, *map);
        map->installEventFilter(this);
    }
    if (state.tracks) {
        drawTracksOverlay(*state.tracks, step, map->scene());
    } else {
        drawPointsOverlay(*state.points, step, map->scene());
    }
    if (state.startPending) {
        state.startPending = false;
        // Start where there is something to see; the slider re-reads that step, which
        // redraws the overlay through here again.
        if (!state.timeDimension.isEmpty() && step != state.firstStep &&
            view == m_workspace.activeView()) {
            m_workspace.timeSlider()->setIndex(state.timeDimension, state.firstStep);
        }
    }
    map->update();
}

} // namespace twins::app
