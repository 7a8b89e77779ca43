// The uncertainty encodings of a map (viz): mean and spread side by side with linked cameras,
// VSUP, AR6 hatching, exceedance probability.
#include "workspace/UncertaintyLayer.h"

#include "export/FigurePanels.h"
#include "export/StatedThreshold.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/Ensemble.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/LinkedMapViews.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/Vsup.h"
#include "workspace/ViewCell.h"

#include <QCoreApplication>
#include <QStackedWidget>

#include <stdexcept>

namespace twins::app {

namespace {
using Encoding = UncertaintyChoice::Encoding;

QString tr(const char* text) {
    return QCoreApplication::translate("twins::app::UncertaintyController", text);
}
} // namespace

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
            layer.threshold =
                statedThreshold(*dataset, name, choice.thresholdAttribute, choice.threshold);
            if (choice.encoding == Encoding::Hatch) {
                if (layer.threshold < 0.0) {
                    layer.error = QStringLiteral("the variability threshold must be >= 0");
                } else {
                    layer.robustness = viz::classifyEnsembleChanges(ensemble, layer.threshold);
                }
            } else {
                layer.probability = std::make_shared<data::FieldSlice>(
                    viz::exceedanceProbability(ensemble, layer.threshold));
            }
        }
    } catch (const std::exception& error) {
        layer.error = QString::fromUtf8(error.what());
    }
    return layer;
}

QString drawUncertaintyLayer(ViewCell& cell, viz::MapView& map, const UncertaintyChoice& choice,
                             const UncertaintyLayer& layer) {
    const std::shared_ptr<const data::FieldSlice> field = cell.field;
    viz::FieldView* view = cell.fieldView();
    switch (choice.encoding) {
    case Encoding::None:
        break;
    case Encoding::Vsup:
        map.scene().setVsupUncertainty(
            layer.second, viz::VsupPalette(viz::ColorMap::named(map.scene().colorMapName())));
        return tr("VSUP: colour is %1, lightness and hue contrast fade with the uncertainty %2")
            .arg(QString::fromStdString(field->variable), choice.variable);
    case Encoding::Hatch:
        map.scene().setHatching(*layer.robustness);
        return tr("Hatching: %1 is hatched where the %2 members of %3 do not show a robust "
                  "change at threshold %4 (IPCC AR6)")
            .arg(QString::fromStdString(field->variable))
            .arg(layer.members)
            .arg(choice.variable)
            .arg(layer.threshold);
    case Encoding::Exceedance: {
        QString error;
        if (!map.setField(layer.probability, &error) || !map.setColorRange(0.0, 1.0, &error)) {
            throw std::runtime_error(error.toStdString());
        }
        map.scene().setSliceLabel(view->sliceLabel());
        map.scene().setCaption(tr("Colour: probability that %1 exceeds %2, the share of the %3 "
                                  "ensemble members above it in each cell")
                                   .arg(choice.variable)
                                   .arg(layer.threshold)
                                   .arg(layer.members));
        return tr("Exceedance: probability that %1 > %2 across %3 members")
            .arg(choice.variable)
            .arg(layer.threshold)
            .arg(layer.members);
    }
    case Encoding::Spread: {
        auto* pair = new viz::LinkedMapViews(cell.stack());
        pair->setObjectName(view->objectName() + QStringLiteral("Spread"));
        pair->setProjection(map.scene().projection());
        QString error;
        pair->left().setColorMap(map.scene().colorMapName());
        if (!pair->setMeanAndSpread(field, layer.second, &error)) {
            delete pair;
            throw std::runtime_error(error.toStdString());
        }
        pair->left().scene().setSliceLabel(view->sliceLabel());
        pair->right().scene().setSliceLabel(view->sliceLabel());
        cell.stack()->addWidget(pair);
        cell.stack()->setCurrentWidget(pair);
        cell.spread = pair;
        return tr("Mean and spread: %1 left, %2 right, cameras linked")
            .arg(QString::fromStdString(field->variable), choice.variable);
    }
    }
    return {};
}

void clearUncertaintyLayer(ViewCell& cell) {
    if (cell.spread != nullptr) {
        cell.stack()->removeWidget(cell.spread);
        cell.spread->deleteLater();
        cell.spread = nullptr;
        cell.stack()->setCurrentWidget(cell.projection.isEmpty() || cell.map == nullptr
                                           ? static_cast<QWidget*>(cell.fieldView())
                                           : static_cast<QWidget*>(cell.map));
    }
    viz::MapView* map = cell.map;
    if (map == nullptr) {
        return;
    }
    viz::MapScene& scene = map->scene();
    const bool wasExceedance =
        cell.uncertainty != nullptr && cell.uncertainty->encoding == Encoding::Exceedance;
    scene.clearVsup();
    scene.clearHatching();
    scene.setCaption(QString());
    if (wasExceedance && cell.field) {
        // The map showed the probability instead of the field: show the field again.
        map->setField(cell.field);
    }
    map->update();
}

} // namespace twins::app
