#include "twinbench/sdk/ProcessClock.h"

#include <ctime>

namespace twins::sdk {

double processCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
}

} // namespace twins::sdk
