#pragma once

#include "twinbench/sdk/TwinModule.h"

#include <QObject>

namespace testtwin {

// The test twin (module id "testtwin"; metadata in testtwin.json): the worked example of
// plugins/README.md and the fixture of the SDK and federation tests.
class TestTwin : public QObject, public twins::sdk::TwinModule {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twinbench.TwinModule/1" FILE "testtwin.json")
    Q_INTERFACES(twins::sdk::TwinModule)

public:
    void runAction(const QString& actionId, twins::sdk::ActionContext& context) override;
    QJsonObject query(const QString& name, const QJsonObject& arguments) override;
};

// The actions, one function each (TestTwinActions.cpp).
void generateField(twins::sdk::ActionContext& context);
void sleepWhileCancellable(twins::sdk::ActionContext& context);
[[noreturn]] void failOnRequest(twins::sdk::ActionContext& context);
void sumField(twins::sdk::ActionContext& context);
// Throws `message` as the exception `kind` names (TestTwinFaults.cpp).
[[noreturn]] void throwRequestedException(const QString& kind, const QString& message);
// The what-if queries with typed arguments and an answer kind (TestTwinQueries.cpp): the answer,
// or an empty object for a name that is not one of them.
QJsonObject answerWhatIfQuery(const QString& name, const QJsonObject& arguments);
// The model pair (TestTwinModel.cpp).
void fitPlane(twins::sdk::ActionContext& context);
void predictField(twins::sdk::ActionContext& context);

} // namespace testtwin
