#pragma once

#include "twinbench/sdk/ModuleMetadata.h"

#include <QString>

namespace twins::federation {

// What the run in `runDirectory` asks a batch system for: its twin's declaration for its action
// (sdk::ActionResources, read from the plugin metadata without loading the plugin) applied to the
// run's parameters. Nothing declared (also: a twin not found in the plugin search path, an
// unreadable spec) gives an empty ActionResources, and the backend's defaults apply.
sdk::ActionResources runResources(const QString& runDirectory);

} // namespace twins::federation
