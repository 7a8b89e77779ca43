// Uncertainty of the active map in the main window: a second variable of the same file shown
// with one of the viz encodings (mean and spread side by side with linked cameras, VSUP,
// AR6 hatching, exceedance probability). The second variable is read on the thread pool at
// the view's indices, re-read at every time step, and refused with both variables' shapes
// named when it is not on the field's grid.
#include "export/FigurePanels.h"
#include "shell/MainWindow.h"
#include "support/BackgroundTask.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/Ensemble.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/Hatching.h"
#include "twinbench/viz/LinkedMapViews.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/Vsup.h"
#include "twinbench/widgets/DataBrowser.h"
#include "workspace/UncertaintyPanel.h"

#include <QComboBox>
#include <QStackedWidget>
#include <QStatusBar>

#include <optional>

namespace twins::app {

namespace {
using Encoding = UncertaintyChoice::Encoding;

// What the background read of the second variable produced; error empty on success.
struct UncertaintyLayer {
    std::shared_ptr<const data::FieldSlice> second; // spread or VSUP uncertainty
    std::optional<viz::RobustnessMap> robustness;   // hatching
    std::shared_ptr<const data::FieldSlice> probability;
    int members = 0;
    QString error;
};

UncertaintyLayer readUncertaintyLayer(std::shared_ptr<const data::Dataset> dataset,
                                      std::shared_ptr<const data::FieldSlice> field,
                                      UncertaintyChoice choice,
                                      std::map<std::string, std::size_t> indices) {
    UncertaintyLayer layer;
    try {
        const std::string name = choice.variable.toStdString();
        if (choice.encoding == Encoding::Spread || choice.encoding == Encoding::Vsup) {
            const data::DatasetVariable& info = dataset->variable(name);
            if (info.rank() < 2) {
                layer.error = QStringLiteral("'%1' has %2 dimension(s); an uncertainty for the map "
                                             "'%3' needs the same two map dimensions")
                                  .arg(choice.variable)
                                  .arg(info.rank())
                                  .arg(QString::fromStdString(field->variable));
                return layer;
            }
            auto second =
                std::make_shared<data::FieldSlice>(data::readFieldSlice(*dataset, info, indices));
            layer.error = shapeMismatch(*field, *second);
            if (choice.encoding == Encoding::Spread) {
                second->longName = "Ensemble spread (standard deviation): " +
                                   (second->longName.empty() ? second->variable : second->longName);
            }
            layer.second = std::move(second);
        } else {
            const viz::EnsembleField ensemble = viz::readEnsemble(*dataset, name, indices);
            layer.error = shapeMismatch(*field, ensemble.grid);
            layer.members = static_cast<int>(ensemble.members.size());
            if (choice.encoding == Encoding::Hatch) {
                if (choice.threshold < 0.0) {
                    layer.error = QStringLiteral("the variability threshold must be >= 0");
                } else {
                    layer.robustness = viz::classifyEnsembleChanges(ensemble, choice.threshold);
                }
            } else {
                layer.probability = std::make_shared<data::FieldSlice>(
                    viz::exceedanceProbability(ensemble, choice.threshold));
            }
        }
    } catch (const std::exception& error) {
        layer.error = QString::fromUtf8(error.what());
    }
    return layer;
}
} // namespace

void MainWindow::refreshUncertaintyPanel() {
    if (m_uncertaintyPanel == nullptr) {
        return;
    }
    viz::FieldView* view = activeView();
    QStringList candidates;
    const ShownVariable* shown = shownIn(view);
    if (shown != nullptr) {
        const auto file = m_files.find(shown->path);
        if (file != m_files.end()) {
            for (const data::DatasetVariable* variable : file->second->variables()) {
                const QString key = widgets::variableKey(*variable);
                if (variable->rank() >= 2 && variable->isNumeric() && key != shown->variable) {
                    candidates << key;
                }
            }
        }
    }
    m_uncertaintyPanel->setVariables(candidates);
    const ViewCell* cell = cellOf(view);
    m_uncertaintyPanel->setChoice(cell != nullptr && cell->uncertainty ? *cell->uncertainty
                                                                       : UncertaintyChoice{});
}

void MainWindow::applyUncertainty(const UncertaintyChoice& choice) {
    viz::FieldView* view = activeView();
    if (choice.encoding == Encoding::None) {
        clearUncertainty(view);
        cellOf(view)->uncertainty.reset();
        m_uncertaintyPanel->setStatus(tr("No uncertainty encoding."), false);
        emit uncertaintyApplied(true, m_uncertaintyPanel->statusText());
        return;
    }
    if (cellOf(view)->field == nullptr) {
        m_uncertaintyPanel->setStatus(tr("Show a field in this view first."), true);
        emit uncertaintyApplied(false, m_uncertaintyPanel->statusText());
        return;
    }
    if (choice.variable.isEmpty()) {
        m_uncertaintyPanel->setStatus(tr("Choose the variable that carries the uncertainty."),
                                      true);
        emit uncertaintyApplied(false, m_uncertaintyPanel->statusText());
        return;
    }
    requestUncertainty(view, choice);
}

void MainWindow::reapplyUncertainty(viz::FieldView* view) {
    if (const ViewCell* cell = cellOf(view); cell != nullptr && cell->uncertainty) {
        requestUncertainty(view, *cell->uncertainty);
    }
}

void MainWindow::requestUncertainty(viz::FieldView* view, const UncertaintyChoice& choice) {
    const ShownVariable* shown = shownIn(view);
    if (shown == nullptr || cellOf(view)->field == nullptr) {
        return;
    }
    const auto file = m_files.find(shown->path);
    if (file == m_files.end()) {
        return;
    }
    const int requestNumber = ++m_uncertaintyRequests;
    cellOf(view)->latestUncertaintyRequest = requestNumber;
    QPointer<viz::FieldView> target(view);
    beginWork(tr("Reading %1 (uncertainty)...").arg(choice.variable));
    runInBackground<UncertaintyLayer>(
        this,
        [file = file->second, field = cellOf(view)->field, choice, indices = shown->indices] {
            return readUncertaintyLayer(file, field, choice, indices);
        },
        [this, target, requestNumber, choice](const UncertaintyLayer& layer) {
            endWork();
            if (!target || cellOf(target.data())->latestUncertaintyRequest != requestNumber) {
                return;
            }
            viz::FieldView* view = target.data();
            const auto report = [this, view](const QString& text, bool error) {
                if (view == activeView()) {
                    m_uncertaintyPanel->setStatus(text, error);
                }
                if (error) {
                    statusBar()->showMessage(text, 10000);
                }
                emit uncertaintyApplied(!error, text);
            };
            if (!layer.error.isEmpty()) {
                report(tr("Cannot show %1 as %2: %3")
                           .arg(choice.variable, choice.encodingName(), layer.error),
                       true);
                return;
            }
            // Encodings live on the map: a view on the data grid moves to Plate Carree.
            if (cellOf(view)->projection.isEmpty()) {
                if (view != activeView()) {
                    return;
                }
                setProjectionOfActiveView(QStringLiteral("plate-carree"));
                if (cellOf(view)->projection.isEmpty()) {
                    report(tr("Cannot show %1 as %2: the field is not on a longitude/latitude "
                              "grid, so it has no map")
                               .arg(choice.variable, choice.encodingName()),
                           true);
                    return;
                }
                const QSignalBlocker blocker(m_projectionBox);
                m_projectionBox->setCurrentIndex(
                    std::max(0, m_projectionBox->findData(QStringLiteral("plate-carree"))));
            }
            clearUncertainty(view);
            cellOf(view)->uncertainty = std::make_shared<UncertaintyChoice>(choice);
            viz::MapView* map = mapViewFor(view);
            const std::shared_ptr<const data::FieldSlice> field = cellOf(view)->field;
            QString shownText;
            try {
                switch (choice.encoding) {
                case Encoding::None:
                    break;
                case Encoding::Vsup:
                    map->scene().setVsupUncertainty(
                        layer.second,
                        viz::VsupPalette(viz::ColorMap::named(map->scene().colorMapName())));
                    shownText = tr("VSUP: colour is %1, lightness and hue contrast fade "
                                   "with the uncertainty %2")
                                    .arg(QString::fromStdString(field->variable), choice.variable);
                    break;
                case Encoding::Hatch:
                    map->scene().setHatching(*layer.robustness);
                    shownText = tr("Hatching: %1 is hatched where the %2 members of %3 do not "
                                   "show a robust change at threshold %4 (IPCC AR6)")
                                    .arg(QString::fromStdString(field->variable))
                                    .arg(layer.members)
                                    .arg(choice.variable)
                                    .arg(choice.threshold);
                    break;
                case Encoding::Exceedance: {
                    QString error;
                    if (!map->setField(layer.probability, &error) ||
                        !map->setColorRange(0.0, 1.0, &error)) {
                        throw std::runtime_error(error.toStdString());
                    }
                    map->scene().setSliceLabel(view->sliceLabel());
                    map->scene().setCaption(
                        tr("Colour: probability that %1 exceeds %2, the share of the %3 "
                           "ensemble members above it in each cell")
                            .arg(choice.variable)
                            .arg(choice.threshold)
                            .arg(layer.members));
                    shownText = tr("Exceedance: probability that %1 > %2 across %3 members")
                                    .arg(choice.variable)
                                    .arg(choice.threshold)
                                    .arg(layer.members);
                    break;
                }
                case Encoding::Spread: {
                    auto* pair = new viz::LinkedMapViews(cellOf(view)->stack());
                    pair->setObjectName(view->objectName() + QStringLiteral("Spread"));
                    pair->setProjection(map->scene().projection());
                    QString error;
                    pair->left().setColorMap(map->scene().colorMapName());
                    if (!pair->setMeanAndSpread(field, layer.second, &error)) {
                        delete pair;
                        throw std::runtime_error(error.toStdString());
                    }
                    pair->left().scene().setSliceLabel(view->sliceLabel());
                    pair->right().scene().setSliceLabel(view->sliceLabel());
                    cellOf(view)->stack()->addWidget(pair);
                    cellOf(view)->stack()->setCurrentWidget(pair);
                    cellOf(view)->spread = pair;
                    shownText = tr("Mean and spread: %1 left, %2 right, cameras linked")
                                    .arg(QString::fromStdString(field->variable), choice.variable);
                    break;
                }
                }
            } catch (const std::exception& error) {
                cellOf(view)->uncertainty.reset();
                clearUncertainty(view);
                report(tr("Cannot show %1 as %2: %3")
                           .arg(choice.variable, choice.encodingName(),
                                QString::fromUtf8(error.what())),
                       true);
                return;
            }
            map->update();
            report(shownText, false);
        });
}

void MainWindow::clearUncertainty(viz::FieldView* view) {
    ViewCell* cell = cellOf(view);
    if (cell->spread != nullptr) {
        cell->stack()->removeWidget(cell->spread);
        cell->spread->deleteLater();
        cell->spread = nullptr;
        cell->stack()->setCurrentWidget(cell->projection.isEmpty()
                                            ? static_cast<QWidget*>(view)
                                            : static_cast<QWidget*>(mapViewFor(view)));
    }
    viz::MapView* map = cell->map;
    if (map == nullptr) {
        return;
    }
    viz::MapScene& scene = map->scene();
    const bool wasExceedance =
        cell->uncertainty != nullptr && cell->uncertainty->encoding == Encoding::Exceedance;
    scene.clearVsup();
    scene.clearHatching();
    scene.setCaption(QString());
    if (wasExceedance) {
        // The map showed the probability instead of the field: show the field again.
        if (cell->field) {
            map->setField(cell->field);
        }
    }
    map->update();
}

} // namespace twins::app
