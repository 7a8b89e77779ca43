#include "twinbench/runs/ModelCatalogue.h"

#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace twins::runs {

ModelEntry ModelCatalogue::readModel(const RunRecord& record) {
    const QDir outputs(QDir(record.runDirectory).filePath(QStringLiteral("outputs")));
    const QString manifestPath = outputs.filePath(QString::fromLatin1(modelManifestName));
    QFile file(manifestPath);
    if (!file.open(QIODevice::ReadOnly)) {
        throw RunError(manifestPath, QStringLiteral("cannot open: %1").arg(file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        throw RunError(manifestPath,
                       QStringLiteral("not a JSON object: %1").arg(parseError.errorString()));
    }
    const QJsonObject manifest = document.object();
    if (manifest.value(QStringLiteral("format")).toString() != QLatin1String(modelManifestFormat)) {
        throw RunError(manifestPath, QStringLiteral("field 'format' must be \"%1\"")
                                         .arg(QString::fromLatin1(modelManifestFormat)));
    }
    ModelEntry entry;
    entry.runId = record.id;
    entry.moduleId = record.moduleId;
    entry.action = record.action;
    entry.createdAt = record.createdAt;
    entry.runDirectory = record.runDirectory;
    const QJsonArray weights = manifest.value(QStringLiteral("weights")).toArray();
    if (weights.isEmpty()) {
        throw RunError(manifestPath, QStringLiteral("field 'weights' must list at least one file"));
    }
    for (const QJsonValue& weight : weights) {
        const QString path = outputs.filePath(weight.toString());
        if (!weight.isString() || !QFileInfo(path).isFile()) {
            throw RunError(manifestPath, QStringLiteral("weights file '%1' does not exist in %2")
                                             .arg(weight.toString(), outputs.path()));
        }
        entry.weightPaths << path;
    }
    entry.metrics = manifest.value(QStringLiteral("metrics")).toObject();
    for (auto it = entry.metrics.begin(); it != entry.metrics.end(); ++it) {
        if (!it.value().isDouble()) {
            throw RunError(manifestPath,
                           QStringLiteral("metric '%1' must be a number").arg(it.key()));
        }
    }
    const QJsonValue validated = manifest.value(QStringLiteral("validated"));
    if (!validated.isBool()) {
        throw RunError(manifestPath, QStringLiteral("field 'validated' must be true or false"));
    }
    entry.validated = validated.toBool();
    entry.description = manifest.value(QStringLiteral("description")).toString();
    const RunSpec spec = RunDirectory::open(record.runDirectory).spec();
    entry.trainingInputs = spec.inputs;
    entry.parameters = spec.parameters;
    entry.twinbenchVersion = spec.twinbenchVersion;
    entry.gitRevision = spec.gitRevision;
    return entry;
}

ModelCatalogue ModelCatalogue::scan(const RunRegistry& registry, const QString& moduleId) {
    ModelCatalogue catalogue;
    RunFilter filter;
    filter.state = RunState::Succeeded;
    filter.moduleId = moduleId;
    for (const RunRecord& record : registry.list(filter)) {
        const QString manifest =
            QDir(record.runDirectory)
                .filePath(QStringLiteral("outputs/") + QString::fromLatin1(modelManifestName));
        if (!QFileInfo::exists(manifest)) {
            continue; // not a training run
        }
        try {
            catalogue.m_models << readModel(record);
        } catch (const RunError& error) {
            catalogue.m_problems << QString::fromUtf8(error.what());
        }
    }
    return catalogue;
}

std::optional<ModelEntry> ModelCatalogue::newestValidated(const QString& moduleId) const {
    for (const ModelEntry& model : m_models) { // newest first, as the registry lists them
        if (model.moduleId == moduleId && model.validated) {
            return model;
        }
    }
    return std::nullopt;
}

} // namespace twins::runs
