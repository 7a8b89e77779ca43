#include "twinbench/ml/TorchSetup.h"

#include "twinbench/jobs/CpuState.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>

namespace twins::ml {

int useComputeThreads(int requested) {
    const int cores = twins::jobs::usableCores(requested);
    at::set_num_threads(cores);
    return cores;
}

void seedTorch(std::uint64_t seed) {
    at::manual_seed(seed);
}

} // namespace twins::ml
