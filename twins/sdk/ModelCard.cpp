#include "twinbench/sdk/ModelCard.h"

#include "twinbench/sdk/BuildInfo.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QJsonArray>

#include <cmath>

namespace twins::sdk {

namespace {

// The name and format ModelCatalogue (twins/runs) reads; twins/runs links this library, not the
// other way round, so the two constants are repeated there and checked by its tests.
const QString manifestName = QStringLiteral("model.json");
const QString manifestFormat = QStringLiteral("twinbench-model/1");

QJsonObject finiteOnly(const QJsonObject& metrics) {
    QJsonObject result;
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        if (!it.value().isDouble() || std::isfinite(it.value().toDouble())) {
            result.insert(it.key(), it.value());
        }
    }
    return result;
}

} // namespace

double cpuHours(double cpuSeconds) {
    return cpuSeconds / 3600.0;
}

double energyEstimateWattHours(double cpuSeconds, double wattsPerCore) {
    return cpuHours(cpuSeconds) * wattsPerCore;
}

QJsonObject modelCardJson(const ModelCard& card, const QStringList& inputs) {
    QJsonObject data = card.trainingData;
    data.insert(QStringLiteral("inputs"), QJsonArray::fromStringList(inputs));
    return QJsonObject{
        {QStringLiteral("format"), manifestFormat},
        {QStringLiteral("weights"), QJsonArray::fromStringList(card.weights)},
        {QStringLiteral("metrics"), finiteOnly(card.metrics)},
        {QStringLiteral("validated"), card.validated},
        {QStringLiteral("description"), card.description},
        {QStringLiteral("training_data"), data},
        {QStringLiteral("training_domain"), card.trainingDomain},
        {QStringLiteral("training_cost"),
         QJsonObject{{QStringLiteral("wall_seconds"), card.wallSeconds},
                     {QStringLiteral("cpu_seconds"), card.cpuSeconds},
                     {QStringLiteral("threads"), card.threads},
                     {QStringLiteral("steps"), card.steps},
                     {QStringLiteral("cpu_hours"), cpuHours(card.cpuSeconds)},
                     {QStringLiteral("watts_per_core"), assumedWattsPerCore},
                     {QStringLiteral("energy_wh"), energyEstimateWattHours(card.cpuSeconds)}}},
        {QStringLiteral("code"),
         QJsonObject{{QStringLiteral("twinbench"), QString::fromStdString(twinbenchVersion())},
                     {QStringLiteral("git"), QString::fromStdString(gitRevision())},
                     {QStringLiteral("torch"), QString::fromStdString(torchVersion())}}}};
}

void writeModelCard(const QString& outputDirectory, const ModelCard& card,
                    const QStringList& inputs) {
    if (card.weights.isEmpty()) {
        throw SdkError(QDir(outputDirectory).filePath(manifestName),
                       QStringLiteral("a model card lists at least one weights file"));
    }
    writeJsonFile(QDir(outputDirectory).filePath(manifestName), modelCardJson(card, inputs));
}

} // namespace twins::sdk
