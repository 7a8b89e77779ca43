#include "models/ModelCards.h"

#include "models/VvuqCardHtml.h"
#include "twinbench/runs/ModelCatalogue.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/runs/VvuqCard.h"
#include "twinbench/sdk/ModuleCatalog.h"

#include <QFileInfo>

#include <exception>

namespace twins::app {

ModelCards loadModelCards(const QString& databasePath, const QStringList& pluginSearchPaths) {
    ModelCards result;
    if (!QFileInfo::exists(databasePath)) {
        // No run yet: opening the registry would create it, which is the worker's business.
        return result;
    }
    try {
        const runs::RunRegistry registry(databasePath);
        const runs::ModelCatalogue catalogue = runs::ModelCatalogue::scan(registry);
        result.problems = catalogue.problems();
        const sdk::ModuleCatalog modules = sdk::ModuleCatalog::scan(pluginSearchPaths);
        for (const runs::ModelEntry& model : catalogue.models()) {
            const sdk::ModuleEntry* module = modules.find(model.moduleId);
            try {
                result.cards << runs::buildVvuqCard(registry, model.runId,
                                                    module ? &module->metadata : nullptr);
                result.html << vvuqCardHtml(result.cards.last());
            } catch (const std::exception& error) {
                result.problems << QStringLiteral("model %1: %2")
                                       .arg(model.runId, QString::fromUtf8(error.what()));
            }
        }
    } catch (const std::exception& error) {
        result.problems << QStringLiteral("run registry %1: %2")
                               .arg(databasePath, QString::fromUtf8(error.what()));
    }
    return result;
}

} // namespace twins::app
