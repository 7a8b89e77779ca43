#include "CycloneTwin.h"

#include "RetrackQuery.h"
#include "twinbench/sdk/SdkError.h"

namespace cyclone {

CycloneTwin::CycloneTwin() : m_retrack(std::make_unique<RetrackQuery>()) {}

CycloneTwin::~CycloneTwin() = default;

QJsonObject CycloneTwin::query(const QString& name, const QJsonObject& arguments) {
    if (name == QLatin1String("retrack")) {
        return m_retrack->answer(arguments);
    }
    return TwinModule::query(name, arguments); // throws UnknownQuery
}

void CycloneTwin::runAction(const QString& actionId, twins::sdk::ActionContext& context) {
    if (actionId == QLatin1String("generate")) {
        generateAction(context);
    } else if (actionId == QLatin1String("detect")) {
        detectAction(context);
    } else if (actionId == QLatin1String("detect_classical")) {
        detectClassicalAction(context);
    } else if (actionId == QLatin1String("track")) {
        trackAction(context);
    } else if (actionId == QLatin1String("validate")) {
        validateAction(context);
    } else if (actionId == QLatin1String("train")) {
        trainAction(context);
    } else if (actionId == QLatin1String("infer")) {
        inferAction(context);
    } else if (actionId == QLatin1String("tune")) {
        tuneAction(context);
    } else {
        // The worker only calls actions of the metadata; this guards a metadata/code mismatch.
        throw twins::sdk::SdkError(QStringLiteral("module cyclone"),
                                   QStringLiteral("action '%1' is not implemented").arg(actionId));
    }
}

} // namespace cyclone
