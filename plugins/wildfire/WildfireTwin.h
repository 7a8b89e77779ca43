#pragma once

#include "WhatIfQuery.h"
#include "twinbench/sdk/TwinModule.h"

#include <QObject>

namespace wildfire {

// The wildfire burned-area twin (module id "wildfire"; metadata in wildfire.json). Only
// dispatch lives here; the science is in twinbench_wildfire_core (core/), the action wiring
// (parameters, outputs, progress, metrics) in one file per action.
class WildfireTwin : public QObject, public twins::sdk::TwinModule {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twinbench.TwinModule/1" FILE "wildfire.json")
    Q_INTERFACES(twins::sdk::TwinModule)

public:
    void runAction(const QString& actionId, twins::sdk::ActionContext& context) override;
    QJsonObject query(const QString& name, const QJsonObject& arguments) override;

private:
    WhatIfCache m_whatIf; // the what_if query's loaded model and cube
};

void generateAction(twins::sdk::ActionContext& context); // GenerateAction.cpp
void trainAction(twins::sdk::ActionContext& context);    // TrainAction.cpp
void inferAction(twins::sdk::ActionContext& context);    // InferAction.cpp
void validateAction(twins::sdk::ActionContext& context); // ValidateAction.cpp
void projectAction(twins::sdk::ActionContext& context);  // ProjectAction.cpp

} // namespace wildfire
