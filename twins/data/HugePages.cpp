#include "twinbench/data/HugePages.h"

#include <cstdint>
#include <sys/mman.h>

namespace twins::data {

void adviseHugePages(void* data, std::size_t bytes) noexcept {
    constexpr std::uintptr_t hugePage = std::uintptr_t{2} << 20;
    constexpr std::size_t worthAdvising = std::size_t{4} << 20;
    if (data == nullptr || bytes < worthAdvising) {
        return;
    }
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (begin + hugePage - 1) & ~(hugePage - 1);
    const std::uintptr_t last = (begin + bytes) & ~(hugePage - 1);
    if (last > first) {
        // Best effort: EINVAL (no THP in this kernel) leaves ordinary pages, which is fine.
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
    }
}

} // namespace twins::data
