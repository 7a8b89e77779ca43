// twinbench-run models: the model catalogue (twins/runs/ModelCatalogue.h) on the command line.
#include "RunCommandSupport.h"
#include "WorkerCommands.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/ModelCatalogue.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunStatus.h"

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

} // namespace

int modelsCommand(const QStringList& arguments) {
    bool json = false;
    QString moduleId;
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--json")) {
            json = true;
        } else if (argument.startsWith(QLatin1Char('-')) || !moduleId.isEmpty()) {
            std::fprintf(stderr,
                         "twinbench-run models: unexpected argument '%s'\n"
                         "Usage: twinbench-run models [MODULE] [--json]\n",
                         qPrintable(argument));
            return 2;
        } else {
            moduleId = argument;
        }
    }
    try {
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
    }
    return 0;
}

} // namespace worker
