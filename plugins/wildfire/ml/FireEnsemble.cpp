#include "FireEnsemble.h"

#include "DriverCube.h"
#include "WildfireError.h"
#include "twinbench/ml/TorchSetup.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace wildfire {

namespace {

std::size_t paddedTo(std::size_t size, std::size_t multiple) {
    return (size + multiple - 1) / multiple * multiple;
}

// [first, first + count) widened by `margin` on both sides, clamped to [0, limit).
std::pair<std::size_t, std::size_t> widened(std::size_t first, std::size_t count,
                                            std::size_t margin, std::size_t limit) {
    const std::size_t begin = first > margin ? first - margin : 0;
    const std::size_t end = std::min(limit, first + count + margin);
    return {begin, end - begin};
}

} // namespace

std::string gridShapeText(std::size_t rows, std::size_t columns) {
    return std::to_string(rows) + " x " + std::to_string(columns) + " (latitude x longitude)";
}

FireEnsemble::FireEnsemble(const std::vector<std::string>& modelDirectories, int passes,
                           int threads, std::uint64_t seed)
    : m_passes(passes) {
    for (const std::string& model : modelDirectories) {
        m_configs.push_back(readFireNetConfig(model));
        const FireNetConfig& config = m_configs.back();
        if (config.drivers != m_configs.front().drivers ||
            config.leadSteps != m_configs.front().leadSteps) {
            throw WildfireError("model " + model + " has other drivers or another lead (" +
                                std::to_string(config.leadSteps) + " steps) than model " +
                                modelDirectories.front() + " (" +
                                std::to_string(m_configs.front().leadSteps) +
                                " steps); an ensemble predicts one thing");
        }
        if (passes > 0 && config.dropout <= 0.0) {
            throw WildfireError("model " + model +
                                " was trained without dropout, so its Monte Carlo dropout "
                                "passes would all be equal; set mc_passes = 0 (one "
                                "deterministic pass per model) or train with dropout > 0");
        }
    }
    if (m_configs.empty()) {
        throw WildfireError("an ensemble needs at least one trained model");
    }
    m_predictors.reserve(m_configs.size());
    for (std::size_t m = 0; m < m_configs.size(); ++m) {
        m_predictors.emplace_back(m_configs[m], threads, seed + m);
    }
}

std::size_t FireEnsemble::members() const {
    return m_configs.size() * static_cast<std::size_t>(std::max(1, m_passes));
}

bool FireEnsemble::hasRegressionHead() const {
    for (const FirePredictor& predictor : m_predictors) {
        if (!predictor.hasRegressionHead()) {
            return false;
        }
    }
    return true;
}

void FireEnsemble::reseed(std::uint64_t seed) {
    twins::ml::seedTorch(seed);
}

void FireEnsemble::checkGrid(const DriverCube& cube) const {
    for (const FireNetConfig& config : m_configs) {
        if (config.gridRows != 0 &&
            (config.gridRows != cube.rows() || config.gridColumns != cube.columns())) {
            throw WildfireError("model " + config.directory + " was trained on a grid of " +
                                gridShapeText(config.gridRows, config.gridColumns) + "; the cube " +
                                cube.path() + " is " + gridShapeText(cube.rows(), cube.columns()) +
                                ". Generate the cube on the model's grid (resolution and bbox)");
        }
    }
}

double FireEnsemble::predict(const DriverCube& cube, std::size_t step, EnsembleStep& out,
                             const DriverAdjustment& adjust) {
    const std::size_t cells = cube.rows() * cube.columns();
    const bool withArea = hasRegressionHead();
    out.members.resize(members() * cells);
    out.areaMembers.resize(withArea ? members() * cells : 0);
    out.masked.assign(cells, 0);
    double seconds = 0.0;
    std::size_t member = 0;
    for (std::size_t m = 0; m < m_configs.size(); ++m) {
        const FireNetConfig& config = m_configs[m];
        const std::size_t multiple = std::size_t(1) << config.depth;
        const std::size_t rows = paddedTo(cube.rows(), multiple);
        const std::size_t columns = paddedTo(cube.columns(), multiple);
        m_drivers.resize(config.drivers.size() * rows * columns);
        cube.readStandardised(step, config.means, config.stds, rows, columns, m_drivers.data(),
                              m_masked, adjust);
        for (std::size_t i = 0; i < cells; ++i) {
            out.masked[i] |= m_masked[i];
        }
        const auto started = std::chrono::steady_clock::now();
        const FirePrediction p = m_predictors[m].predict(m_drivers.data(), rows, columns, m_passes);
        seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::size_t plane = rows * columns;
        for (std::size_t pass = 0; pass * plane < p.probability.size(); ++pass, ++member) {
            for (std::size_t r = 0; r < cube.rows(); ++r) {
                std::copy_n(p.probability.data() + pass * plane + r * columns, cube.columns(),
                            out.members.data() + member * cells + r * cube.columns());
                if (withArea) {
                    std::copy_n(p.burnedArea.data() + pass * plane + r * columns, cube.columns(),
                                out.areaMembers.data() + member * cells + r * cube.columns());
                }
            }
        }
    }
    return seconds;
}

void FireEnsemble::fixDropoutMasks(const DriverCube& cube, std::uint64_t seed) {
    for (std::size_t m = 0; m < m_configs.size(); ++m) {
        const std::size_t multiple = std::size_t(1) << m_configs[m].depth;
        m_predictors[m].fixDropoutMasks(paddedTo(cube.rows(), multiple),
                                        paddedTo(cube.columns(), multiple), m_passes, seed + m);
    }
}

double FireEnsemble::predictChange(const DriverCube& cube, std::size_t step, const CellBox& changed,
                                   const DriverAdjustment& adjust, EnsembleStep& out,
                                   std::size_t* computedCells) {
    const std::size_t cells = cube.rows() * cube.columns();
    const bool withArea = hasRegressionHead();
    if (out.members.size() != members() * cells || out.masked.size() != cells ||
        out.areaMembers.size() != (withArea ? members() * cells : 0)) {
        throw WildfireError("predictChange needs the step's whole prediction first");
    }
    if (computedCells != nullptr) {
        *computedCells = 0;
    }
    if (changed.rows == 0 || changed.columns == 0) {
        return 0.0;
    }
    double seconds = 0.0;
    std::size_t member = 0;
    for (std::size_t m = 0; m < m_configs.size(); ++m) {
        const FireNetConfig& config = m_configs[m];
        const std::size_t multiple = std::size_t(1) << config.depth;
        const std::size_t rows = paddedTo(cube.rows(), multiple);
        const std::size_t columns = paddedTo(cube.columns(), multiple);
        const std::size_t reach = receptiveReach(config.depth);
        // The cells the change can reach, and the window that computes them exactly: their
        // reach again on every side (a cell farther than `reach` from the window's zero
        // padding sees what it sees in the whole grid), aligned to the pooling.
        const auto [affectedRow, affectedRows] =
            widened(changed.row, changed.rows, reach, cube.rows());
        const auto [affectedColumn, affectedColumns] =
            widened(changed.column, changed.columns, reach, cube.columns());
        const auto [contextRow, contextRows] = widened(affectedRow, affectedRows, reach, rows);
        const auto [contextColumn, contextColumns] =
            widened(affectedColumn, affectedColumns, reach, columns);
        GridWindow window;
        window.row = contextRow / multiple * multiple;
        window.rows = paddedTo(contextRow + contextRows, multiple) - window.row;
        window.column = contextColumn / multiple * multiple;
        window.columns = paddedTo(contextColumn + contextColumns, multiple) - window.column;
        m_drivers.resize(config.drivers.size() * rows * columns);
        cube.readStandardised(step, config.means, config.stds, rows, columns, m_drivers.data(),
                              m_masked, adjust);
        for (std::size_t i = 0; i < cells; ++i) {
            out.masked[i] |= m_masked[i];
        }
        const auto started = std::chrono::steady_clock::now();
        const FirePrediction p =
            m_predictors[m].predict(m_drivers.data(), rows, columns, m_passes, window);
        seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (computedCells != nullptr) {
            *computedCells += window.rows * window.columns;
        }
        const std::size_t plane = window.rows * window.columns;
        for (std::size_t pass = 0; pass * plane < p.probability.size(); ++pass, ++member) {
            for (std::size_t r = affectedRow; r < affectedRow + affectedRows; ++r) {
                const std::size_t from = pass * plane + (r - window.row) * window.columns +
                                         (affectedColumn - window.column);
                const std::size_t to = member * cells + r * cube.columns() + affectedColumn;
                std::copy_n(p.probability.data() + from, affectedColumns, out.members.data() + to);
                if (withArea) {
                    std::copy_n(p.burnedArea.data() + from, affectedColumns,
                                out.areaMembers.data() + to);
                }
            }
        }
    }
    return seconds;
}

} // namespace wildfire
