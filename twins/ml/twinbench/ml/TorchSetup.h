#pragma once

#include <cstdint>

// What every torch action does first. Torch-free header.
namespace twins::ml {

// Sets LibTorch's intra-op threads for this process and returns how many: `requested` when
// above 0, else every core the process may run on (its affinity mask, which SLURM and taskset
// narrow; a 4-core allocation on a 64-core node uses 4). LibTorch's own default here is 1
// thread (DESIGN.md), so every twin calls this before its first torch operation.
int useComputeThreads(int requested);

// Seeds LibTorch's default CPU generator (weight initialisation, dropout, torch::rand): a
// training is then reproducible on one machine with one thread count. Across thread counts
// and machines it is not: LibTorch's parallel reductions and oneDNN's kernels sum in another
// order. Data generators must use twins::sdk::Random (Random.h) instead.
void seedTorch(std::uint64_t seed);

} // namespace twins::ml
