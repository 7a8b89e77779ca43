#pragma once

#include "FireNetConfig.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

// Torch-free interface of a trained burned-area network (FirePredictor.cpp holds torch).
namespace wildfire {

// A rectangle of a padded grid: rows [row, row + rows) x columns [column, column + columns).
struct GridWindow {
    std::size_t row = 0;
    std::size_t rows = 0;
    std::size_t column = 0;
    std::size_t columns = 0;
};

// How many cells beyond an output cell a UNet++ of this depth reads on each side (its receptive
// field's half-width, in cells of the input grid): outside that, a change of the drivers cannot
// change the cell's prediction. 23 for depth 2.
std::size_t receptiveReach(int depth);

// One prediction of every pass, pass-major: the burned probability and, for a network with the
// regression head, the expected burned area in ha (expm1 of its log1p; empty without the head).
struct FirePrediction {
    std::vector<float> probability;
    std::vector<float> burnedArea;
};

class FirePredictor {
public:
    // Loads config.weights into a UNet++ of config's architecture, on `threads` LibTorch
    // threads (0: every core), seeding the dropout masks with `seed`. Throws WildfireError
    // naming the weights file when they do not fit the architecture.
    FirePredictor(const FireNetConfig& config, int threads, std::uint64_t seed);
    ~FirePredictor();
    FirePredictor(FirePredictor&&) noexcept;
    FirePredictor& operator=(FirePredictor&&) noexcept;

    // drivers: channels x rows x columns, standardised and padded (rows and columns multiples
    // of 2^depth). passes 0: one deterministic pass; N > 0: N Monte Carlo dropout passes.
    // Returns the burned probability (and area) of every pass, max(1, passes) x rows x columns.
    FirePrediction predict(const float* drivers, std::size_t rows, std::size_t columns, int passes);

    // The same for `window` of that grid only (its row, column and sizes multiples of
    // 2^depth), the network's zero padding at the window's edges: max(1, passes) x
    // window.rows x window.columns. Cells farther than receptiveReach(depth) from every edge of
    // the window that is not an edge of the grid get the whole grid's prediction (with fixed
    // dropout masks, below).
    FirePrediction predict(const float* drivers, std::size_t rows, std::size_t columns, int passes,
                           const GridWindow& window);

    // Draws the dropout masks of `passes` Monte Carlo passes over a rows x columns padded grid
    // once, from `seed`; every later prediction of that many passes on that grid uses them
    // instead of fresh masks, so a window's prediction is the whole grid's, cell for cell, and
    // two predictions differ only by their drivers.
    void fixDropoutMasks(std::size_t rows, std::size_t columns, int passes, std::uint64_t seed);

    bool hasRegressionHead() const;

private:
    struct Model;
    std::unique_ptr<Model> m_model;
};

} // namespace wildfire
