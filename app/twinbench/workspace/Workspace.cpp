#include "workspace/Workspace.h"

#include "support/BackgroundTask.h"
#include "support/ExampleData.h"
#include "support/FileLoading.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/widgets/DataBrowser.h"
#include "twinbench/widgets/RecentFiles.h"
#include "twinbench/widgets/TimeSlider.h"
#include "workspace/AnimationExports.h"
#include "workspace/FigureExports.h"
#include "workspace/LinkedViews.h"
#include "workspace/MapMode.h"
#include "workspace/PropertiesPanel.h"
#include "workspace/UncertaintyController.h"
#include "workspace/UncertaintyPanel.h"
#include "workspace/ViewGrid.h"

#include <QComboBox>
#include <QFileInfo>
#include <QPointer>

#include <algorithm>

namespace twins::app {

Workspace::Workspace(QWidget* window)
    : QObject(window), m_properties(new PropertiesPanel(window)), m_grid(new ViewGrid(window)),
      m_dataBrowser(new widgets::DataBrowser(window)), m_maps(new MapMode(*this)),
      m_links(new LinkedViews(*this)), m_uncertainty(new UncertaintyController(*this)),
      m_figures(new FigureExports(*this)), m_animations(new AnimationExports(*this)) {
    connect(m_grid, &ViewGrid::viewAdded, this, &Workspace::connectView);
    connect(m_grid, &ViewGrid::activeViewChanged, this, &Workspace::onActiveViewChanged);
    connect(m_maps, &MapMode::mapAdded, this,
            [this](viz::FieldView*, viz::MapView* map) { connectMap(map); });
    connect(m_properties, &PropertiesPanel::projectionChosen, m_maps,
            &MapMode::setProjectionOfActiveView);
    connect(m_properties, &PropertiesPanel::colorMapChosen, this,
            &Workspace::setColorMapOfActiveView);
    connect(timeSlider(), &widgets::TimeSlider::indicesChanged, this,
            &Workspace::onSliceIndicesChanged);
    connect(uncertaintyPanel(), &UncertaintyPanel::applyRequested, m_uncertainty,
            &UncertaintyController::apply);
    connect(m_dataBrowser, &widgets::DataBrowser::variableActivated, this,
            &Workspace::showVariable);
    m_grid->setViewCount(1);
}

Workspace::~Workspace() = default;

void Workspace::connectView(viz::FieldView* view) {
    view->setColorMap(colorMapBox()->currentText());
    connect(view, &viz::FieldView::cursorTextChanged, this, &Workspace::setCursorText);
    connect(view, &viz::FieldView::frameRendered, this, [this, view] {
        if (view->field() != nullptr) {
            frameRendered();
        }
    });
    m_links->watchCameraOf(view);
}

void Workspace::connectMap(viz::MapView* map) {
    connect(map, &viz::MapView::cursorTextChanged, this, &Workspace::setCursorText);
    connect(map, &viz::MapView::cameraMoved, m_links,
            [this, map] { m_links->followCameraOf(map); });
    connect(map, &viz::MapView::frameRendered, this, [this, map] {
        if (map->isVisible()) {
            frameRendered();
        }
    });
}

void Workspace::frameRendered() {
    if (m_awaitingFieldFrame) {
        m_awaitingFieldFrame = false;
        emit fieldFrameRendered();
    }
}

void Workspace::setCursorText(const QString& text) {
    m_cursorText = text;
    emit cursorTextChanged(text);
}

QList<viz::FieldView*> Workspace::views() const {
    return m_grid->views();
}
viz::FieldView* Workspace::activeView() const {
    return m_grid->activeView();
}
void Workspace::setActiveView(viz::FieldView* view) {
    m_grid->setActiveView(view);
}
void Workspace::setViewCount(int count) {
    m_grid->setViewCount(count);
}
viz::MapView* Workspace::activeMapView() const {
    return m_maps->activeMap();
}
QWidget* Workspace::cellWidgetOf(viz::FieldView* view) const {
    const ViewCell* cell = m_grid->cellOf(view);
    return cell == nullptr ? nullptr : cell->currentWidget();
}
widgets::TimeSlider* Workspace::timeSlider() const {
    return m_properties->timeSlider();
}
QComboBox* Workspace::projectionBox() const {
    return m_properties->projectionBox();
}
QComboBox* Workspace::colorMapBox() const {
    return m_properties->colorMapBox();
}
UncertaintyPanel* Workspace::uncertaintyPanel() const {
    return m_properties->uncertaintyPanel();
}

void Workspace::onActiveViewChanged() {
    const ViewCell* cell = m_grid->activeCell();
    m_properties->showProjection(cell != nullptr ? cell->projection : QString());
    describeActiveField();
    showSliderOfActiveView();
    m_uncertainty->refreshPanel();
}

void Workspace::setColorMapOfActiveView(const QString& name) {
    activeView()->setColorMap(name);
    if (viz::MapView* map = activeMapView()) {
        map->setColorMap(name);
    }
}

void Workspace::showSliderOfActiveView() {
    const ShownVariable* shown = m_grid->shownIn(activeView());
    if (shown == nullptr) {
        timeSlider()->setDimensions({});
        return;
    }
    timeSlider()->setDimensions(shown->dimensions, shown->indices);
}

void Workspace::describeActiveField() {
    m_properties->describeField(*activeView(), m_grid->shownIn(activeView()));
}

void Workspace::beginWork(const QString& message) {
    ++m_pendingWork;
    emit busyChanged(true);
    emit statusMessage(message, 0);
}

void Workspace::endWork() {
    m_pendingWork = std::max(0, m_pendingWork - 1);
    emit busyChanged(m_pendingWork > 0);
}

void Workspace::showVariable(const QString& path, const QString& variable) {
    if (m_files.find(path) == m_files.end()) {
        reportError(tr("File not open"), tr("%1 is not open").arg(path), tr("Open it first."));
        return;
    }
    m_dataBrowser->selectVariable(path, variable);
    viz::FieldView* view = activeView();
    ViewCell* cell = m_grid->cellOf(view);
    // A variable that is not part of what the cell shows (a result's background) replaces it:
    // remembered for View > Back, with the cell's projection.
    const QString key = path + QLatin1Char('|') + variable;
    if (!cell->content.fields.contains(key)) {
        const QString projection = cell->projection;
        m_grid->setContent(view, {tr("%1 of %2").arg(variable, QFileInfo(path).fileName()),
                                  {key},
                                  [this, path, variable, projection](viz::FieldView* target) {
                                      setActiveView(target);
                                      if (projection != m_grid->cellOf(target)->projection) {
                                          m_maps->setProjectionOf(target, projection);
                                          m_properties->showProjection(projection);
                                      }
                                      showVariableIn(target, path, variable);
                                  }});
    }
    cell->clearResultWidget();
    cell->reread = nullptr;
    // The old variable's sliders must not drive reads of the new one while it loads.
    cell->shown = ShownVariable{path, variable, {}, {}};
    showSliderOfActiveView();
    requestField(view, path, variable, {}, true);
}

void Workspace::showVariableIn(viz::FieldView* view, const QString& path, const QString& variable) {
    if (view == nullptr || !views().contains(view)) {
        return;
    }
    setActiveView(view);
    showVariable(path, variable);
}

void Workspace::requestField(viz::FieldView* view, const QString& path, const QString& variable,
                             const std::map<std::string, std::size_t>& indices,
                             bool describeDimensions) {
    std::shared_ptr<const data::Dataset> file = dataset(path);
    if (!file) {
        return;
    }
    const int requestNumber = ++m_fieldRequests;
    m_grid->cellOf(view)->latestRequest = requestNumber;
    QPointer<viz::FieldView> target(view);
    beginWork(tr("Reading %1 from %2...").arg(variable, QFileInfo(path).fileName()));
    runInBackground<LoadedField>(
        this,
        [file, variable, indices, describeDimensions]() {
            return readFieldInBackground(file, variable, indices, describeDimensions);
        },
        [this, target, requestNumber](const LoadedField& loaded) {
            endWork();
            if (target) {
                onFieldLoaded(loaded, target.data(), requestNumber);
            }
        });
}

void Workspace::showComputedField(viz::FieldView* view,
                                  std::shared_ptr<const data::FieldSlice> field,
                                  const QString& sliceLabel) {
    ViewCell* cell = m_grid->cellOf(view);
    if (cell == nullptr) {
        return;
    }
    cell->clearResultWidget();
    m_awaitingFieldFrame = true;
    view->setSliceLabel(sliceLabel);
    view->showField(field);
    cell->field = std::move(field);
    m_maps->showFieldOnMap(view);
    if (view == activeView()) {
        showSliderOfActiveView();
        describeActiveField();
    }
}

void Workspace::onSliceIndicesChanged(const std::map<std::string, std::size_t>& indices) {
    viz::FieldView* view = activeView();
    ShownVariable* shown = m_grid->shownIn(view);
    if (shown == nullptr || shown->dimensions.empty()) {
        return;
    }
    shown->indices = indices;
    if (const ViewCell* cell = m_grid->cellOf(view); cell->reread) {
        cell->reread(indices); // a computed field is made again, not read
    } else {
        requestField(view, shown->path, shown->variable, indices, false);
    }
    m_links->followIndicesOf(view, indices);
}

void Workspace::onFieldLoaded(const LoadedField& loaded, viz::FieldView* view, int requestNumber) {
    // A newer request for the same view supersedes this one (the user clicked on, or moved
    // the slider again while this slice was read).
    ViewCell* cell = m_grid->cellOf(view);
    if (cell == nullptr || cell->latestRequest != requestNumber) {
        return;
    }
    if (!loaded.error.isEmpty()) {
        reportError(tr("Cannot show variable"),
                    tr("Cannot show '%1' from %2").arg(loaded.variable, loaded.path), loaded.error);
        return;
    }
    if (!cell->shown) {
        cell->shown.emplace();
    }
    ShownVariable& shown = *cell->shown;
    shown.path = loaded.path;
    shown.variable = loaded.variable;
    shown.indices = loaded.indices;
    if (loaded.sliceDimensionsDescribed) {
        shown.dimensions = loaded.sliceDimensions;
        if (view == activeView()) {
            showSliderOfActiveView();
        }
    }
    QStringList sliceParts;
    for (const widgets::SliceDimension& dimension : shown.dimensions) {
        const auto index = loaded.indices.find(dimension.name.toStdString());
        sliceParts << dimension.describe(index == loaded.indices.end() ? 0 : index->second);
    }
    m_awaitingFieldFrame = true;
    view->setSliceLabel(sliceParts.join(QStringLiteral(", ")));
    view->showField(loaded.field);
    cell->field = loaded.field;
    // A variable newly shown in a cell of no chosen projection opens on a map when it can.
    if (!loaded.sliceDimensionsDescribed || !m_maps->showOnMapByDefault(view)) {
        m_maps->showFieldOnMap(view);
    }
    m_uncertainty->reapply(view);
    if (view == activeView() && loaded.sliceDimensionsDescribed) {
        m_uncertainty->refreshPanel(); // the second variable's candidates are this file's
    }
    const QString showing = tr("Showing %1").arg(QString::fromStdString(loaded.field->title()));
    const auto notice = m_fileNotices.find(loaded.path);
    if (notice != m_fileNotices.end() && !notice->second.isEmpty()) {
        showStatus(showing + QStringLiteral(". ") + notice->second); // stays: it qualifies the view
    } else {
        showStatus(showing, 5000);
    }
    describeActiveField();
    emit fieldShown(loaded.path, loaded.variable);
}

} // namespace twins::app
