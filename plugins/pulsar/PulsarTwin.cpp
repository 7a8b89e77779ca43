#include "PulsarTwin.h"

#include "twinbench/sdk/SdkError.h"

namespace pulsar {

void PulsarTwin::runAction(const QString& actionId, twins::sdk::ActionContext& context) {
    if (actionId == QLatin1String("simulate")) {
        simulateAction(context);
    } else if (actionId == QLatin1String("filterbank")) {
        filterbankAction(context);
    } else if (actionId == QLatin1String("dedisperse")) {
        dedisperseAction(context);
    } else if (actionId == QLatin1String("train")) {
        trainAction(context);
    } else if (actionId == QLatin1String("classify")) {
        classifyAction(context);
    } else if (actionId == QLatin1String("validate")) {
        validateAction(context);
    } else {
        // The worker only calls actions of the metadata; this guards a metadata/code mismatch.
        throw twins::sdk::SdkError(QStringLiteral("module pulsar"),
                                   QStringLiteral("action '%1' is not implemented").arg(actionId));
    }
}

QJsonObject PulsarTwin::query(const QString& name, const QJsonObject& arguments) {
    if (name == QLatin1String("frame")) {
        return frameQuery(arguments, m_frameModels);
    }
    return TwinModule::query(name, arguments); // throws UnknownQuery
}

} // namespace pulsar
