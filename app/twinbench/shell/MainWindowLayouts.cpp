// Linked multi-view layouts of the main window: 1, 2 side by side or 2x2 cells (View menu),
// each showing a variable. With View > Link Views on, the time slider of the active cell moves
// every cell whose variable has the same dimension, and a pan or zoom in one cell moves the
// others. The whole layout exports to PNG at any size, each cell rendered offscreen at its
// share of the image (not a screen grab).
#include "export/ExportFigureDialog.h"
#include "shell/MainWindow.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/LinkedMapViews.h"
#include "twinbench/viz/MapView.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QPainter>
#include <QStackedWidget>
#include <QStatusBar>

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkRenderer.h>

#include <cmath>

namespace twins::app {

namespace {
// Gap between cells of an exported layout, in pixels of a 1000 px wide image.
constexpr double layoutGap = 4.0;

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

void MainWindow::addLayoutMenuActions(QMenu* fileMenu, QMenu* viewMenu) {
    m_linkViewsAction = viewMenu->addAction(tr("&Link Views"));
    m_linkViewsAction->setObjectName(QStringLiteral("linkViewsAction"));
    m_linkViewsAction->setCheckable(true);
    m_linkViewsAction->setToolTip(
        tr("Move time and camera of every view together (views showing the same dimension)"));
    connect(m_linkViewsAction, &QAction::toggled, this, &MainWindow::setViewsLinked);
    fileMenu->addAction(tr("Export &Layout..."), this, &MainWindow::chooseLayoutToExport)
        ->setObjectName(QStringLiteral("exportLayoutAction"));
    fileMenu->addAction(tr("Export &Animation..."), this, &MainWindow::chooseAnimationToExport)
        ->setObjectName(QStringLiteral("exportAnimationAction"));
}

void MainWindow::setViewsLinked(bool linked) {
    m_viewsLinked = linked;
    if (m_linkViewsAction != nullptr && m_linkViewsAction->isChecked() != linked) {
        const QSignalBlocker blocker(m_linkViewsAction);
        m_linkViewsAction->setChecked(linked);
    }
    if (linked) {
        // Bring every cell to the active one's time and place at once.
        const ShownVariable* shown = shownIn(activeView());
        if (shown != nullptr) {
            propagateIndices(activeView(), shown->indices);
        }
        followCameraOf(activeMapView() != nullptr ? static_cast<viz::VtkView*>(activeMapView())
                                                  : activeView());
    }
    statusBar()->showMessage(
        linked ? tr("Views linked: time and camera move together") : tr("Views unlinked"), 5000);
}

void MainWindow::showVariableIn(viz::FieldView* view, const QString& path,
                                const QString& variable) {
    if (view == nullptr || !m_views.contains(view)) {
        return;
    }
    setActiveView(view);
    showVariable(path, variable);
}

QWidget* MainWindow::cellWidgetOf(viz::FieldView* view) const {
    const ViewCell* cell = cellOf(view);
    return cell == nullptr ? nullptr : cell->currentWidget();
}

void MainWindow::linkCamerasOf(viz::FieldView* view) {
    // The data-grid view reports user camera changes through its interactor's render
    // requests (the map view has cameraMoved for the same).
    vtkNew<vtkCallbackCommand> moved;
    struct Context {
        MainWindow* window;
        viz::FieldView* view;
    };
    auto* context = new Context{this, view};
    moved->SetClientData(context);
    moved->SetClientDataDeleteCallback([](void* data) { delete static_cast<Context*>(data); });
    moved->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        auto* c = static_cast<Context*>(clientData);
        c->window->followCameraOf(c->view);
    });
    view->interactor()->AddObserver(vtkCommand::RenderEvent, moved);
}

void MainWindow::followCameraOf(viz::VtkView* leader) {
    if (!m_viewsLinked || m_followingCamera || leader == nullptr) {
        return;
    }
    m_followingCamera = true;
    auto* leaderMap = qobject_cast<viz::MapView*>(leader);
    for (viz::FieldView* view : m_views) {
        if (leaderMap != nullptr) {
            // Maps follow maps of the same projection (the same world coordinates).
            viz::MapView* map = cellOf(view)->map;
            if (map == nullptr || map == leaderMap || cellOf(view)->projection.isEmpty()) {
                continue;
            }
            if (map->scene().projection().description() ==
                leaderMap->scene().projection().description()) {
                map->followCamera(*leaderMap);
            }
        } else if (view != leader && cellOf(view)->projection.isEmpty()) {
            copyCamera(leader->renderer(), view->renderer());
            view->update();
        }
    }
    m_followingCamera = false;
}

void MainWindow::propagateIndices(viz::FieldView* source,
                                  const std::map<std::string, std::size_t>& indices) {
    for (viz::FieldView* view : m_views) {
        if (view == source) {
            continue;
        }
        ShownVariable* shown = shownIn(view);
        if (shown == nullptr || shown->dimensions.empty()) {
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
            requestField(view, shown->path, shown->variable, cellIndices, false);
        }
    }
}

QImage MainWindow::renderLayout(QSize size, QString* error) {
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
        viz::FieldView* view = m_views[i];
        const QPoint origin((i % columns) * (cellWidth + gap), (i / columns) * (cellHeight + gap));
        QList<viz::VtkView*> parts;
        QWidget* shown = cellWidgetOf(view);
        if (auto* pair = qobject_cast<viz::LinkedMapViews*>(shown)) {
            parts << &pair->left() << &pair->right();
        } else if (auto* vtkView = qobject_cast<viz::VtkView*>(shown)) {
            parts << vtkView;
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

void MainWindow::exportLayoutTo(const QString& path, QSize size) {
    QString error;
    const QImage image = renderLayout(size, &error);
    if (image.isNull()) {
        showError(tr("Cannot export layout"), tr("Cannot export %1").arg(path), error);
        emit figureExported(path, false);
        return;
    }
    writeImageInBackground(image, path, tr("Cannot export layout"));
}

void MainWindow::chooseLayoutToExport() {
    ExportFigureDialog dialog(this);
    dialog.setWindowTitle(tr("Export Layout"));
    if (dialog.exec() == QDialog::Accepted) {
        exportLayoutTo(dialog.path(), dialog.size());
    }
}

} // namespace twins::app
