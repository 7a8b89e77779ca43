#pragma once

// A whole `simulate` run without Qt: draw the conditions of each shower, simulate it, write
// the showers file in blocks, and report progress between blocks (where the caller may stop).

#include "ShowerSimulator.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace calo {

// Which Monte Carlo reference simulates the showers: the GFlash-style parametrisation
// (ShowerSimulator, the fast default) or the particle-level electromagnetic cascade
// (cascade/CascadeShower.h, issue 23).
enum class ReferenceModel { Parametrised, Cascade };

// A block of showers just written to the file (for in-situ publishing): block `index` of
// `blocks`, `count` showers from event `first`, cells count x cellsPerShower in the file's
// layout, energies in GeV, thetas in radians.
struct WrittenBlock {
    std::size_t index = 0, blocks = 0, first = 0, count = 0;
    const float* cells = nullptr;
    const double* energiesGeV = nullptr;
    const double* thetasRad = nullptr;
};

struct SimulationPlan {
    std::vector<double> energiesGeV; // when not empty, showers cycle through these energies
    double energyMinGeV = 2.0;       // otherwise energies are uniform in [min, max]
    double energyMaxGeV = 500.0;
    double thetaMinDeg = 60.0; // theta is uniform in [min, max]
    double thetaMaxDeg = 120.0;
    std::size_t events = 100;
    std::uint64_t seed = 1;
    ReferenceModel reference = ReferenceModel::Parametrised;
    int threads = 1; // the cascade's showers in parallel; the file does not depend on it
    // Polled from inside the cascade's showers (one takes up to a second at 500 GeV); may be
    // called from several threads.
    std::function<bool()> cancelled;
    // Called after each block is written; may be empty.
    std::function<void(const WrittenBlock&)> blockWritten;
};

// The conditions of shower `event`: from their own random stream, so they do not depend on
// how many random numbers the showers before used.
ShowerConditions conditionsFor(const SimulationPlan& plan, std::size_t event);

// "50, 100,200" -> {50, 100, 200}; throws std::invalid_argument naming the bad item.
std::vector<double> parseNumberList(const std::string& text);

struct SimulationSummary {
    double seconds = 0.0;      // simulation only, without the file writing (wall clock)
    double cpuSeconds = 0.0;   // the same in CPU time (the machine may be shared): of the
                               // thread, or of the process for the multithreaded cascade
    double totalSeconds = 0.0; // including the file
    double meanSamplingFraction = 0.0;
};

// Called after each block with the showers done; returns false to stop (the file is then not
// committed and the function throws SimulationCancelled).
using ProgressCallback = std::function<bool(std::size_t done, std::size_t total)>;

struct SimulationCancelled {};

SimulationSummary simulateToFile(const SimulationPlan& plan, const std::string& path,
                                 const ProgressCallback& progress);

} // namespace calo
