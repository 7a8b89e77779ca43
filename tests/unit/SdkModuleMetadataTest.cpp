// A twin's plugin metadata: the fields read from QPluginLoader::metaData(), per-action parameter
// lists, result specs, and every refusal (wrong IID, missing metadata, ABI version, malformed or
// unknown fields, dangling references) naming the plugin and the field.
#include "twinbench/sdk/ModuleMetadata.h"
#include "twinbench/sdk/SdkError.h"

#include <QJsonDocument>
#include <QTest>

using namespace twins::sdk;

namespace {

const char* validMetaData = R"({
  "id": "wave", "name": "Wave twin", "domain": "ocean", "version": "0.3.1",
  "description": "waves", "abiVersion": 1,
  "parameters": [
    {"key": "height", "type": "number", "unit": "m", "default": 2},
    {"key": "members", "type": "integer", "default": 8},
    {"key": "basin", "type": "enum", "choices": ["atlantic", "pacific"], "default": "atlantic"}
  ],
  "actions": [
    {"id": "simulate", "label": "Simulate", "inputs": "none", "parameters": ["height", "basin"]},
    {"id": "validate",
     "resources": {"cpus": 2, "memory_mib": 3072, "cpus_parameter": "members"}}
  ],
  "queries": [{"name": "one_step", "help": "a single step", "arguments": "height"},
              {"name": "spectrum", "help": "wave spectrum", "parameters": ["basin", "height"],
               "answer": "line_chart"}],
  "results": [
    {"kind": "map", "action": "simulate", "output": "waves.nc", "variable": "hs",
     "title": "Significant wave height", "units": "m", "colormap": "viridis",
     "options": {"x": "lon", "y": "lat"}},
    {"kind": "metrics_table", "action": "validate", "output": "scores.json"}
  ]
})";

QJsonObject metaDataObject(const char* text = validMetaData) {
    return QJsonDocument::fromJson(text).object();
}

QJsonObject pluginMetaData(const QJsonObject& metaData, const QString& iid = twinModuleIid) {
    return QJsonObject{{"IID", iid}, {"MetaData", metaData}, {"className", "WaveTwin"}};
}

QString refusal(const QJsonObject& pluginMetaData) {
    try {
        ModuleMetadata::fromPluginMetaData(pluginMetaData, QStringLiteral("/plugins/wave.so"));
    } catch (const SdkError& error) {
        return error.message();
    }
    return QStringLiteral("(accepted)");
}

QString refusalWith(const char* field, const QJsonValue& value) {
    QJsonObject metaData = metaDataObject();
    if (value.isUndefined()) {
        metaData.remove(field);
    } else {
        metaData.insert(field, value);
    }
    return refusal(pluginMetaData(metaData));
}

} // namespace

class SdkModuleMetadataTest : public QObject {
    Q_OBJECT

private slots:
    void readsEveryField() {
        const ModuleMetadata module =
            ModuleMetadata::fromPluginMetaData(pluginMetaData(metaDataObject()), "wave.so");
        QCOMPARE(module.id, QString("wave"));
        QCOMPARE(module.name, QString("Wave twin"));
        QCOMPARE(module.domain, QString("ocean"));
        QCOMPARE(module.version, QString("0.3.1"));
        QCOMPARE(module.description, QString("waves"));
        QCOMPARE(module.abiVersion, twinModuleAbiVersion);
        QCOMPARE(module.parameters.keys(), QStringList({"height", "members", "basin"}));
        QCOMPARE(module.actionIds(), QStringList({"simulate", "validate"}));
        QCOMPARE(module.findAction("simulate")->label, QString("Simulate"));
        QCOMPARE(module.findAction("validate")->label, QString("validate"));
        QVERIFY(!module.findAction("train"));
        QCOMPARE(module.findQuery("one_step")->arguments, QString("height"));
        // The old text-only form: no typed arguments, no answer kind.
        QVERIFY(module.findQuery("one_step")->parameterKeys.isEmpty());
        QVERIFY(module.findQuery("one_step")->answer.isEmpty());
        QCOMPARE(module.findQuery("spectrum")->parameterKeys, QStringList({"basin", "height"}));
        QCOMPARE(module.findQuery("spectrum")->answer, QString("line_chart"));
        QCOMPARE(module.queryNames(), QStringList({"one_step", "spectrum"}));
        QCOMPARE(module.results.size(), 2);
        QCOMPARE(module.results[0].kind, QString("map"));
        QCOMPARE(module.results[0].variable, QString("hs"));
        QCOMPARE(module.results[0].options.value("y").toString(), QString("lat"));
    }

    void actionsUseTheirOwnParameterLists() {
        const ModuleMetadata module = ModuleMetadata::fromJson(metaDataObject(), "wave.json");
        QCOMPARE(module.actionParameters("simulate").keys(), QStringList({"height", "basin"}));
        // No list in the metadata: the action takes every module parameter.
        QCOMPARE(module.actionParameters("validate").keys(),
                 QStringList({"height", "members", "basin"}));
        // A key of another action is unknown to this one.
        try {
            module.actionParameters("simulate").resolve({{"members", 4}});
            QFAIL("members accepted by an action that does not use it");
        } catch (const SdkError& error) {
            QVERIFY2(error.message().contains("'members'"), error.what());
        }
        try {
            module.actionParameters("train");
            QFAIL("unknown action accepted");
        } catch (const SdkError& error) {
            QVERIFY2(error.message().contains("no action 'train' (actions: simulate, validate)"),
                     error.what());
        }
    }

    void queriesTakeTypedParameters() {
        const ModuleMetadata module = ModuleMetadata::fromJson(metaDataObject(), "wave.json");
        const ParameterSchema spectrum = module.queryParameters("spectrum");
        QCOMPARE(spectrum.keys(), QStringList({"basin", "height"}));
        QCOMPARE(spectrum.find("height")->unit, QString("m"));
        QCOMPARE(spectrum.resolve({{"height", 3}}).value("basin").toString(), QString("atlantic"));
        QVERIFY(module.queryParameters("one_step").isEmpty());
        try {
            module.queryParameters("forecast");
            QFAIL("unknown query accepted");
        } catch (const SdkError& error) {
            QVERIFY2(error.message().contains(
                         "module wave: has no query 'forecast' (queries: one_step, spectrum)"),
                     error.what());
        }
    }

    void refusesMalformedQueries() {
        const auto withQuery = [](const QJsonObject& query) {
            return refusalWith("queries", QJsonArray{query});
        };
        const QString unknownKey = withQuery(
            QJsonObject{{"name", "spectrum"}, {"parameters", QJsonArray{"height", "period"}}});
        QVERIFY2(unknownKey.contains("/plugins/wave.so: queries[0] (module wave query "
                                     "'spectrum'): names parameter 'period'"),
                 qPrintable(unknownKey));
        const QString unknownKind =
            withQuery(QJsonObject{{"name", "spectrum"}, {"answer", "pie_chart"}});
        QVERIFY2(unknownKind.contains("(module wave query 'spectrum'): answer kind 'pie_chart' "
                                      "is not one of map, uncertainty"),
                 qPrintable(unknownKind));
        QVERIFY(withQuery(QJsonObject{{"name", "spectrum"}, {"answer", ""}})
                    .contains("field 'answer' must be non-empty text"));
        QVERIFY(withQuery(QJsonObject{{"name", "spectrum"}, {"parameters", "height"}})
                    .contains("field 'parameters' must be an array"));
        QVERIFY(withQuery(QJsonObject{{"name", "spectrum"},
                                      {"parameters", QJsonArray{"height", "height"}}})
                    .contains("lists a parameter twice"));
        QVERIFY(withQuery(QJsonObject{{"name", "spectrum"}, {"answr", "volume"}})
                    .contains("unknown field 'answr'"));
        QVERIFY(refusalWith("queries",
                            QJsonArray{QJsonObject{{"name", "a"}}, QJsonObject{{"name", "a"}}})
                    .contains("queries[1]: module wave declares query 'a' twice"));
    }

    // What a run of an action asks a batch system for, with a parameter able to raise the CPUs.
    void actionsDeclareResources() {
        const ModuleMetadata module = ModuleMetadata::fromJson(metaDataObject(), "wave.json");
        const ActionResources& declared = module.findAction("validate")->resources;
        QCOMPARE(declared.cpus, 2);
        QCOMPARE(declared.memoryMiB, 3072);
        QCOMPARE(declared.cpusParameter, QStringLiteral("members"));
        QCOMPARE(declared.forRun(QJsonObject{{"members", 6}}).cpus, 6);
        QCOMPARE(declared.forRun(QJsonObject{}).cpus, 2);
        QVERIFY(!module.findAction("simulate")->resources.declared()); // older twins: nothing
        const auto refusedResources = [](const QJsonObject& resources) {
            return refusalWith("actions",
                               QJsonArray{QJsonObject{{"id", "a"}, {"resources", resources}}});
        };
        QVERIFY(refusedResources({{"cpus", 0}}).contains("field 'cpus' must be a whole number"));
        QVERIFY(refusedResources({{"memory_mib", 1.5}}).contains("'memory_mib' must be a whole"));
        QVERIFY(refusedResources({{"memory", "4Gi"}}).contains("unknown field 'memory'"));
        QVERIFY(refusedResources({{"cpus_parameter", "basin"}})
                    .contains("cpus_parameter 'basin' must be one of the action's integer"));
    }

    void roundTripsThroughJson() {
        const ModuleMetadata module = ModuleMetadata::fromJson(metaDataObject(), "wave.json");
        const ModuleMetadata again = ModuleMetadata::fromJson(module.toJson(), "again");
        QCOMPARE(again.toJson(), module.toJson());
    }

    void refusesWrongIidAndMissingMetadata() {
        QVERIFY(refusal(pluginMetaData(metaDataObject(), "org.example.Other/1"))
                    .contains("/plugins/wave.so: declares plugin IID 'org.example.Other/1', "
                              "expected 'org.twinbench.TwinModule/1'"));
        QVERIFY(refusal(QJsonObject{{"IID", twinModuleIid}}).contains("has no module metadata"));
    }

    void refusesOtherAbiVersions() {
        QVERIFY(refusalWith("abiVersion", 999).contains("declares module ABI version 999"));
        QVERIFY(refusalWith("abiVersion", 999).contains("supports version 1"));
        QVERIFY(refusalWith("abiVersion", QJsonValue::Undefined)
                    .contains("field 'abiVersion' must be an integer"));
        QVERIFY(refusalWith("abiVersion", "1").contains("field 'abiVersion' must be an integer"));
    }

    void refusesMalformedFields() {
        QVERIFY(refusalWith("id", QJsonValue::Undefined).contains("field 'id' must be non-empty"));
        QVERIFY(refusalWith("id", "Wave Twin").contains("'Wave Twin': expected lower-case"));
        QVERIFY(refusalWith("name", 42).contains("field 'name' must be non-empty text"));
        QVERIFY(refusalWith("actions", QJsonArray()).contains("at least one action"));
        QVERIFY(refusalWith("actions", "simulate").contains("field 'actions' must be an array"));
        QVERIFY(refusalWith("paramters", QJsonArray()).contains("unknown field 'paramters'"));
        QVERIFY(refusalWith("actions", QJsonArray{QJsonObject{{"id", "a"},
                                                              {"parameters", QJsonArray{"depth"}}}})
                    .contains("names parameter 'depth'"));
        QVERIFY(
            refusalWith("actions", QJsonArray{QJsonObject{{"id", "a"}}, QJsonObject{{"id", "a"}}})
                .contains("action 'a' is declared twice"));
        QVERIFY(
            refusalWith("results", QJsonArray{QJsonObject{
                                       {"kind", "pie"}, {"action", "simulate"}, {"output", "x"}}})
                .contains("kind 'pie' is not one of map, uncertainty"));
        QVERIFY(refusalWith("results", QJsonArray{QJsonObject{
                                           {"kind", "map"}, {"action", "train"}, {"output", "x"}}})
                    .contains("results[0]: names action 'train'"));
        QVERIFY(refusalWith("parameters", QJsonArray{QJsonObject{{"key", "h"}, {"type", "float"}}})
                    .contains("parameters[0] ('h'): field 'type' is 'float'"));
    }
};

QTEST_GUILESS_MAIN(SdkModuleMetadataTest)
#include "SdkModuleMetadataTest.moc"
