#pragma once

#include <stdexcept>
#include <string>

namespace cyclone {

// Every failure of the cyclone core: the message names the file (or parameter), the variable or
// column at fault and what was expected, e.g.
//   "detections.csv line 7: column 'lat' is 'abc', expected a latitude in degrees north".
class CycloneError : public std::runtime_error {
public:
    CycloneError(const std::string& where, const std::string& what);
};

} // namespace cyclone
