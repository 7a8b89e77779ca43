#pragma once

#include <cstddef>

namespace twins::data {

// Asks the kernel to back the 2 MB-aligned interior of a large buffer that was allocated but not
// yet touched with transparent huge pages (madvise MADV_HUGEPAGE; Debian's default THP mode is
// "madvise"). A decoded 1440 x 721 field is 8 MB: with 4 KB pages its first write takes ~2,000
// page faults, which perf showed costing as much as the decoding itself, while NumPy (the peer
// of bench_data_read) advises huge pages for every array of 4 MB or more. Buffers under 4 MB,
// and kernels without THP, are left as they are; the advice never changes the contents.
void adviseHugePages(void* data, std::size_t bytes) noexcept;

} // namespace twins::data
