#include "twinbench/federation/FederationError.h"

namespace twins::federation {

FederationError::FederationError(const QString& message)
    : std::runtime_error(message.toStdString()) {}

} // namespace twins::federation
