#pragma once

#include <string>

namespace twins::sdk {

// Version of Twinbench itself and the revision it was built from, for --version, the About
// dialog and provenance records.
std::string twinbenchVersion();
std::string gitRevision();
// LibTorch version the worker was built against (configure time; the GUI never loads torch).
std::string torchVersion();
// "Twinbench 0.1.0 (abc1234)"
std::string versionLine();

} // namespace twins::sdk
