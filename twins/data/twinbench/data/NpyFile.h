#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace twins::data {

// Writes a NumPy .npy file, format version 1.0: little-endian float64 ('<f8'), C order, the
// given shape. Written here (a header of ten bytes plus a padded Python dict literal) because
// Debian has no C++ library for .npy, and the format is small and documented
// (numpy.lib.format). Throws DataError(path, "", ...) when the file cannot be written, or when
// values.size() is not the product of the shape. NaN stays NaN (numpy reads it as nan).
void writeNpy(const std::string& path, const std::vector<std::size_t>& shape,
              const std::vector<double>& values);

// The 10-byte preamble plus header text of writeNpy, exposed for tests.
std::string npyHeader(const std::vector<std::size_t>& shape);

} // namespace twins::data
