#pragma once

// The GAN's speed-up against what it would replace (issue 23, item 2): showers per CPU second
// of the trained generator (batch 128) and of the particle-level cascade reference
// (cascade/CascadeShower.h) at the same energies, on one thread each, in one process, so the
// ratio holds on a shared machine where each rate alone would not. The train action records
// them in model.json (the model's VVUQ card shows them); bench_calogan measures the same
// through the worker.

#include <functional>
#include <string>
#include <vector>

namespace calo {

struct SpeedAtEnergy {
    double energyGeV = 0.0;
    double ganShowersPerCpuSecond = 0.0;     // batches of 128, one LibTorch thread
    double cascadeShowersPerCpuSecond = 0.0; // normal incidence, one thread
    double speedUp() const { return ganShowersPerCpuSecond / cascadeShowersPerCpuSecond; }
};

// modelDirectory: a train run's outputs/ (gan.json, generator.pt). cascadeShowers showers of
// the cascade per energy (one takes ~0.4 CPU s at 200 GeV); the GAN draws one timed batch of
// 128 per energy after an untimed one. throwIfCancelled is called between showers and batches.
// Leaves LibTorch on one thread.
std::vector<SpeedAtEnergy> measureSpeedUp(const std::string& modelDirectory,
                                          const std::vector<double>& energiesGeV,
                                          int cascadeShowers,
                                          const std::function<void()>& throwIfCancelled);

} // namespace calo
