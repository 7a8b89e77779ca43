#pragma once

#include "twinbench/sdk/TwinModule.h"

#include <QObject>

namespace calo {

// The calorimeter twin (module id "calogan"; metadata in calogan.json). Only dispatch lives
// here; the science is in twinbench_calo_core (core/), the wiring of each action in its file.
class CaloTwin : public QObject, public twins::sdk::TwinModule {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twinbench.TwinModule/1" FILE "calogan.json")
    Q_INTERFACES(twins::sdk::TwinModule)

public:
    void runAction(const QString& actionId, twins::sdk::ActionContext& context) override;
};

void simulateAction(twins::sdk::ActionContext& context); // SimulateAction.cpp
void validateAction(twins::sdk::ActionContext& context); // ValidateAction.cpp

} // namespace calo
