#pragma once

// What the pulsar actions share: typed parameters, the simulator's settings from them, the
// run's output paths and id, and turning the core's std::invalid_argument into an SdkError
// that names the action.

#include "FrameSimulator.h"
#include "twinbench/sdk/TwinModule.h"

#include <QString>

#include <functional>
#include <string>

namespace pulsar {

// The simulator's settings from the parameters the action declares (those it does not
// declare keep their defaults). Throws SdkError naming `source` for a bad conal_latitudes.
SimulationConfig simulationConfig(const twins::sdk::ActionContext& context, const QString& source);

// Runs `work`, turning std::invalid_argument (a bad setting) into SdkError from `source`.
void withSettingsChecked(const QString& source, const std::function<void()>& work);

std::string outputPath(const twins::sdk::ActionContext& context, const QString& fileName);
std::string runId(const twins::sdk::ActionContext& context);

// The `seed` attribute of a simulate run's frames file, empty when the file has none or does not
// open (the independence checks of train and validate compare them).
QString simulationSeedOf(const QString& path);

// Worker threads for the action's `threads` parameter (0: every core the run may use).
int computeThreads(const twins::sdk::ActionContext& context);

} // namespace pulsar
