#pragma once

#include "FireNetConfig.h"
#include "FirePredictor.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// Torch-free: a deep ensemble of trained UNet++ models times Monte Carlo dropout passes, run on
// one step of a cube at a time (infer, project and the what_if query share it).
namespace wildfire {

class DriverCube;

// Changes a driver's raw field (rows x columns, the cube's units) before it is standardised,
// e.g. warmer and drier inside a region (what_if). Called once per driver with its name.
using DriverAdjustment = std::function<void(const std::string& driver, std::vector<double>& field)>;

// One step's predictions: members x rows x columns burned probabilities on the cube's grid
// (member-major), and the cells where an expected driver is missing for any model (no
// prediction there: the value is the network's answer to the driver's mean). With every model
// having the regression head, also each member's expected burned area (ha), laid out the same;
// else empty (the members are averaged in hectares, never in log space).
struct EnsembleStep {
    std::vector<float> members;
    std::vector<float> areaMembers;
    std::vector<unsigned char> masked;
};

// Cells of a cube's grid: rows [row, row + rows) x columns [column, column + columns).
struct CellBox {
    std::size_t row = 0;
    std::size_t rows = 0;
    std::size_t column = 0;
    std::size_t columns = 0;
};

class FireEnsemble {
public:
    // Reads every model's fire_net.json and loads its weights on `threads` LibTorch threads.
    // passes 0: one deterministic pass per model; N > 0: N Monte Carlo dropout passes each.
    // Throws WildfireError naming the model: drivers or lead other than the first model's, or
    // passes > 0 for a model trained without dropout.
    FireEnsemble(const std::vector<std::string>& modelDirectories, int passes, int threads,
                 std::uint64_t seed);

    const std::vector<FireNetConfig>& configs() const { return m_configs; }
    const FireNetConfig& first() const { return m_configs.front(); }
    int passes() const { return m_passes; }
    std::size_t members() const;
    // True when every model has the regression head (EnsembleStep::areaMembers is filled).
    bool hasRegressionHead() const;

    // Seeds the dropout masks: the same seed before two predictions gives the same masks, so
    // what differs between them is what the drivers changed.
    void reseed(std::uint64_t seed);

    // Throws WildfireError naming both shapes when a model was trained on another grid.
    void checkGrid(const DriverCube& cube) const;

    // The members' burned probability at the step `lead` after driver step `step` of `cube`.
    // Returns the seconds spent in the networks.
    double predict(const DriverCube& cube, std::size_t step, EnsembleStep& out,
                   const DriverAdjustment& adjust = {});

    // Draws every model's dropout masks once over its padded grid of `cube` (FirePredictor::
    // fixDropoutMasks): later predictions all use them, so predictChange matches predict.
    void fixDropoutMasks(const DriverCube& cube, std::uint64_t seed);

    // `out` holds predict()'s answer for `step` (fixed masks) with drivers that `adjust` changes
    // only inside `changed`. Recomputes, with the adjusted drivers, just the cells whose
    // receptive field reaches into `changed` (receptiveReach), running each network on those
    // cells plus its reach of context on every side (aligned to its pooling); every other cell
    // keeps its value, which the change cannot reach. The result equals predict() with `adjust`
    // up to rounding. Returns the seconds spent in the networks; `computedCells`, when given,
    // gets the number of cells the networks ran on (padded grid cells, summed over models).
    double predictChange(const DriverCube& cube, std::size_t step, const CellBox& changed,
                         const DriverAdjustment& adjust, EnsembleStep& out,
                         std::size_t* computedCells = nullptr);

private:
    std::vector<FireNetConfig> m_configs;
    std::vector<FirePredictor> m_predictors;
    int m_passes = 0;
    std::vector<float> m_drivers;
    std::vector<unsigned char> m_masked;
};

// "R x C (latitude x longitude)", for messages.
std::string gridShapeText(std::size_t rows, std::size_t columns);

} // namespace wildfire
