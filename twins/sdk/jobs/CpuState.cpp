#include "twinbench/jobs/CpuState.h"

#include <algorithm>
#include <sched.h>

namespace twins::jobs {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

namespace {
// Compiled for AVX on its own (the project is built for baseline x86-64); only called after the
// run-time check below, so the worker still runs on CPUs without AVX.
__attribute__((target("avx"))) void zeroUpper() {
    __builtin_ia32_vzeroupper();
}
} // namespace

void clearAvxUpperState() {
    static const bool hasAvx = __builtin_cpu_supports("avx");
    if (hasAvx) {
        zeroUpper();
    }
}

#else

// Other architectures have no AVX transition penalty.
void clearAvxUpperState() {}

#endif

int usableCores(int requested) {
    if (requested > 0) {
        return requested;
    }
    cpu_set_t mask;
    CPU_ZERO(&mask);
    return sched_getaffinity(0, sizeof(mask), &mask) == 0 ? std::max(1, CPU_COUNT(&mask)) : 1;
}

} // namespace twins::jobs
