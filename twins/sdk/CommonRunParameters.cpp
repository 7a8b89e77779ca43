#include "twinbench/sdk/CommonRunParameters.h"

#include <QJsonArray>
#include <QJsonObject>

namespace twins::sdk {

namespace {

QJsonObject parameter(const char* key, const char* label, const char* type,
                      const QJsonValue& defaultValue, const char* help) {
    return QJsonObject{{QStringLiteral("key"), QLatin1String(key)},
                       {QStringLiteral("label"), QLatin1String(label)},
                       {QStringLiteral("type"), QLatin1String(type)},
                       {QStringLiteral("default"), defaultValue},
                       {QStringLiteral("help"), QLatin1String(help)}};
}

ParameterSchema makeCommonRunParameters() {
    QJsonObject mode = parameter(
        "insitu", "In-situ output", "enum", QStringLiteral("off"),
        "Publish fields while the run goes: 'extracts' writes CF NetCDF snapshots to the run's "
        "insitu/ folder, 'catalyst' also runs a ParaView Catalyst script (needs the adaptor).");
    mode.insert(
        QStringLiteral("choices"),
        QJsonArray{QStringLiteral("off"), QStringLiteral("extracts"), QStringLiteral("catalyst")});
    QJsonObject every = parameter(
        "insitu_every", "In-situ every", "integer", 0,
        "Publish every N steps; 0 chooses N so that the run gives at least ten extracts.");
    every.insert(QStringLiteral("minimum"), 0);
    every.insert(QStringLiteral("maximum"), 1000000);
    QJsonObject keep = parameter(
        "insitu_keep", "In-situ extracts kept", "integer", 200,
        "How many extracts the run keeps in insitu/; older ones are removed as new ones come.");
    keep.insert(QStringLiteral("minimum"), 1);
    keep.insert(QStringLiteral("maximum"), 100000);
    const QJsonArray json{
        mode, every,
        parameter("insitu_script", "Catalyst script", "string", QString(),
                  "A ParaView Catalyst Python script (e.g. exported from ParaView), run on each "
                  "published step when insitu is 'catalyst'."),
        parameter("insitu_live", "Catalyst Live", "string", QString(),
                  "HOST:PORT of a ParaView waiting for Catalyst Live; unreachable gives one "
                  "warning in the log and the run goes on."),
        keep};
    return ParameterSchema::fromJson(json, QStringLiteral("the SDK's common run parameters"));
}

} // namespace

const ParameterSchema& commonRunParameters() {
    static const ParameterSchema schema = makeCommonRunParameters();
    return schema;
}

bool isCommonRunParameter(const QString& key) {
    return commonRunParameters().find(key) != nullptr;
}

} // namespace twins::sdk
