#include "FireEnsemble.h"

#include "DriverCube.h"
#include "WildfireError.h"
#include "twinbench/ml/TorchSetup.h"

#include <algorithm>
#include <chrono>

namespace wildfire {

namespace {

std::size_t paddedTo(std::size_t size, std::size_t multiple) {
    return (size + multiple - 1) / multiple * multiple;
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
    out.members.resize(members() * cells);
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
        const std::vector<float> p =
            m_predictors[m].predict(m_drivers.data(), rows, columns, m_passes);
        seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::size_t plane = rows * columns;
        for (std::size_t pass = 0; pass * plane < p.size(); ++pass, ++member) {
            float* target = out.members.data() + member * cells;
            for (std::size_t r = 0; r < cube.rows(); ++r) {
                std::copy_n(p.data() + pass * plane + r * columns, cube.columns(),
                            target + r * cube.columns());
            }
        }
    }
    return seconds;
}

} // namespace wildfire
