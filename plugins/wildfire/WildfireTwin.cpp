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
    } else {
        // The worker only calls actions of the metadata; this guards a metadata/code mismatch.
        throw twins::sdk::SdkError(QStringLiteral("module wildfire"),
                                   QStringLiteral("action '%1' is not implemented").arg(actionId));
    }
}

} // namespace wildfire
