#include "CycloneError.h"

namespace cyclone {

CycloneError::CycloneError(const std::string& where, const std::string& what)
    : std::runtime_error(where.empty() ? what : where + ": " + what) {}

} // namespace cyclone
