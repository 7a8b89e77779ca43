#include "report/ReportModelSection.h"

#include "report/ReportExport.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/runs/VvuqCard.h"
#include "twinbench/sdk/ModuleCatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace twins::app {

void addLineageAndModelCard(const QString& runDirectory, RunReport& report) {
    // 1000 px wide: the drawing's 18 px text prints at about 9 pt across an A4 page's width.
    constexpr int lineageWidth = 1000;
    const QString database = runs::RunRegistry::defaultDatabasePath();
    report.lineage = gatherLineage(runDirectory, database);
    report.lineageImage = drawLineage(report.lineage, lineageWidth);

    // The run's own domain check, else that of the nearest run of its lineage that recorded
    // one (a validation run inherits the extrapolation of the inference it scores).
    for (qsizetype i = report.lineage.nodes.size() - 1; i >= 0; --i) {
        const LineageNode& node = report.lineage.nodes[i];
        QFile domain(QDir(node.directory).filePath(QStringLiteral("outputs/domain.json")));
        if (domain.open(QIODevice::ReadOnly)) {
            report.domainCheck = QJsonDocument::fromJson(domain.readAll()).object();
            report.domainRun = node.runId == report.runId
                                   ? QStringLiteral("This run")
                                   : QStringLiteral("Run %1 (%2 %3) in this run's lineage")
                                         .arg(node.runId, node.moduleId, node.action);
            break;
        }
    }

    // The model: the run itself, else the one nearest to it (highest level) in its lineage.
    const LineageNode* model = nullptr;
    for (const LineageNode& node : report.lineage.nodes) {
        if (node.isModel && (!model || node.level >= model->level)) {
            model = &node;
        }
    }
    if (!model) {
        report.vvuqNote = QStringLiteral("No trained model made or was used by this run.");
        return;
    }
    if (!QFileInfo::exists(database)) {
        report.vvuqNote = QStringLiteral("Model %1 is not in a run registry (%2), so its "
                                         "validations cannot be gathered.")
                              .arg(model->runId, database);
        return;
    }
    try {
        const runs::RunRegistry registry(database);
        const sdk::ModuleCatalog modules =
            sdk::ModuleCatalog::scan(sdk::ModuleCatalog::defaultSearchPaths());
        const sdk::ModuleEntry* module = modules.find(model->moduleId);
        report.vvuqCard =
            runs::buildVvuqCard(registry, model->runId, module ? &module->metadata : nullptr);
        report.vvuqNote = model->runId == report.runId
                              ? QStringLiteral("This run trained the model.")
                              : QStringLiteral("This run used model %1 (%2 %3).")
                                    .arg(model->runId, model->moduleId, model->action);
    } catch (const std::exception& error) {
        report.vvuqNote = QStringLiteral("The VVUQ card of model %1 cannot be made: %2")
                              .arg(model->runId, QString::fromUtf8(error.what()));
    }
}

} // namespace twins::app
