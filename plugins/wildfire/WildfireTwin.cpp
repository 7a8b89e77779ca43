#include "WildfireTwin.h"

#include "twinbench/sdk/SdkError.h"

namespace wildfire {

void WildfireTwin::runAction(const QString& actionId, twins::sdk::ActionContext& context) {
    if (actionId == QLatin1String("generate")) {
        generateAction(context);
    } else if (actionId == QLatin1String("train")) {
        trainAction(context);
    } else if (actionId == QLatin1String("infer")) {
        inferAction(context);
    } else if (actionId == QLatin1String("validate")) {
        validateAction(context);
    } else if (actionId == QLatin1String("project")) {
        projectAction(context);
    } else {
        // The worker only calls actions of the metadata; this guards a metadata/code mismatch.
        throw twins::sdk::SdkError(QStringLiteral("module wildfire"),
                                   QStringLiteral("action '%1' is not implemented").arg(actionId));
    }
}

QJsonObject WildfireTwin::query(const QString& name, const QJsonObject& arguments) {
    if (name == QLatin1String("what_if")) {
        return whatIfQuery(arguments, m_whatIf);
    }
    return TwinModule::query(name, arguments); // throws UnknownQuery
}

} // namespace wildfire
