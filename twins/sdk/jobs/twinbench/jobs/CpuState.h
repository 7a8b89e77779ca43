#pragma once

namespace twins::jobs {

// Executes vzeroupper on CPUs with AVX, so the code that follows starts with a clean
// vector-register state.
//
// Why: measured in this project (calorimeter and cyclone twins), inside the twinbench-run worker
// the thread that runs an action or answers a query starts with the upper halves of the YMM/ZMM
// registers "dirty" (left so by library code run before it, e.g. during plugin loading). Every
// legacy-SSE instruction of code built without AVX (which includes Debian's libm exp/log/pow)
// then pays a state-transition penalty or a false dependency on the upper halves: libm-heavy
// loops ran ~5.7x slower (the calorimeter's shower simulation: 117 instead of 660 showers per
// CPU second at 100 GeV). A standalone program reproduces the slowdown by executing one 256-bit
// instruction first. Linux copies the register state into threads created afterwards, so
// clearing it before the plugin runs also gives the plugin's own threads a clean start.
//
// The worker calls this before every action (JobExecution) and before every query
// (ServeSession). A plugin whose hot loops run after other AVX code of its own (e.g. calogan's
// simulation after LibTorch) calls it again at the start of each loop, which makes the loop's
// cost independent of what ran before; it links twinbench_cpu_state for that, not the worker's
// twinbench_jobs.
void clearAvxUpperState();

// The cores a compute loop should use: `requested` when above 0, else every core this process
// may run on (its affinity mask, which SLURM and taskset narrow; not the machine's count).
int usableCores(int requested);

} // namespace twins::jobs
