#pragma once

#include <QString>

namespace twins::runs {

// Lower-case hex SHA-256 of a file's content, read in fixed-size chunks so multi-gigabyte
// outputs (checkpoints, NetCDF fields) never have to fit in memory. Throws RunError naming the
// file when it cannot be opened or read.
QString sha256OfFile(const QString& path);

} // namespace twins::runs
