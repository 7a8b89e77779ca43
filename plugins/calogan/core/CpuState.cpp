#include "CpuState.h"

namespace calo {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

namespace {
// Compiled for AVX on its own; only called after the run-time check below.
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

void clearAvxUpperState() {}

#endif

} // namespace calo
