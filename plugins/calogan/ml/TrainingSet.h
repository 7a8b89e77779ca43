#pragma once

// The showers a GAN trains on, read from a showers file (ShowerFile.h) and preprocessed as the
// original 3DGAN does (GanConfig.h: Preprocessing), with the per-shower targets of the
// generator's auxiliary losses computed once: the deposited energy and the barycentre angle.
// A held-out split is summarised with the validate action's own observables, so the
// validation metrics streamed while training are the same numbers validate reports.

#include "GanConfig.h"
#include "ShowerMetrics.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace calo {

struct TrainingSet {
    Preprocessing preprocessing;
    // Training showers, preprocessed, (count x cellsPerShower) in cellIndex order.
    std::vector<float> cells;
    std::vector<float> energyGeV, thetaRad; // conditions
    std::vector<float> sumGeV;              // deposited (visible) energy after the threshold
    std::vector<float> angleRad;            // barycentre-track angle (true theta if undefined)
    // Deposited energy per layer after the threshold (size() x 25, GeV): what stage 1 of the
    // two-stage model learns; and the same of the held-out showers.
    std::vector<float> layerGeV, validationLayerGeV;
    // The held-out showers: their conditions (to generate the same with the GAN) and the
    // reference summary over all of them (one bin).
    std::vector<float> validationEnergyGeV, validationThetaRad;
    BinSummary validationReference;
    double cellScale = 1.0; // GanConfig::cellScale of these showers
    double occupancy = 0.0; // mean share of non-zero cells of the training showers
    double energyMinGeV = 0.0, energyMaxGeV = 0.0, thetaMinRad = 0.0, thetaMaxRad = 0.0;

    std::size_t size() const { return energyGeV.size(); }
};

// Reads at most `maxShowers` (0: all) showers of `path`; the last `validationShowers` of those
// are held out (never trained on). progress(done, total) is called between blocks and may
// throw to stop. Throws std::runtime_error naming the file when it holds fewer than
// validationShowers + 2 showers.
TrainingSet loadTrainingSet(const std::string& path, std::size_t maxShowers,
                            std::size_t validationShowers, const Preprocessing& preprocessing,
                            const std::function<void(std::size_t, std::size_t)>& progress);

// Preprocessed cells -> GeV (inverse power), with cells below the threshold set to 0 as the
// preprocessing does: the generator's output written to a showers file.
void postprocess(float* cells, std::size_t count, const Preprocessing& preprocessing);

} // namespace calo
