#pragma once

#include <stdexcept>
#include <string>

namespace twins::sdk {

// A failure of the SDK's file helpers (atomic writes, CSV): what() is "<where>: <reason>", where
// `where` names the file, and for CSV the line and column, e.g.
//   "tracks.csv line 7: column 'lat' is 'abc', expected a latitude in degrees north".
// Derives from std::runtime_error, so the twins' existing catches see it.
class TwinFileError : public std::runtime_error {
public:
    TwinFileError(const std::string& where, const std::string& reason);
};

} // namespace twins::sdk
