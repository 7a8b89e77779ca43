#include "TestTwin.h"

#include "TestField.h"
#include "twinbench/sdk/SdkError.h"

namespace testtwin {

void TestTwin::runAction(const QString& actionId, twins::sdk::ActionContext& context) {
    if (actionId == QLatin1String("generate")) {
        generateField(context);
    } else if (actionId == QLatin1String("sleep")) {
        sleepWhileCancellable(context);
    } else if (actionId == QLatin1String("fail")) {
        failOnRequest(context);
    } else if (actionId == QLatin1String("sum")) {
        sumField(context);
    } else if (actionId == QLatin1String("fit")) {
        fitPlane(context);
    } else if (actionId == QLatin1String("predict")) {
        predictField(context);
    } else {
        // The worker only calls actions of the metadata; this guards a metadata/code mismatch.
        throw twins::sdk::SdkError(QStringLiteral("module testtwin"),
                                   QStringLiteral("action '%1' is not implemented").arg(actionId));
    }
}

QJsonObject TestTwin::query(const QString& name, const QJsonObject& arguments) {
    if (name != QLatin1String("field_stats")) {
        if (QJsonObject answer = answerWhatIfQuery(name, arguments); !answer.isEmpty()) {
            return answer;
        }
        return TwinModule::query(name, arguments); // throws UnknownQuery
    }
    const FieldRequest request =
        FieldRequest::fromJson(arguments, QStringLiteral("testtwin query field_stats"));
    const FieldStatistics statistics = fieldStatistics(request);
    return QJsonObject{{QStringLiteral("mean"), statistics.mean},
                       {QStringLiteral("min"), statistics.minimum},
                       {QStringLiteral("max"), statistics.maximum},
                       {QStringLiteral("count"), statistics.count},
                       {QStringLiteral("units"), QStringLiteral("K")}};
}

} // namespace testtwin
