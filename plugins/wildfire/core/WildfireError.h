#pragma once

#include <stdexcept>

namespace wildfire {

// A request the generator cannot honour (a bounding box outside the globe, years reversed, an
// unknown scenario) or a file it cannot write. The message names the parameter at fault and
// what was expected; the actions turn it into a failed run with that message.
class WildfireError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace wildfire
