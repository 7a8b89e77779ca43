#pragma once

// Stage 2 of the two-stage model without a network (`train --set stage2=shapes`, issue 23): a
// learned lateral sampler. Stage 1 (LayerFlow.h) draws the 25 layer energies; this spreads each
// layer's energy over the 51 x 51 cells. Everything it uses is measured on training showers,
// no shower-profile formula is typed in:
// - the mean track of the layer centroids: per energy node and layer, x as a quadratic in
//   cot(theta) (an oblique shower's centroid moves along x with depth), y as a mean;
// - each shower's common offset from that track (the impact point within its pad): the
//   empirical distribution (quantiles) of the energy-weighted mean offset over the layers;
// - the lateral energy density about the layer centroid: per (energy node, angle node, layer)
//   the mean share of the layer energy in a cell whose centre lies at offset (dx, dy) from the
//   centroid, on a grid in asinh(d / 0.5 cell) (fine in the core, coarse in the tail);
// - the energy quantum ("spot") per energy node and layer: the layer energy is deposited as
//   Poisson(E_l / spot) spots of exponentially distributed energy in cells drawn from that
//   density (so shower-to-shower fluctuations of centroids and widths arise as in a shower),
//   the spot chosen so that the rendered training showers have the training showers' hit count
//   (cells above hitThresholdGeV) per layer.
// Energy and angle nodes are interpolated linearly (hat weights) both when fitting and when
// rendering. Torch-free.

#include "Geometry.h"
#include "twinbench/sdk/Random.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace calo {

struct LateralModel {
    static constexpr int gridBins = 40;            // per axis of the offset grid
    static constexpr double gridScaleCells = 0.5;  // s = asinh(d / scale)
    static constexpr double gridReachCells = 20.0; // |d| covered; beyond: no energy
    static constexpr int offsetQuantiles = 101;

    int energyNodes = 2, thetaNodes = 5;
    double energyMinGeV = 0.0, energyMaxGeV = 0.0, thetaMinRad = 0.0, thetaMaxRad = 0.0;
    std::vector<double> trackX;           // [energy node][layer][1, cot, cot^2] in cells
    std::vector<double> trackY;           // [energy node][layer] in cells
    std::vector<double> offsetX, offsetY; // quantiles of the shower's common offset, cells
    std::vector<float> density;  // [energy node][theta node][layer][bx][by], share per cell
    std::vector<double> spotGeV; // [energy node][layer]

    std::size_t densityIndex(int e, int t, int layer) const {
        return ((std::size_t(e) * std::size_t(thetaNodes) + std::size_t(t)) * layers +
                std::size_t(layer)) *
               gridBins * gridBins;
    }
};

// Training showers as the fit reads them: their conditions and, on request, one shower's cells
// in GeV (cellIndex order, cellsPerShower values).
struct LateralShowers {
    std::size_t count = 0;
    const float* energyGeV = nullptr;
    const float* thetaRad = nullptr;
    std::function<void(std::size_t, std::vector<float>&)> cells;
};

struct LateralFitSettings {
    int energyNodes = 2, thetaNodes = 5;
    std::size_t hitShowers = 600; // training showers rendered per step of the spot search
    std::uint64_t seed = 1;
};

// Fits the model on `showers` (at least 2). progress(done, total) between showers (may throw
// to cancel). Throws std::runtime_error when no shower deposits energy.
LateralModel fitLateralModel(const LateralShowers& showers, const LateralFitSettings& settings,
                             const std::function<void(std::size_t, std::size_t)>& progress = {});

// One shower in GeV (cellsPerShower values, overwritten) for the primary (GeV, radians) and
// its layer energies (25, GeV): each layer holds exactly layerGeV[l].
void renderShower(const LateralModel& model, double energyGeV, double thetaRad,
                  const float* layerGeV, twins::sdk::Random& random, float* cells);

// Binary file (outputs/lateral.bin of a train run). Throws std::runtime_error naming the file
// when it cannot be written or read, or holds something else.
void writeLateralModel(const std::string& path, const LateralModel& model);
LateralModel readLateralModel(const std::string& path);

} // namespace calo
