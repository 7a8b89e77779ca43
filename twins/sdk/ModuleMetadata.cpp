#include "twinbench/sdk/ModuleMetadata.h"

#include "twinbench/sdk/CommonRunParameters.h"
#include "twinbench/sdk/SdkError.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace twins::sdk {

namespace {

// Reads one JSON object's fields, rejecting unknown ones (a misspelt "defualt" or "paramters"
// would otherwise silently vanish) and wrong types, with messages naming `where`.
class FieldReader {
public:
    FieldReader(const QJsonObject& object, QString where, const QStringList& knownFields)
        : m_object(object), m_where(std::move(where)) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!knownFields.contains(it.key())) {
                throw SdkError(m_where, QStringLiteral("unknown field '%1' (fields: %2)")
                                            .arg(it.key(), knownFields.join(QStringLiteral(", "))));
            }
        }
    }

    QString text(const QString& field, bool required) const {
        const QJsonValue value = m_object.value(field);
        if (value.isUndefined() && !required) {
            return {};
        }
        if (!value.isString() || (required && value.toString().isEmpty())) {
            throw SdkError(m_where,
                           QStringLiteral("field '%1' must be %2text")
                               .arg(field, required ? QStringLiteral("non-empty ") : QString()));
        }
        return value.toString();
    }

    QJsonArray array(const QString& field, bool required) const {
        const QJsonValue value = m_object.value(field);
        if (value.isUndefined() && !required) {
            return {};
        }
        if (!value.isArray()) {
            throw SdkError(m_where, QStringLiteral("field '%1' must be an array").arg(field));
        }
        return value.toArray();
    }

    QJsonObject object(const QString& field) const {
        const QJsonValue value = m_object.value(field);
        if (value.isUndefined()) {
            return {};
        }
        if (!value.isObject()) {
            throw SdkError(m_where, QStringLiteral("field '%1' must be an object").arg(field));
        }
        return value.toObject();
    }

    bool has(const QString& field) const { return m_object.contains(field); }
    const QString& where() const { return m_where; }

private:
    QJsonObject m_object;
    QString m_where;
};

QJsonObject requireObject(const QJsonValue& value, const QString& where) {
    if (!value.isObject()) {
        throw SdkError(where, QStringLiteral("must be an object"));
    }
    return value.toObject();
}

QStringList textList(const QJsonArray& array, const QString& where, const QString& field) {
    QStringList result;
    for (const QJsonValue& value : array) {
        if (!value.isString() || value.toString().isEmpty()) {
            throw SdkError(where,
                           QStringLiteral("every entry of '%1' must be non-empty text").arg(field));
        }
        result.append(value.toString());
    }
    return result;
}

// A positive whole number, or 0 when `field` is absent.
int positiveCount(const QJsonObject& object, const QString& field, const QString& where) {
    const QJsonValue value = object.value(field);
    if (value.isUndefined()) {
        return 0;
    }
    const double number = value.toDouble(-1.0);
    if (!value.isDouble() || number < 1.0 || number != std::floor(number) || number > 1e9) {
        throw SdkError(where, QStringLiteral("field '%1' must be a whole number >= 1").arg(field));
    }
    return static_cast<int>(number);
}

ActionResources parseResources(const QJsonObject& json, const QString& where,
                               const ParameterSchema& parameters, const QStringList& actionKeys) {
    const FieldReader reader(
        json, where,
        {QStringLiteral("cpus"), QStringLiteral("memory_mib"), QStringLiteral("cpus_parameter")});
    ActionResources resources;
    resources.cpus = positiveCount(json, QStringLiteral("cpus"), where);
    resources.memoryMiB = positiveCount(json, QStringLiteral("memory_mib"), where);
    resources.cpusParameter = reader.text(QStringLiteral("cpus_parameter"), false);
    if (!resources.cpusParameter.isEmpty()) {
        const ParameterSpec* spec = parameters.find(resources.cpusParameter);
        if (!actionKeys.contains(resources.cpusParameter) || spec == nullptr ||
            spec->type != ParameterType::Integer) {
            throw SdkError(where, QStringLiteral("cpus_parameter '%1' must be one of the action's "
                                                 "integer parameters")
                                      .arg(resources.cpusParameter));
        }
    }
    return resources;
}

ActionSpec parseAction(const QJsonValue& json, const QString& where,
                       const ParameterSchema& parameters) {
    const FieldReader reader(requireObject(json, where), where,
                             {QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("help"),
                              QStringLiteral("inputs"), QStringLiteral("parameters"),
                              QStringLiteral("resources")});
    ActionSpec action;
    action.id = reader.text(QStringLiteral("id"), true);
    action.label = reader.text(QStringLiteral("label"), false);
    if (action.label.isEmpty()) {
        action.label = action.id;
    }
    action.help = reader.text(QStringLiteral("help"), false);
    action.inputs = reader.text(QStringLiteral("inputs"), false);
    if (reader.has(QStringLiteral("parameters"))) {
        action.parameterKeys = textList(reader.array(QStringLiteral("parameters"), true), where,
                                        QStringLiteral("parameters"));
        // Throws for a key the module does not declare.
        parameters.subset(action.parameterKeys, QStringLiteral("%1 ('%2')").arg(where, action.id));
    } else {
        action.parameterKeys = parameters.keys();
    }
    action.resources = parseResources(reader.object(QStringLiteral("resources")),
                                      QStringLiteral("%1 ('%2') resources").arg(where, action.id),
                                      parameters, action.parameterKeys);
    return action;
}

// `where` already names the plugin file; messages about a query also name the module and the
// query, because the Explore dock and `twinbench-run modules` show them away from the file.
QuerySpec parseQuery(const QJsonValue& json, const QString& where, const QString& moduleId,
                     const ParameterSchema& parameters) {
    const FieldReader reader(requireObject(json, where), where,
                             {QStringLiteral("name"), QStringLiteral("help"),
                              QStringLiteral("arguments"), QStringLiteral("parameters"),
                              QStringLiteral("answer")});
    QuerySpec query;
    query.name = reader.text(QStringLiteral("name"), true);
    query.help = reader.text(QStringLiteral("help"), false);
    query.arguments = reader.text(QStringLiteral("arguments"), false);
    const QString named =
        QStringLiteral("%1 (module %2 query '%3')").arg(where, moduleId, query.name);
    if (reader.has(QStringLiteral("parameters"))) {
        query.parameterKeys = textList(reader.array(QStringLiteral("parameters"), true), named,
                                       QStringLiteral("parameters"));
        // Throws "names parameter 'x'" for a key the module does not declare.
        parameters.subset(query.parameterKeys, named);
        if (query.parameterKeys.removeDuplicates() > 0) {
            throw SdkError(named, QStringLiteral("field 'parameters' lists a parameter twice"));
        }
    }
    if (reader.has(QStringLiteral("answer"))) {
        query.answer = reader.text(QStringLiteral("answer"), true);
        if (!resultKinds().contains(query.answer)) {
            throw SdkError(named, QStringLiteral("answer kind '%1' is not one of %2")
                                      .arg(query.answer, resultKinds().join(QStringLiteral(", "))));
        }
    }
    return query;
}

ResultSpec parseResult(const QJsonValue& json, const QString& where,
                       const QList<ActionSpec>& actions) {
    const FieldReader reader(requireObject(json, where), where,
                             {QStringLiteral("kind"), QStringLiteral("action"),
                              QStringLiteral("output"), QStringLiteral("variable"),
                              QStringLiteral("title"), QStringLiteral("units"),
                              QStringLiteral("colormap"), QStringLiteral("options")});
    ResultSpec result;
    result.kind = reader.text(QStringLiteral("kind"), true);
    if (!resultKinds().contains(result.kind)) {
        throw SdkError(where, QStringLiteral("kind '%1' is not one of %2")
                                  .arg(result.kind, resultKinds().join(QStringLiteral(", "))));
    }
    result.action = reader.text(QStringLiteral("action"), true);
    const bool knownAction = std::any_of(
        actions.begin(), actions.end(), [&](const ActionSpec& a) { return a.id == result.action; });
    if (!knownAction) {
        throw SdkError(where, QStringLiteral("names action '%1', which the module does not "
                                             "declare")
                                  .arg(result.action));
    }
    result.output = reader.text(QStringLiteral("output"), true);
    result.variable = reader.text(QStringLiteral("variable"), false);
    result.title = reader.text(QStringLiteral("title"), false);
    result.units = reader.text(QStringLiteral("units"), false);
    result.colormap = reader.text(QStringLiteral("colormap"), false);
    result.options = reader.object(QStringLiteral("options"));
    return result;
}

FitnessThreshold parseThreshold(const QJsonValue& json, const QString& where,
                                const QList<ActionSpec>& actions) {
    const QJsonObject object = requireObject(json, where);
    const FieldReader reader(object, where,
                             {QStringLiteral("metric"), QStringLiteral("at_least"),
                              QStringLiteral("at_most"), QStringLiteral("from"),
                              QStringLiteral("why")});
    FitnessThreshold threshold;
    threshold.metric = reader.text(QStringLiteral("metric"), true);
    threshold.from = reader.text(QStringLiteral("from"), true);
    threshold.why = reader.text(QStringLiteral("why"), false);
    const bool atLeast = reader.has(QStringLiteral("at_least"));
    const bool atMost = reader.has(QStringLiteral("at_most"));
    if (atLeast == atMost) {
        throw SdkError(where,
                       QStringLiteral("threshold on '%1' names %2 of 'at_least' and 'at_most': a "
                                      "threshold states exactly one bound (a range is two "
                                      "thresholds)")
                           .arg(threshold.metric,
                                atLeast ? QStringLiteral("both") : QStringLiteral("neither")));
    }
    const QString boundField = atLeast ? QStringLiteral("at_least") : QStringLiteral("at_most");
    const QJsonValue bound = object.value(boundField);
    if (!bound.isDouble() || !std::isfinite(bound.toDouble())) {
        throw SdkError(where,
                       QStringLiteral("threshold on '%1': field '%2' must be a finite number")
                           .arg(threshold.metric, boundField));
    }
    threshold.atLeast = atLeast;
    threshold.bound = bound.toDouble();
    const bool knownAction = std::any_of(actions.begin(), actions.end(), [&](const ActionSpec& a) {
        return a.id == threshold.from;
    });
    if (!knownAction) {
        throw SdkError(where, QStringLiteral("threshold on '%1' names action '%2' in 'from', which "
                                             "the module does not declare")
                                  .arg(threshold.metric, threshold.from));
    }
    return threshold;
}

void insertIfSet(QJsonObject& json, const QString& key, const QString& value) {
    if (!value.isEmpty()) {
        json.insert(key, value);
    }
}

} // namespace

QStringList resultKinds() {
    return {QStringLiteral("map"),           QStringLiteral("uncertainty"),
            QStringLiteral("tracks"),        QStringLiteral("points"),
            QStringLiteral("volume"),        QStringLiteral("spectrogram"),
            QStringLiteral("line_chart"),    QStringLiteral("histogram"),
            QStringLiteral("metrics_table"), QStringLiteral("xy_curves")};
}

QJsonObject ActionSpec::toJson() const {
    QJsonObject json{{QStringLiteral("id"), id}, {QStringLiteral("label"), label}};
    insertIfSet(json, QStringLiteral("help"), help);
    insertIfSet(json, QStringLiteral("inputs"), inputs);
    json.insert(QStringLiteral("parameters"), QJsonArray::fromStringList(parameterKeys));
    if (resources.declared()) {
        json.insert(QStringLiteral("resources"), resources.toJson());
    }
    return json;
}

ActionResources ActionResources::forRun(const QJsonObject& parameters) const {
    ActionResources run = *this;
    const int chosen = cpusParameter.isEmpty() ? 0 : parameters.value(cpusParameter).toInt(0);
    if (chosen > 0) {
        run.cpus = chosen;
    }
    return run;
}

QJsonObject ActionResources::toJson() const {
    QJsonObject json;
    if (cpus > 0) {
        json.insert(QStringLiteral("cpus"), cpus);
    }
    if (memoryMiB > 0) {
        json.insert(QStringLiteral("memory_mib"), memoryMiB);
    }
    if (!cpusParameter.isEmpty()) {
        json.insert(QStringLiteral("cpus_parameter"), cpusParameter);
    }
    return json;
}

QJsonObject QuerySpec::toJson() const {
    QJsonObject json{{QStringLiteral("name"), name}};
    insertIfSet(json, QStringLiteral("help"), help);
    insertIfSet(json, QStringLiteral("arguments"), arguments);
    if (!parameterKeys.isEmpty()) {
        json.insert(QStringLiteral("parameters"), QJsonArray::fromStringList(parameterKeys));
    }
    insertIfSet(json, QStringLiteral("answer"), answer);
    return json;
}

QJsonObject ResultSpec::toJson() const {
    QJsonObject json{{QStringLiteral("kind"), kind},
                     {QStringLiteral("action"), action},
                     {QStringLiteral("output"), output}};
    insertIfSet(json, QStringLiteral("variable"), variable);
    insertIfSet(json, QStringLiteral("title"), title);
    insertIfSet(json, QStringLiteral("units"), units);
    insertIfSet(json, QStringLiteral("colormap"), colormap);
    if (!options.isEmpty()) {
        json.insert(QStringLiteral("options"), options);
    }
    return json;
}

bool FitnessThreshold::passes(double value) const {
    if (std::isnan(value)) {
        return false;
    }
    return atLeast ? value >= bound : value <= bound;
}

QString FitnessThreshold::text() const {
    return QStringLiteral("%1 %2 %3")
        .arg(metric, atLeast ? QStringLiteral(">=") : QStringLiteral("<="))
        .arg(bound, 0, 'g', 6);
}

QJsonObject FitnessThreshold::toJson() const {
    QJsonObject json{{QStringLiteral("metric"), metric},
                     {atLeast ? QStringLiteral("at_least") : QStringLiteral("at_most"), bound},
                     {QStringLiteral("from"), from}};
    insertIfSet(json, QStringLiteral("why"), why);
    return json;
}

const ActionSpec* ModuleMetadata::findAction(const QString& actionId) const {
    for (const ActionSpec& action : actions) {
        if (action.id == actionId) {
            return &action;
        }
    }
    return nullptr;
}

const QuerySpec* ModuleMetadata::findQuery(const QString& queryName) const {
    for (const QuerySpec& query : queries) {
        if (query.name == queryName) {
            return &query;
        }
    }
    return nullptr;
}

QStringList ModuleMetadata::actionIds() const {
    QStringList ids;
    for (const ActionSpec& action : actions) {
        ids.append(action.id);
    }
    return ids;
}

ParameterSchema ModuleMetadata::actionParameters(const QString& actionId) const {
    const ActionSpec* action = findAction(actionId);
    if (!action) {
        throw SdkError(QStringLiteral("module %1").arg(id),
                       QStringLiteral("has no action '%1' (actions: %2)")
                           .arg(actionId, actionIds().join(QStringLiteral(", "))));
    }
    return parameters.subset(action->parameterKeys,
                             QStringLiteral("module %1 action %2").arg(id, actionId));
}

ParameterSchema ModuleMetadata::runParameters(const QString& actionId) const {
    QJsonArray json = actionParameters(actionId).toJson();
    for (const QJsonValue& common : commonRunParameters().toJson()) {
        json.append(common);
    }
    return ParameterSchema::fromJson(json, QStringLiteral("module %1 action %2").arg(id, actionId));
}

QStringList ModuleMetadata::queryNames() const {
    QStringList names;
    for (const QuerySpec& query : queries) {
        names.append(query.name);
    }
    return names;
}

ParameterSchema ModuleMetadata::queryParameters(const QString& queryName) const {
    const QuerySpec* query = findQuery(queryName);
    if (!query) {
        throw SdkError(QStringLiteral("module %1").arg(id),
                       QStringLiteral("has no query '%1' (queries: %2)")
                           .arg(queryName, queryNames().join(QStringLiteral(", "))));
    }
    return parameters.subset(query->parameterKeys,
                             QStringLiteral("module %1 query %2").arg(id, queryName));
}

ModuleMetadata ModuleMetadata::fromPluginMetaData(const QJsonObject& qpluginLoaderMetaData,
                                                  const QString& source) {
    const QString iid = qpluginLoaderMetaData.value(QStringLiteral("IID")).toString();
    if (iid != QLatin1String(twinModuleIid)) {
        throw SdkError(source, QStringLiteral("declares plugin IID '%1', expected '%2' (not a "
                                              "Twinbench twin module)")
                                   .arg(iid, QLatin1String(twinModuleIid)));
    }
    const QJsonValue metaData = qpluginLoaderMetaData.value(QStringLiteral("MetaData"));
    if (!metaData.isObject() || metaData.toObject().isEmpty()) {
        throw SdkError(source, QStringLiteral("has no module metadata: Q_PLUGIN_METADATA needs "
                                              "FILE \"<module>.json\" holding a JSON object"));
    }
    return fromJson(metaData.toObject(), source);
}

ModuleMetadata ModuleMetadata::fromJson(const QJsonObject& metaData, const QString& source) {
    ModuleMetadata module;
    // The ABI first: a plugin from another contract version may use other field names, and
    // "built for ABI 2" is the useful message, not "unknown field".
    const QJsonValue abiVersion = metaData.value(QStringLiteral("abiVersion"));
    if (!abiVersion.isDouble() || std::trunc(abiVersion.toDouble()) != abiVersion.toDouble()) {
        throw SdkError(source, QStringLiteral("field 'abiVersion' must be an integer (this "
                                              "Twinbench supports module ABI version %1)")
                                   .arg(twinModuleAbiVersion));
    }
    module.abiVersion = abiVersion.toInt();
    if (module.abiVersion != twinModuleAbiVersion) {
        throw SdkError(source, QStringLiteral("declares module ABI version %1, but this Twinbench "
                                              "supports version %2; rebuild the plugin against "
                                              "this Twinbench")
                                   .arg(module.abiVersion)
                                   .arg(twinModuleAbiVersion));
    }
    const FieldReader reader(
        metaData, source,
        {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("domain"),
         QStringLiteral("version"), QStringLiteral("description"), QStringLiteral("abiVersion"),
         QStringLiteral("parameters"), QStringLiteral("actions"), QStringLiteral("queries"),
         QStringLiteral("results"), QStringLiteral("fit_for_purpose")});
    module.id = reader.text(QStringLiteral("id"), true);
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9_-]*$"));
    if (!idPattern.match(module.id).hasMatch()) {
        throw SdkError(source, QStringLiteral("field 'id' is '%1': expected lower-case letters, "
                                              "digits, '_' and '-'")
                                   .arg(module.id));
    }
    module.name = reader.text(QStringLiteral("name"), true);
    module.domain = reader.text(QStringLiteral("domain"), true);
    module.version = reader.text(QStringLiteral("version"), true);
    module.description = reader.text(QStringLiteral("description"), false);
    module.parameters =
        ParameterSchema::fromJson(reader.array(QStringLiteral("parameters"), false), source);
    for (const QString& key : module.parameters.keys()) {
        if (isCommonRunParameter(key)) {
            throw SdkError(source,
                           QStringLiteral("declares parameter '%1', which the SDK adds to "
                                          "every action (common run parameters: %2)")
                               .arg(key, commonRunParameters().keys().join(QStringLiteral(", "))));
        }
    }

    const QJsonArray actions = reader.array(QStringLiteral("actions"), true);
    if (actions.isEmpty()) {
        throw SdkError(source, QStringLiteral("field 'actions' must list at least one action"));
    }
    QSet<QString> actionIds;
    for (int index = 0; index < actions.size(); ++index) {
        const QString where = QStringLiteral("%1: actions[%2]").arg(source).arg(index);
        ActionSpec action = parseAction(actions.at(index), where, module.parameters);
        if (actionIds.contains(action.id)) {
            throw SdkError(where, QStringLiteral("action '%1' is declared twice").arg(action.id));
        }
        actionIds.insert(action.id);
        module.actions.append(std::move(action));
    }
    const QJsonArray queries = reader.array(QStringLiteral("queries"), false);
    for (int index = 0; index < queries.size(); ++index) {
        const QString where = QStringLiteral("%1: queries[%2]").arg(source).arg(index);
        QuerySpec query = parseQuery(queries.at(index), where, module.id, module.parameters);
        if (module.findQuery(query.name)) {
            throw SdkError(
                where,
                QStringLiteral("module %1 declares query '%2' twice").arg(module.id, query.name));
        }
        module.queries.append(std::move(query));
    }
    const QJsonArray results = reader.array(QStringLiteral("results"), false);
    for (int index = 0; index < results.size(); ++index) {
        module.results.append(parseResult(results.at(index),
                                          QStringLiteral("%1: results[%2]").arg(source).arg(index),
                                          module.actions));
    }
    const QJsonArray thresholds = reader.array(QStringLiteral("fit_for_purpose"), false);
    for (int index = 0; index < thresholds.size(); ++index) {
        const QString where = QStringLiteral("%1: fit_for_purpose[%2]").arg(source).arg(index);
        FitnessThreshold threshold = parseThreshold(thresholds.at(index), where, module.actions);
        for (const FitnessThreshold& earlier : module.fitForPurpose) {
            if (earlier.metric == threshold.metric && earlier.from == threshold.from &&
                earlier.atLeast == threshold.atLeast) {
                throw SdkError(where, QStringLiteral("bounds '%1' from action '%2' twice (%3 "
                                                     "and %4)")
                                          .arg(threshold.metric, threshold.from, earlier.text(),
                                               threshold.text()));
            }
        }
        module.fitForPurpose.append(std::move(threshold));
    }
    return module;
}

QJsonObject ModuleMetadata::toJson() const {
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("name"), name},
                     {QStringLiteral("domain"), domain},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("abiVersion"), abiVersion},
                     {QStringLiteral("parameters"), parameters.toJson()}};
    insertIfSet(json, QStringLiteral("description"), description);
    QJsonArray actionArray;
    for (const ActionSpec& action : actions) {
        actionArray.append(action.toJson());
    }
    json.insert(QStringLiteral("actions"), actionArray);
    QJsonArray queryArray;
    for (const QuerySpec& query : queries) {
        queryArray.append(query.toJson());
    }
    json.insert(QStringLiteral("queries"), queryArray);
    QJsonArray resultArray;
    for (const ResultSpec& result : results) {
        resultArray.append(result.toJson());
    }
    json.insert(QStringLiteral("results"), resultArray);
    if (!fitForPurpose.isEmpty()) {
        QJsonArray thresholdArray;
        for (const FitnessThreshold& threshold : fitForPurpose) {
            thresholdArray.append(threshold.toJson());
        }
        json.insert(QStringLiteral("fit_for_purpose"), thresholdArray);
    }
    return json;
}

} // namespace twins::sdk
