#pragma once

#include "twinbench/sdk/ParameterSchema.h"

#include <QString>

namespace twins::sdk {

// Run parameters the SDK adds to every action of every twin (twins do not declare them): the
// in-situ settings of issue 24, read by twins/insitu's Publisher.
//   insitu        off | extracts | catalyst
//   insitu_every  publish every N steps; 0 picks N so a run gives at least ten extracts
//   insitu_script a ParaView Catalyst Python script, run by the Catalyst adaptor
//   insitu_live   HOST:PORT of a ParaView waiting for Catalyst Live
//   insitu_keep   how many extracts a run keeps in insitu/ (the oldest are removed first)
const ParameterSchema& commonRunParameters();

// True when `key` is one of commonRunParameters(): a twin may not declare it itself.
bool isCommonRunParameter(const QString& key);

} // namespace twins::sdk
