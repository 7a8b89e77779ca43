#include "CaloTwin.h"

#include "GanSampler.h"
#include "twinbench/sdk/SdkError.h"

namespace calo {

CaloTwin::CaloTwin() = default;
CaloTwin::~CaloTwin() = default;

void CaloTwin::runAction(const QString& actionId, twins::sdk::ActionContext& context) {
    if (actionId == QLatin1String("simulate")) {
        simulateAction(context);
    } else if (actionId == QLatin1String("validate")) {
        validateAction(context);
    } else if (actionId == QLatin1String("train")) {
        trainAction(context);
    } else if (actionId == QLatin1String("generate")) {
        generateAction(context);
    } else {
        // The worker only calls actions of the metadata; this guards a metadata/code mismatch.
        throw twins::sdk::SdkError(QStringLiteral("module calogan"),
                                   QStringLiteral("action '%1' is not implemented").arg(actionId));
    }
}

QJsonObject CaloTwin::query(const QString& name, const QJsonObject& arguments) {
    if (name == QLatin1String("shower")) {
        return showerQuery(arguments, m_samplers);
    }
    return TwinModule::query(name, arguments); // throws UnknownQuery
}

} // namespace calo
