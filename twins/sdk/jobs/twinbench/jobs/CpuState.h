#pragma once

namespace twins::jobs {

// Executes vzeroupper on CPUs with AVX, so plugin code starts with a clean vector-register state.
//
// Why: measured in this project (calorimeter and cyclone twins), inside the twinbench-run worker
// the thread that runs an action or answers a query starts with the upper halves of the YMM/ZMM
// registers "dirty" (left so by library code run before it, e.g. during plugin loading). Every
// legacy-SSE instruction of code built without AVX (which includes Debian's libm exp/log/pow)
// then pays a state-transition penalty or a false dependency on the upper halves: libm-heavy
// loops ran ~5.7x slower. A standalone program reproduces the slowdown by executing one 256-bit
// instruction first. Linux copies the register state into threads created afterwards, so
// clearing it before the plugin runs also gives the plugin's own threads a clean start.
//
// The worker calls this before every action (JobExecution) and before every query
// (ServeSession); plugins need not call it themselves.
void clearAvxUpperState();

} // namespace twins::jobs
