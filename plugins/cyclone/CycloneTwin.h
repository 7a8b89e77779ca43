#pragma once

#include "twinbench/sdk/TwinModule.h"

#include <QObject>

#include <memory>

namespace cyclone {

// The tropical-cyclone twin (module id "cyclone"; metadata in cyclone.json). Only dispatch
// lives here; the science is in twinbench_cyclone_core (core/), the action wiring (parameters,
// inputs, outputs, progress, metrics) in one file per action.
class RetrackQuery;

class CycloneTwin : public QObject, public twins::sdk::TwinModule {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twinbench.TwinModule/1" FILE "cyclone.json")
    Q_INTERFACES(twins::sdk::TwinModule)

public:
    CycloneTwin();
    ~CycloneTwin() override;
    void runAction(const QString& actionId, twins::sdk::ActionContext& context) override;
    QJsonObject query(const QString& name, const QJsonObject& arguments) override;

private:
    std::unique_ptr<RetrackQuery> m_retrack; // keeps its loaded files between queries
};

void generateAction(twins::sdk::ActionContext& context);        // GenerateAction.cpp
void detectAction(twins::sdk::ActionContext& context);          // DetectAction.cpp
void detectClassicalAction(twins::sdk::ActionContext& context); // DetectClassicalAction.cpp
void trackAction(twins::sdk::ActionContext& context);           // TrackAction.cpp
void validateAction(twins::sdk::ActionContext& context);        // ValidateAction.cpp
void trainAction(twins::sdk::ActionContext& context);           // TrainAction.cpp
void inferAction(twins::sdk::ActionContext& context);           // InferAction.cpp
void tuneAction(twins::sdk::ActionContext& context);            // TuneAction.cpp

} // namespace cyclone
