#pragma once

#include <QString>

#include <stdexcept>

namespace twins::federation {

// Every failure of a backend operation (submission refused, cancel impossible, worker not
// found, ...) is a FederationError whose message names the backend, the run and what happened,
// e.g. "slurm: cannot submit run 2024...: sbatch: error: invalid partition specified: gpu".
class FederationError : public std::runtime_error {
public:
    explicit FederationError(const QString& message);

    QString message() const { return QString::fromUtf8(what()); }
};

} // namespace twins::federation
