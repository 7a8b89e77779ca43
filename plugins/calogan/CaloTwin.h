#pragma once

#include "twinbench/sdk/TwinModule.h"

#include <QObject>

#include <map>
#include <memory>
#include <string>

namespace calo {

class GanSampler;

// The calorimeter twin (module id "calogan"; metadata in calogan.json). Only dispatch lives
// here; the science is in twinbench_calo_core (core/) and the GAN in ml/, the wiring of each
// action and query in its file.
class CaloTwin : public QObject, public twins::sdk::TwinModule {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twinbench.TwinModule/1" FILE "calogan.json")
    Q_INTERFACES(twins::sdk::TwinModule)

public:
    CaloTwin();
    ~CaloTwin() override;

    void runAction(const QString& actionId, twins::sdk::ActionContext& context) override;
    QJsonObject query(const QString& name, const QJsonObject& arguments) override;

private:
    // Generators loaded by the `shower` query, by model directory: the session worker keeps
    // this module for its whole life, so each model's weights are read once per session.
    std::map<std::string, std::unique_ptr<GanSampler>> m_samplers;
};

void simulateAction(twins::sdk::ActionContext& context); // SimulateAction.cpp
void validateAction(twins::sdk::ActionContext& context); // ValidateAction.cpp
void trainAction(twins::sdk::ActionContext& context);    // TrainAction.cpp
void generateAction(twins::sdk::ActionContext& context); // GenerateAction.cpp
// ShowerQuery.cpp: one GAN shower and one reference shower for (energy, theta).
QJsonObject showerQuery(const QJsonObject& arguments,
                        std::map<std::string, std::unique_ptr<GanSampler>>& samplers);

} // namespace calo
