#pragma once

namespace calo {

// Executes vzeroupper on CPUs with AVX. Measured in this project: inside the twinbench-run
// worker the action's thread starts with the upper halves of the YMM registers "dirty" (left
// so by some library code run before it), and then every SSE instruction of the non-AVX build
// (libm's exp/log included) pays a state-transition penalty: the shower simulation ran 5.7x
// slower (117 instead of 660 showers per CPU second at 100 GeV). A standalone program
// reproduces the slowdown by executing one 256-bit instruction first. Calling this at the
// start of every hot loop makes the cost independent of what ran before.
void clearAvxUpperState();

} // namespace calo
