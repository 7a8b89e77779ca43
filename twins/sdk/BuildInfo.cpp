#include "twinbench/sdk/BuildInfo.h"

#include "twinbench/sdk/BuildConfig.h"

namespace twins::sdk {

std::string twinbenchVersion() {
    return TWINBENCH_VERSION;
}
std::string gitRevision() {
    return TWINBENCH_GIT_REVISION;
}
std::string torchVersion() {
    return TWINBENCH_TORCH_VERSION;
}
std::string versionLine() {
    return "Twinbench " + twinbenchVersion() + " (" + gitRevision() + ")";
}

} // namespace twins::sdk
