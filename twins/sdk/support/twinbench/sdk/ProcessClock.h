#pragma once

namespace twins::sdk {

// CPU seconds of the whole process (every thread, LibTorch's included) since it started. On a
// shared machine this says what a step cost, where wall time says what the user waited; the
// difference of two readings is the cost of the code between them.
double processCpuSeconds();

} // namespace twins::sdk
