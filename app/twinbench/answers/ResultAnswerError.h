#pragma once

#include <stdexcept>

namespace twins::app {

// A run's result file that cannot be drawn as its result spec declares (a missing column, a
// value that is not a number, an unknown kind). The message names the file and what was
// expected, because it is shown to the user as is.
class ResultAnswerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace twins::app
