#include "twinbench/runs/RunSpec.h"

#include "twinbench/runs/RunError.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QJsonArray>

namespace twins::runs {

namespace {

// `prefix` names the enclosing object for nested fields, e.g. "code_version.".
QString requiredText(const QJsonObject& json, const QString& field, const QString& source,
                     const QString& prefix = {}) {
    const QJsonValue value = json.value(field);
    if (value.isUndefined()) {
        throw RunError(source, QStringLiteral("missing field '%1%2'").arg(prefix, field));
    }
    if (!value.isString() || value.toString().isEmpty()) {
        throw RunError(
            source, QStringLiteral("field '%1%2' must be a non-empty string").arg(prefix, field));
    }
    return value.toString();
}

} // namespace

RunSpec RunSpec::forCurrentBuild(QString moduleId, QString action, QString backend) {
    RunSpec spec;
    spec.moduleId = std::move(moduleId);
    spec.action = std::move(action);
    spec.backend = std::move(backend);
    spec.twinbenchVersion = QString::fromStdString(twins::sdk::twinbenchVersion());
    spec.gitRevision = QString::fromStdString(twins::sdk::gitRevision());
    return spec;
}

QJsonObject RunSpec::toJson() const {
    QJsonObject codeVersion;
    codeVersion.insert(QStringLiteral("twinbench"), twinbenchVersion);
    codeVersion.insert(QStringLiteral("git_revision"), gitRevision);
    QJsonObject json;
    json.insert(QStringLiteral("module"), moduleId);
    json.insert(QStringLiteral("action"), action);
    json.insert(QStringLiteral("parameters"), parameters);
    json.insert(QStringLiteral("inputs"), QJsonArray::fromStringList(inputs));
    json.insert(QStringLiteral("backend"), backend);
    json.insert(QStringLiteral("code_version"), codeVersion);
    return json;
}

RunSpec RunSpec::fromJson(const QJsonObject& json, const QString& source) {
    RunSpec spec;
    spec.moduleId = requiredText(json, QStringLiteral("module"), source);
    spec.action = requiredText(json, QStringLiteral("action"), source);
    spec.backend = requiredText(json, QStringLiteral("backend"), source);

    // parameters and inputs may be left out (a module without parameters, a run without
    // inputs), but when present they must have the right shape.
    const QJsonValue parameters = json.value(QStringLiteral("parameters"));
    if (!parameters.isUndefined() && !parameters.isObject()) {
        throw RunError(source, QStringLiteral("field 'parameters' must be an object"));
    }
    spec.parameters = parameters.toObject();

    const QJsonValue inputs = json.value(QStringLiteral("inputs"));
    if (!inputs.isUndefined() && !inputs.isArray()) {
        throw RunError(source, QStringLiteral("field 'inputs' must be an array of strings"));
    }
    const QJsonArray inputList = inputs.toArray();
    for (qsizetype index = 0; index < inputList.size(); ++index) {
        if (!inputList[index].isString() || inputList[index].toString().isEmpty()) {
            throw RunError(
                source, QStringLiteral("field 'inputs[%1]' must be a non-empty string").arg(index));
        }
        spec.inputs << inputList[index].toString();
    }

    // Without the code version a run's provenance would be incomplete: it is required.
    const QJsonValue codeVersion = json.value(QStringLiteral("code_version"));
    if (codeVersion.isUndefined()) {
        throw RunError(source, QStringLiteral("missing field 'code_version'"));
    }
    if (!codeVersion.isObject()) {
        throw RunError(source, QStringLiteral("field 'code_version' must be an object"));
    }
    const QString prefix = QStringLiteral("code_version.");
    spec.twinbenchVersion =
        requiredText(codeVersion.toObject(), QStringLiteral("twinbench"), source, prefix);
    spec.gitRevision =
        requiredText(codeVersion.toObject(), QStringLiteral("git_revision"), source, prefix);
    return spec;
}

} // namespace twins::runs
