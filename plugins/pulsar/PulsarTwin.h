#pragma once

#include "FrameQuery.h"
#include "twinbench/sdk/TwinModule.h"

#include <QObject>

namespace pulsar {

// The pulsar and RFI twin (module id "pulsar"; metadata in pulsar.json). Only dispatch lives
// here; the science is in twinbench_pulsar_core (core/), the wiring of each action in its file.
class PulsarTwin : public QObject, public twins::sdk::TwinModule {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twinbench.TwinModule/1" FILE "pulsar.json")
    Q_INTERFACES(twins::sdk::TwinModule)

public:
    void runAction(const QString& actionId, twins::sdk::ActionContext& context) override;
    QJsonObject query(const QString& name, const QJsonObject& arguments) override;

private:
    // Networks loaded by the `frame` query, by model directory: the session worker keeps this
    // module for its whole life, so each model's weights are read once per session.
    FrameModels m_frameModels;
};

void simulateAction(twins::sdk::ActionContext& context);   // SimulateAction.cpp
void filterbankAction(twins::sdk::ActionContext& context); // FilterbankAction.cpp
void dedisperseAction(twins::sdk::ActionContext& context); // DedisperseAction.cpp
void trainAction(twins::sdk::ActionContext& context);      // TrainAction.cpp
void classifyAction(twins::sdk::ActionContext& context);   // ClassifyAction.cpp
void validateAction(twins::sdk::ActionContext& context);   // ValidateAction.cpp

} // namespace pulsar
