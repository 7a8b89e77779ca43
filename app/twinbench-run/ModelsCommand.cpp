// twinbench-run models: the model catalogue (twins/runs/ModelCatalogue.h) on the command line,
// and one model's VVUQ card (twins/runs/VvuqCard.h) with --card.
#include "RunCommandSupport.h"
#include "WorkerCommands.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/ModelCatalogue.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunStatus.h"
#include "twinbench/runs/VvuqCard.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/SdkError.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace worker {

namespace {

QString metricsText(const QJsonObject& metrics) {
    QStringList parts;
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        parts << QStringLiteral("%1=%2").arg(it.key()).arg(it.value().toDouble(), 0, 'g', 4);
    }
    return parts.join(QLatin1Char(' '));
}

QJsonObject modelJson(const twins::runs::ModelEntry& model) {
    QJsonArray weights;
    for (const QString& path : model.weightPaths) {
        weights.append(path);
    }
    return QJsonObject{
        {QStringLiteral("run"), model.runId},
        {QStringLiteral("module"), model.moduleId},
        {QStringLiteral("action"), model.action},
        {QStringLiteral("created"), twins::runs::isoTime(model.createdAt)},
        {QStringLiteral("validated"), model.validated},
        {QStringLiteral("metrics"), model.metrics},
        {QStringLiteral("weights"), weights},
        {QStringLiteral("training_inputs"), QJsonArray::fromStringList(model.trainingInputs)},
        {QStringLiteral("parameters"), model.parameters},
        {QStringLiteral("twinbench_version"), model.twinbenchVersion},
        {QStringLiteral("git_revision"), model.gitRevision},
        {QStringLiteral("description"), model.description}};
}

const char* const modelsUsage = "Usage: twinbench-run models [MODULE] [--json]\n"
                                "       twinbench-run models --card RUN [--json]\n";

// The VVUQ card of model run `text` (an id or a unique prefix), judged against the thresholds
// of its twin's metadata when the twin is installed.
int printCard(const QString& text, bool json) {
    twins::federation::RunManager manager;
    const QString id = runs::resolveRunId(manager, text);
    const auto record = manager.registry().find(id);
    const auto catalog =
        twins::sdk::ModuleCatalog::scan(twins::sdk::ModuleCatalog::defaultSearchPaths());
    const twins::sdk::ModuleEntry* module = record ? catalog.find(record->moduleId) : nullptr;
    const QJsonObject card =
        twins::runs::buildVvuqCard(manager.registry(), id, module ? &module->metadata : nullptr);
    if (json) {
        std::printf("%s", QJsonDocument(card).toJson().constData());
    } else {
        std::printf("%s", twins::runs::vvuqCardText(card).toUtf8().constData());
    }
    return 0;
}

} // namespace

int modelsCommand(const QStringList& arguments) {
    bool json = false;
    QString moduleId;
    QString cardRun;
    for (int index = 0; index < arguments.size(); ++index) {
        const QString& argument = arguments.at(index);
        if (argument == QLatin1String("--json")) {
            json = true;
        } else if (argument == QLatin1String("--card") && index + 1 < arguments.size() &&
                   cardRun.isEmpty() && !arguments.at(index + 1).startsWith(QLatin1Char('-'))) {
            cardRun = arguments.at(++index);
        } else if (argument.startsWith(QLatin1Char('-')) || !moduleId.isEmpty()) {
            std::fprintf(stderr, "twinbench-run models: unexpected argument '%s'\n%s",
                         qPrintable(argument), modelsUsage);
            return 2;
        } else {
            moduleId = argument;
        }
    }
    if (!cardRun.isEmpty() && !moduleId.isEmpty()) {
        std::fprintf(stderr, "twinbench-run models: --card takes a run, not a module\n%s",
                     modelsUsage);
        return 2;
    }
    try {
        if (!cardRun.isEmpty()) {
            return printCard(cardRun, json);
        }
        twins::federation::RunManager manager;
        const auto catalogue = twins::runs::ModelCatalogue::scan(manager.registry(), moduleId);
        for (const QString& problem : catalogue.problems()) {
            std::fprintf(stderr, "twinbench-run models: skipped: %s\n", qPrintable(problem));
        }
        if (json) {
            QJsonArray models;
            for (const auto& model : catalogue.models()) {
                models.append(modelJson(model));
            }
            std::printf("%s", QJsonDocument(models).toJson().constData());
            return 0;
        }
        if (catalogue.models().isEmpty()) {
            std::printf("no trained models%s\n",
                        moduleId.isEmpty() ? "" : qPrintable(QStringLiteral(" of ") + moduleId));
            return 0;
        }
        for (const auto& model : catalogue.models()) {
            std::printf("%-30s %-10s %-10s %s\n    %s\n    data: %s\n    code: Twinbench %s (%s)\n",
                        qPrintable(model.runId), qPrintable(model.moduleId),
                        model.validated ? "validated" : "not validated",
                        qPrintable(model.description), qPrintable(metricsText(model.metrics)),
                        qPrintable(model.trainingInputs.join(QStringLiteral(", "))),
                        qPrintable(model.twinbenchVersion), qPrintable(model.gitRevision));
        }
    } catch (const twins::runs::RunError& error) {
        return runs::fail("models", error.message());
    } catch (const twins::sdk::SdkError& error) {
        return runs::fail("models", error.message());
    }
    return 0;
}

} // namespace worker
