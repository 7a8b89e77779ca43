#include "CaloTwin.h"

#include "twinbench/sdk/SdkError.h"

namespace calo {

void CaloTwin::runAction(const QString& actionId, twins::sdk::ActionContext& context) {
    if (actionId == QLatin1String("simulate")) {
        simulateAction(context);
    } else if (actionId == QLatin1String("validate")) {
        validateAction(context);
    } else {
        // The worker only calls actions of the metadata; this guards a metadata/code mismatch.
        throw twins::sdk::SdkError(QStringLiteral("module calogan"),
                                   QStringLiteral("action '%1' is not implemented").arg(actionId));
    }
}

} // namespace calo
