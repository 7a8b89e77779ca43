#include "twinbench/sdk/TwinModule.h"

#include "twinbench/sdk/SdkError.h"

namespace twins::sdk {

void ActionContext::throwIfCancelled() const {
    if (isCancelled()) {
        throw ActionCancelled();
    }
}

QJsonObject TwinModule::query(const QString& name, const QJsonObject&) {
    throw UnknownQuery(name);
}

} // namespace twins::sdk
