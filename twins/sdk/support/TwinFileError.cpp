#include "twinbench/sdk/TwinFileError.h"

namespace twins::sdk {

TwinFileError::TwinFileError(const std::string& where, const std::string& reason)
    : std::runtime_error(where.empty() ? reason : where + ": " + reason) {}

} // namespace twins::sdk
